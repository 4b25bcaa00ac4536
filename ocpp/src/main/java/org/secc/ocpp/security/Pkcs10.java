package org.secc.ocpp.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;

/**
 * PKCS#10 certification requests (RFC 2986) for SignCertificate (A02.FR.02/03), written with the JDK alone so that
 * the charger carries no certificate-building library: a request is a handful of DER structures around the
 * public key's own encoding and one signature.
 */
public final class Pkcs10 {
    private static final byte[] OID_CN = {0x55, 0x04, 0x03};                    // 2.5.4.3 commonName
    private static final byte[] OID_O = {0x55, 0x04, 0x0a};                     // 2.5.4.10 organizationName

    private Pkcs10() {
    }

    /** The signature algorithms the requests use (CertificateStore.Kind), with their RFC 5758 identifiers. */
    enum Algorithm {
        SHA256withECDSA(new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02}),  // 1.2.840.10045.4.3.2
        SHA384withECDSA(new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x03}),  // 1.2.840.10045.4.3.3
        SHA512withECDSA(new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x04}); // 1.2.840.10045.4.3.4

        final byte[] oid;

        Algorithm(byte[] oid) {
            this.oid = oid;
        }
    }

    /**
     * The DER request for subject {@code CN=commonName,O=organization} (in that order, UTF8String values), signed with
     * the key pair's private key; {@code signature} is a JCA name such as {@code SHA256withECDSA}.
     */
    public static byte[] request(String commonName, String organization, KeyPair keys, String signature) throws GeneralSecurityException {
        Algorithm alg;
        try {
            alg = Algorithm.valueOf(signature);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("no PKCS#10 support for " + signature);
        }
        byte[] subject = tlv(0x30, rdn(OID_CN, commonName), rdn(OID_O, organization));
        byte[] info = tlv(0x30,
                tlv(0x02, new byte[] {0}),                  // version v1 (0)
                subject,
                keys.getPublic().getEncoded(),              // SubjectPublicKeyInfo, as the JDK encodes it
                tlv(0xa0));                                 // attributes [0]: none
        Signature s = Signature.getInstance(signature);
        s.initSign(keys.getPrivate());
        s.update(info);
        byte[] sig = s.sign();
        byte[] bitString = new byte[sig.length + 1];       // no unused bits
        System.arraycopy(sig, 0, bitString, 1, sig.length);
        return tlv(0x30, info, tlv(0x30, tlv(0x06, alg.oid)), tlv(0x03, bitString));
    }

    private static byte[] rdn(byte[] oid, String value) {
        return tlv(0x31, tlv(0x30, tlv(0x06, oid), tlv(0x0c, value.getBytes(StandardCharsets.UTF_8))));
    }

    /** One DER element: tag, definite length (short or long form), the parts' bytes one after the other. */
    static byte[] tlv(int tag, byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 6);
        out.write(tag);
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
