package org.secc.testpki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * The files a {@link PkiGenerator} run wrote, with loaders. All PKCS#12 stores share one password.
 *
 * <ul>
 * <li>{@code secc.p12}: SECC leaf key with chain leaf ← CPO Sub-CA 2 ← CPO Sub-CA 1 (alias {@code secc})</li>
 * <li>{@code vehicle.p12}: OEM provisioning (vehicle) key with chain ← OEM Sub-CA 2 ← OEM Sub-CA 1 (alias {@code vehicle})</li>
 * <li>{@code v2g-root-trust.p12}: the V2G root as trust anchor (EV side); trust stores carry no MAC and no encryption</li>
 * <li>{@code oem-root-trust.p12}: the OEM root as trust anchor (SECC side)</li>
 * <li>PEM copies of every certificate and the two leaf keys (PKCS#8)</li>
 * </ul>
 */
public record TestPki(Path dir, char[] password) {
    public static final String SECC_KEYSTORE = "secc.p12";
    public static final String VEHICLE_KEYSTORE = "vehicle.p12";
    public static final String V2G_TRUST = "v2g-root-trust.p12";
    public static final String OEM_TRUST = "oem-root-trust.p12";

    public KeyStore seccKeys() throws IOException, GeneralSecurityException {
        return load(SECC_KEYSTORE);
    }

    public KeyStore vehicleKeys() throws IOException, GeneralSecurityException {
        return load(VEHICLE_KEYSTORE);
    }

    public KeyStore v2gRootTrust() throws IOException, GeneralSecurityException {
        return load(V2G_TRUST);
    }

    public KeyStore oemRootTrust() throws IOException, GeneralSecurityException {
        return load(OEM_TRUST);
    }

    public KeyStore load(String file) throws IOException, GeneralSecurityException {
        return org.secc.transport.tls.Tls.loadPkcs12(dir.resolve(file), password);
    }
}
