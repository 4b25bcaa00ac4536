package org.secc.app.pki;

import java.nio.file.Path;
import org.secc.testpki.PkiGenerator;

/**
 * The build's class-data training run starts the charger with TLS 1.3 (the ISO 15118-20
 * configuration, [V2G20-1235]), so its class list covers the TLS provider and key stores too: this
 * writes the test PKI it needs ({@code secc-app/pom.xml}, execution {@code cds-training-pki}).
 * Usage: {@code TrainingPki DIR}.
 */
public final class TrainingPki {
    private TrainingPki() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: TrainingPki DIR");
            System.exit(2);
        }
        new PkiGenerator().generate(Path.of(args[0]), PkiGenerator.DEFAULT_PASSWORD.toCharArray());
    }
}
