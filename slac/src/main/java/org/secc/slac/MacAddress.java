package org.secc.slac;

import java.util.Locale;

/** A 48-bit Ethernet address, kept in a long so that it compares and hashes by value. */
public record MacAddress(long bits) {
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);
    public static final MacAddress ZERO = new MacAddress(0);
    /** The QCA local management address: host-to-own-modem messages go here (QCA7000 host interface, slac/README.md). */
    public static final MacAddress QCA_LOCAL = new MacAddress(0x00B0_5200_0001L);

    public MacAddress {
        if ((bits & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("more than 48 bits");
        }
    }

    public static MacAddress read(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return new MacAddress(v);
    }

    public static MacAddress of(byte[] six) {
        if (six.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, not " + six.length);
        }
        return read(six, 0);
    }

    /** Parses {@code 02:00:00:00:ea:01} (or with dashes). */
    public static MacAddress parse(String text) {
        String[] p = text.trim().split("[:-]");
        if (p.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        long v = 0;
        for (String s : p) {
            int octet = Integer.parseInt(s, 16);
            if (s.length() > 2 || octet > 0xFF) {
                throw new IllegalArgumentException("not a MAC address: " + text);
            }
            v = (v << 8) | octet;
        }
        return new MacAddress(v);
    }

    public void write(byte[] b, int off) {
        for (int i = 5; i >= 0; i--) {
            b[off + i] = (byte) (bits >>> (8 * (5 - i)));
        }
    }

    public byte[] toBytes() {
        byte[] b = new byte[6];
        write(b, 0);
        return b;
    }

    public boolean isBroadcast() {
        return bits == BROADCAST.bits;
    }

    @Override
    public String toString() {
        byte[] b = toBytes();
        return String.format(Locale.ROOT, "%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5]);
    }
}
