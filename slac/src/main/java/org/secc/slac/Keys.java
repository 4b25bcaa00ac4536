package org.secc.slac;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/** Network membership keys (NMK) and network identifiers (NID) as HomePlug AV derives them (HomePlug AV 1.1 key derivation, slac/README.md). */
public final class Keys {
    /** Salt of the HomePlug "NMK-HS" passphrase hash. */
    private static final byte[] NMK_SALT = {0x08, (byte) 0x85, 0x6D, (byte) 0xAF, 0x7C, (byte) 0xF5, (byte) 0x81, (byte) 0x86};
    /** Security level "simple connect", the one SLAC uses. */
    public static final int SECURITY_LEVEL_SIMPLE_CONNECT = 0;

    private Keys() {
    }

    /** A fresh random NMK: a new one per session, so that a departed car cannot stay in the network ([V2G3-M09-17]). */
    public static byte[] randomNmk(SecureRandom random) {
        byte[] nmk = new byte[16];
        random.nextBytes(nmk);
        return nmk;
    }

    /** NID: SHA-256 of the NMK, hashed 5 times in all; 52 bits of it plus the 2-bit security level. */
    public static long nid(byte[] nmk, int securityLevel) {
        if (nmk.length != 16) {
            throw new IllegalArgumentException("an NMK has 16 bytes");
        }
        if (securityLevel < 0 || securityLevel > 3) {
            throw new IllegalArgumentException("security level is 2 bits");
        }
        byte[] d = sha256(nmk);
        for (int i = 1; i < 5; i++) {
            d = sha256(d);
        }
        long nid = 0;
        for (int i = 0; i < 6; i++) {
            nid = (nid << 8) | (d[i] & 0xFF);
        }
        return (nid << 8) | ((long) securityLevel << 4) | ((d[6] & 0xFF) >>> 4);
    }

    public static long nid(byte[] nmk) {
        return nid(nmk, SECURITY_LEVEL_SIMPLE_CONNECT);
    }

    /** NMK from a passphrase (HomePlug NMK-HS): SHA-256(passphrase ‖ salt), hashed 1000 times in all, first 16 bytes. */
    public static byte[] nmkFromPassphrase(String passphrase) {
        byte[] p = passphrase.getBytes(StandardCharsets.US_ASCII);
        byte[] d = sha256(concat(p, NMK_SALT));
        for (int i = 1; i < 1000; i++) {
            d = sha256(d);
        }
        return Arrays.copyOf(d, 16);
    }

    /** The NID as the 14 hex digits tools print. */
    public static String nidHex(long nid) {
        return String.format("%014x", nid);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
