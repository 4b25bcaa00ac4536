package org.secc.transport.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Instant;

/**
 * Classic pcap (microsecond timestamps, little-endian) with LINKTYPE_ETHERNET, holding synthesized
 * Ethernet + IPv6 + TCP/UDP packets so that Wireshark's TCP reassembly and its V2GTP dissector
 * (port 15118 / heuristics) show the V2G traffic. IPv4 endpoints are written as IPv4-mapped IPv6
 * addresses. Thread-safe.
 */
public final class PcapWriter implements Closeable {
    public static final int MAGIC = 0xa1b2c3d4;
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int SNAPLEN = 262_144;
    public static final int TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_PSH = 0x08, TCP_ACK = 0x10;
    static final int ETH_LEN = 14, IP6_LEN = 40, TCP_LEN = 20, UDP_LEN = 8;

    private final OutputStream out;
    private final Clock clock;

    public PcapWriter(OutputStream out, Clock clock) throws IOException {
        this.out = out;
        this.clock = clock;
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN).putInt(LINKTYPE_ETHERNET);
        out.write(h.array());
        out.flush();
    }

    /** One TCP segment; {@code payload} must fit one IPv6 packet (callers split their streams into segments of at most 1400 bytes). */
    public synchronized void writeTcp(InetAddress src, int srcPort, InetAddress dst, int dstPort,
                                      long seq, long ack, int flags, byte[] payload, int off, int len) throws IOException {
        byte[] s = v6(src), d = v6(dst);
        ByteBuffer tcp = ByteBuffer.allocate(TCP_LEN + len);
        tcp.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack)
                .put((byte) (5 << 4)).put((byte) flags).putShort((short) 0xFFFF).putShort((short) 0).putShort((short) 0)
                .put(payload, off, len);
        byte[] seg = tcp.array();
        int sum = checksum(s, d, 6, seg);
        seg[16] = (byte) (sum >>> 8);
        seg[17] = (byte) sum;
        writePacket(s, d, 6, seg);
    }

    /** One UDP datagram (SDP). */
    public synchronized void writeUdp(InetAddress src, int srcPort, InetAddress dst, int dstPort, byte[] payload) throws IOException {
        byte[] s = v6(src), d = v6(dst);
        ByteBuffer udp = ByteBuffer.allocate(UDP_LEN + payload.length);
        udp.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (UDP_LEN + payload.length)).putShort((short) 0)
                .put(payload);
        byte[] dg = udp.array();
        int sum = checksum(s, d, 17, dg);
        if (sum == 0) {
            sum = 0xFFFF; // RFC 8200: a zero UDP checksum is not allowed over IPv6
        }
        dg[6] = (byte) (sum >>> 8);
        dg[7] = (byte) sum;
        writePacket(s, d, 17, dg);
    }

    private void writePacket(byte[] src, byte[] dst, int nextHeader, byte[] l4) throws IOException {
        int len = ETH_LEN + IP6_LEN + l4.length;
        ByteBuffer p = ByteBuffer.allocate(16 + len);
        Instant now = clock.instant();
        p.order(ByteOrder.LITTLE_ENDIAN).putInt((int) now.getEpochSecond()).putInt(now.getNano() / 1000).putInt(len).putInt(len);
        p.order(ByteOrder.BIG_ENDIAN);
        p.put(mac(dst)).put(mac(src)).putShort((short) 0x86DD);
        p.putInt(0x6000_0000).putShort((short) l4.length).put((byte) nextHeader).put((byte) 64).put(src).put(dst);
        p.put(l4);
        out.write(p.array());
        out.flush();
    }

    /** A locally administered unicast MAC derived from the address, stable per endpoint. */
    static byte[] mac(byte[] addr16) {
        return new byte[] {0x02, 0x00, addr16[12], addr16[13], addr16[14], addr16[15]};
    }

    static byte[] v6(InetAddress a) {
        if (a instanceof Inet6Address) {
            return a.getAddress();
        }
        if (a instanceof Inet4Address) {
            byte[] m = new byte[16];
            m[10] = (byte) 0xFF;
            m[11] = (byte) 0xFF;
            System.arraycopy(a.getAddress(), 0, m, 12, 4);
            return m;
        }
        throw new IllegalArgumentException(String.valueOf(a));
    }

    /** Internet checksum over the IPv6 pseudo-header and the L4 segment (its checksum field zero). */
    public static int checksum(byte[] src, byte[] dst, int nextHeader, byte[] l4) {
        long sum = 0;
        for (int i = 0; i < 16; i += 2) {
            sum += ((src[i] & 0xFF) << 8) | (src[i + 1] & 0xFF);
            sum += ((dst[i] & 0xFF) << 8) | (dst[i + 1] & 0xFF);
        }
        sum += (l4.length >>> 16) + (l4.length & 0xFFFF) + nextHeader;
        for (int i = 0; i + 1 < l4.length; i += 2) {
            sum += ((l4[i] & 0xFF) << 8) | (l4[i + 1] & 0xFF);
        }
        if ((l4.length & 1) != 0) {
            sum += (l4[l4.length - 1] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
