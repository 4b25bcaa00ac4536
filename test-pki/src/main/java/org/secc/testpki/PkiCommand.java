package org.secc.testpki;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code secc pki --out DIR}: writes a fresh ISO 15118-20 test PKI for bench use. */
@Command(name = "pki", mixinStandardHelpOptions = true,
        description = "Generate a test PKI (V2G root -> CPO Sub-CA 1/2 -> SECC leaf; OEM root -> OEM Sub-CA 1/2 -> vehicle), "
                + "ECDSA secp521r1 / SHA-512, as PKCS#12 and PEM.")
public final class PkiCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "directory to write into (created if missing)")
    Path out;

    @Option(names = "--password", defaultValue = PkiGenerator.DEFAULT_PASSWORD,
            description = "password of the PKCS#12 stores (default: ${DEFAULT-VALUE})")
    String password;

    @Option(names = "--secc-cn", defaultValue = PkiGenerator.DEFAULT_SECC_CN, description = "CN of the SECC leaf (default: ${DEFAULT-VALUE})")
    String seccCn;

    @Option(names = "--vehicle-cn", defaultValue = PkiGenerator.DEFAULT_VEHICLE_CN, description = "CN of the vehicle certificate (default: ${DEFAULT-VALUE})")
    String vehicleCn;

    @Option(names = "--key-type", defaultValue = "EC_P521",
            description = "EC_P521 (ECDSA secp521r1, SHA-512), ED448, or EC_P256 (ECDSA secp256r1, SHA-256: the ISO 15118-2 chain) (default: ${DEFAULT-VALUE})")
    PkiGenerator.KeyType keyType;

    @Override
    public Integer call() throws Exception {
        TestPki pki = new PkiGenerator(java.time.Instant.now(), seccCn, vehicleCn, keyType).generate(out, password.toCharArray());
        System.out.println("wrote test PKI to " + pki.dir().toAbsolutePath());
        return 0;
    }
}
