package org.secc.testpki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.logging.Logger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates a test PKI for ISO 15118-20 with Bouncy Castle: every key ECDSA secp521r1 and every
 * signature SHA512withECDSA ([V2G20-2674/2675/2673]), or all Ed448 ({@link KeyType#ED448}).
 *
 * <pre>
 * V2G root → CPO Sub-CA 1 → CPO Sub-CA 2 → SECC leaf        (SECC's TLS chain)
 * OEM root → OEM Sub-CA 1 → OEM Sub-CA 2 → vehicle (OEM provisioning certificate)
 * </pre>
 *
 * For tests and bench use only: keys are written unencrypted as PEM beside the PKCS#12 stores.
 */
public final class PkiGenerator {
    /** Bouncy Castle's JCA provider for generating and signing, used by name here only: the charger does not install it. */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private static final Logger LOG = Logger.getLogger(PkiGenerator.class.getName());
    public static final String DEFAULT_PASSWORD = "secc-test";
    /** Default SECC leaf CN: an EVSE ID as the -2/-20 profiles use for the SECC certificate [K]. */
    public static final String DEFAULT_SECC_CN = "DE*SEC*E0001*1";
    /** Default vehicle CN: a PCID-like 17/18 character identifier [K]. */
    public static final String DEFAULT_VEHICLE_CN = "WSECCVEHICLE00001";

    /**
     * Certificate key type: ECDSA secp521r1 with SHA-512 ([V2G20-2674]), Ed448 ([V2G20-2319], switch
     * [V2G20-2320]), or ECDSA secp256r1 with SHA-256 for ISO 15118-2's TLS 1.2 ([V2G2-006/007]: ECC on
     * secp256r1, 256-bit keys).
     */
    public enum KeyType {
        EC_P521("SHA512withECDSA", "secp521r1"), ED448("Ed448", null), EC_P256("SHA256withECDSA", "secp256r1");

        final String signature;
        final String curve;

        KeyType(String signature, String curve) {
            this.signature = signature;
            this.curve = curve;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final KeyType keyType;
    private final Instant now;
    private final String seccCn;
    private final String vehicleCn;

    public PkiGenerator(Instant now, String seccCn, String vehicleCn) {
        this(now, seccCn, vehicleCn, KeyType.EC_P521);
    }

    public PkiGenerator(Instant now, String seccCn, String vehicleCn, KeyType keyType) {
        this.keyType = keyType;
        this.now = now;
        this.seccCn = seccCn;
        this.vehicleCn = vehicleCn;
    }

    public PkiGenerator() {
        this(Instant.now(), DEFAULT_SECC_CN, DEFAULT_VEHICLE_CN);
    }

    /** Writes the whole PKI into {@code dir} (created if missing) and returns its description. */
    public TestPki generate(Path dir, char[] password) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        Issued v2gRoot = root(name("V2G Root CA", "V2G"), Duration.ofDays(365 * 10));
        Issued cpo1 = subCa(v2gRoot, name("CPO Sub-CA 1", "CPO"), 1, Duration.ofDays(365 * 4));
        Issued cpo2 = subCa(cpo1, name("CPO Sub-CA 2", "CPO"), 0, Duration.ofDays(365 * 2));
        Issued secc = leaf(cpo2, name(seccCn, "CPO"), Duration.ofDays(365));

        Issued oemRoot = root(name("OEM Root CA", "OEM"), Duration.ofDays(365 * 10));
        Issued oem1 = subCa(oemRoot, name("OEM Sub-CA 1", "OEM"), 1, Duration.ofDays(365 * 4));
        Issued oem2 = subCa(oem1, name("OEM Sub-CA 2", "OEM"), 0, Duration.ofDays(365 * 2));
        Issued vehicle = leaf(oem2, name(vehicleCn, "OEM"), Duration.ofDays(365));

        writeKeyStore(dir.resolve(TestPki.SECC_KEYSTORE), "secc", secc.keys.getPrivate(), password,
                secc.cert, cpo2.cert, cpo1.cert);
        writeKeyStore(dir.resolve(TestPki.VEHICLE_KEYSTORE), "vehicle", vehicle.keys.getPrivate(), password,
                vehicle.cert, oem2.cert, oem1.cert);
        writeTrust(dir.resolve(TestPki.V2G_TRUST), "v2g-root", v2gRoot.cert, password);
        writeTrust(dir.resolve(TestPki.OEM_TRUST), "oem-root", oemRoot.cert, password);

        pem(dir.resolve("v2g-root.pem"), v2gRoot.cert);
        pem(dir.resolve("cpo-sub-ca-1.pem"), cpo1.cert);
        pem(dir.resolve("cpo-sub-ca-2.pem"), cpo2.cert);
        pem(dir.resolve("secc-leaf.pem"), secc.cert);
        pem(dir.resolve("secc-chain.pem"), secc.cert, cpo2.cert, cpo1.cert);
        pem(dir.resolve("secc-leaf.key.pem"), secc.keys.getPrivate());
        pem(dir.resolve("oem-root.pem"), oemRoot.cert);
        pem(dir.resolve("oem-sub-ca-1.pem"), oem1.cert);
        pem(dir.resolve("oem-sub-ca-2.pem"), oem2.cert);
        pem(dir.resolve("vehicle.pem"), vehicle.cert);
        pem(dir.resolve("vehicle-chain.pem"), vehicle.cert, oem2.cert, oem1.cert);
        pem(dir.resolve("vehicle.key.pem"), vehicle.keys.getPrivate());
        Files.writeString(dir.resolve("password.txt"), new String(password) + "\n", StandardCharsets.US_ASCII);
        LOG.info(() -> "test PKI written to " + dir);
        return new TestPki(dir, password.clone());
    }

    private record Issued(X509Certificate cert, KeyPair keys) {
    }

    private static X500Name name(String cn, String org) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, cn).addRDN(BCStyle.O, "SECC test " + org).addRDN(BCStyle.C, "DE")
                .addRDN(BCStyle.DC, org).build();
    }

    private KeyPair newKey() throws GeneralSecurityException {
        if (keyType == KeyType.ED448) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed448", BC);
            g.initialize(448, random);
            return g.generateKeyPair();
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
        g.initialize(new ECGenParameterSpec(keyType.curve), random);
        return g.generateKeyPair();
    }

    private Issued root(X500Name subject, Duration validity) throws GeneralSecurityException {
        KeyPair kp = newKey();
        return issue(subject, kp, subject, kp.getPrivate(), null, validity, new BasicConstraints(true),
                KeyUsage.keyCertSign | KeyUsage.cRLSign);
    }

    private Issued subCa(Issued issuer, X500Name subject, int pathLen, Duration validity) throws GeneralSecurityException {
        KeyPair kp = newKey();
        return issue(subject, kp, x500(issuer.cert), issuer.keys.getPrivate(), issuer.cert, validity,
                new BasicConstraints(pathLen), KeyUsage.keyCertSign | KeyUsage.cRLSign);
    }

    private Issued leaf(Issued issuer, X500Name subject, Duration validity) throws GeneralSecurityException {
        KeyPair kp = newKey();
        // TLS 1.3 signs with the leaf key; keyAgreement kept for the -2 ECDH suites (not defined for Ed448).
        int usage = keyType == KeyType.ED448 ? KeyUsage.digitalSignature : KeyUsage.digitalSignature | KeyUsage.keyAgreement;
        return issue(subject, kp, x500(issuer.cert), issuer.keys.getPrivate(), issuer.cert, validity,
                new BasicConstraints(false), usage);
    }

    private static X500Name x500(X509Certificate c) {
        return X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
    }

    private Issued issue(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
                         X509Certificate issuerCert, Duration validity, BasicConstraints bc, int keyUsage)
            throws GeneralSecurityException {
        try {
            Instant from = now.minus(Duration.ofHours(1));
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, random).add(BigInteger.ONE),
                    Date.from(from), Date.from(from.plus(validity)), subject, subjectKeys.getPublic());
            JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, bc);
            b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            if (issuerCert != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(issuerCert));
            }
            var signer = new JcaContentSignerBuilder(keyType.signature).setProvider(BC).build(issuerKey);
            X509Certificate cert = new JcaX509CertificateConverter().setProvider(BC)
                    .getCertificate(b.build(signer));
            cert.verify(issuerCert == null ? subjectKeys.getPublic() : issuerCert.getPublicKey());
            return new Issued(cert, subjectKeys);
        } catch (OperatorCreationException | org.bouncycastle.cert.CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static void writeKeyStore(Path file, String alias, PrivateKey key, char[] pw, X509Certificate... chain)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, key, pw, (Certificate[]) chain);
        // the private key shrouded and the store's MAC as the JDK writes them (PBES2 and HmacSHA256, 10,000 iterations
        // each); the certificates, public anyway, in clear (openssl pkcs12 -certpbe NONE): each PBKDF2 pass costs a
        // charger's TLS start time (README "Start-up time")
        store(ks, file, pw, "NONE", null);
    }

    private static void writeTrust(Path file, String alias, X509Certificate root, char[] pw)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry(alias, root);
        // a trust store holds public certificates only: no encryption and no MAC, as the JDK writes its own cacerts
        // (its integrity is the file system's, as that of the configuration naming it); it opens without PBKDF2
        store(ks, file, pw, "NONE", "NONE");
    }

    /**
     * Stores with the JDK's PKCS#12 protection properties overridden for this store only (system properties, which the
     * JDK reads when it writes a store); {@code null} leaves one as it is.
     */
    private static synchronized void store(KeyStore ks, Path file, char[] pw, String certProtection, String mac)
            throws IOException, GeneralSecurityException {
        String[][] props = {{"keystore.pkcs12.certProtectionAlgorithm", certProtection}, {"keystore.pkcs12.macAlgorithm", mac}};
        String[] before = new String[props.length];
        for (int i = 0; i < props.length; i++) {
            before[i] = System.getProperty(props[i][0]);
            if (props[i][1] != null) {
                System.setProperty(props[i][0], props[i][1]);
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, pw);
        } finally {
            for (int i = 0; i < props.length; i++) {
                if (before[i] == null) {
                    System.clearProperty(props[i][0]);
                } else {
                    System.setProperty(props[i][0], before[i]);
                }
            }
        }
    }

    private static void pem(Path file, Object... objects) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter p = new JcaPEMWriter(w)) {
            for (Object o : objects) {
                p.writeObject(o);
            }
        }
    }
}
