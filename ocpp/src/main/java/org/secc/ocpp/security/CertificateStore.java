package org.secc.ocpp.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Certificates the CSMS signs for the station (A02/A03): the ChargingStationCertificate for mutual TLS
 * (ECDSA P-256) and the ISO 15118-20 SECC certificate (V2G20Certificate, ECDSA secp521r1, [V2G20-2674]).
 * A fresh key pair per request never leaves the station (A02.FR.05); keys are written owner-read-only.
 * A signed chain is accepted only if its leaf carries the pending key and is valid now (A02.FR.07/08).
 */
public final class CertificateStore {
    private static final Logger LOG = Logger.getLogger(CertificateStore.class.getName());

    /** One certificate type: its curve, signature, and file names. */
    public enum Kind {
        ChargingStationCertificate("secp256r1", "SHA256withECDSA", "station"),
        V2G20Certificate("secp521r1", "SHA512withECDSA", "secc-v2g20");

        final String curve, signature, file;

        Kind(String curve, String signature, String file) {
            this.curve = curve;
            this.signature = signature;
            this.file = file;
        }
    }

    private final Path dir;
    private final String commonName;
    private final String organization;
    private final Map<Kind, KeyPair> pending = new HashMap<>();

    /** @param commonName the station's serial number (A00.FR.404/405: CN = serial number, O = the operator) */
    public CertificateStore(Path dir, String commonName, String organization) {
        this.dir = dir;
        this.commonName = commonName;
        this.organization = organization;
    }

    public Path chainFile(Kind k) { return dir.resolve(k.file + ".pem"); }

    public Path keyFile(Kind k) { return dir.resolve(k.file + ".key"); }

    public boolean has(Kind k) { return Files.exists(chainFile(k)) && Files.exists(keyFile(k)); }

    /** A02.FR.02/03: a new key pair and its PEM PKCS#10 request. */
    public String newCsr(Kind k) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(k.curve));
            KeyPair keys = g.generateKeyPair();
            byte[] csr = Pkcs10.request(commonName, organization, keys, k.signature);
            pending.put(k, keys);
            return StationTls.pem("CERTIFICATE REQUEST", csr);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a " + k + " request: " + e.getMessage(), e);
        }
    }

    /**
     * CertificateSigned: stores the chain with its key if the leaf matches the pending request and is valid now.
     * Returns the reason for a rejection, or empty when stored.
     */
    public Optional<String> install(Kind k, String pemChain, Instant now) {
        KeyPair keys = pending.get(k);
        if (keys == null) return Optional.of("no pending request for " + k);
        List<X509Certificate> chain;
        try {
            chain = StationTls.certificates(pemChain);
        } catch (GeneralSecurityException e) {
            return Optional.of("unreadable certificate chain: " + e.getMessage());
        }
        if (chain.isEmpty()) return Optional.of("no certificate in the chain");
        X509Certificate leaf = chain.get(0);
        if (!leaf.getPublicKey().equals(keys.getPublic())) return Optional.of("the certificate is not for the key of the request");
        try {
            leaf.checkValidity(Date.from(now));
            for (int i = 0; i + 1 < chain.size(); i++) chain.get(i).verify(chain.get(i + 1).getPublicKey());
        } catch (GeneralSecurityException e) {
            return Optional.of("invalid certificate: " + e.getMessage());
        }
        try {
            Files.createDirectories(dir);
            write(keyFile(k), StationTls.pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            write(chainFile(k), pemChain);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + k, e);
        }
        pending.remove(k);
        LOG.info("ocpp: " + k + " installed: " + leaf.getSubjectX500Principal() + ", valid until " + leaf.getNotAfter().toInstant());
        return Optional.empty();
    }

    /** Owner read/write only (the key never leaves the station, A02.FR.05), replaced atomically. */
    private static void write(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
