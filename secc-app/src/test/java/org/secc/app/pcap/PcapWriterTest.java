package org.secc.app.pcap;

import org.secc.transport.pcap.PcapWriter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.secc.app.v2g.CloseReason;
import org.secc.app.v2g.V2gConnectionHandler;
import org.secc.app.v2g.V2gServer;
import org.secc.app.v2g.V2gServerConfig;
import org.secc.transport.v2gtp.V2gClient;
import org.secc.transport.v2gtp.V2gtpFrame;

public class PcapWriterTest {
    private static final HexFormat HEX = HexFormat.of();

    /** One parsed Ethernet/IPv6/TCP-or-UDP packet. */
    public record Pkt(long tsMicros, byte[] src, byte[] dst, int proto, int sport, int dport, long seq, long ack, int flags, byte[] payload) {
    }

    public static List<Pkt> parse(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, b.getInt(), "magic");
        assertEquals(2, b.getShort());
        assertEquals(4, b.getShort());
        b.getInt();
        b.getInt();
        assertEquals(PcapWriter.SNAPLEN, b.getInt());
        assertEquals(1, b.getInt(), "LINKTYPE_ETHERNET");
        List<Pkt> out = new ArrayList<>();
        while (b.hasRemaining()) {
            b.order(ByteOrder.LITTLE_ENDIAN);
            long sec = b.getInt() & 0xFFFFFFFFL;
            long usec = b.getInt();
            int incl = b.getInt();
            assertEquals(incl, b.getInt(), "orig_len");
            byte[] pkt = new byte[incl];
            b.get(pkt);
            ByteBuffer p = ByteBuffer.wrap(pkt);
            p.position(12);
            assertEquals(0x86DD, p.getShort() & 0xFFFF, "ethertype IPv6");
            assertEquals(6, (p.get(14) & 0xF0) >> 4, "IP version");
            int plen = p.getShort(18) & 0xFFFF;
            assertEquals(incl - 54, plen, "IPv6 payload length");
            int nh = p.get(20) & 0xFF;
            byte[] src = new byte[16];
            byte[] dst = new byte[16];
            p.position(22);
            p.get(src).get(dst);
            byte[] l4 = new byte[plen];
            p.get(l4);
            ByteBuffer l = ByteBuffer.wrap(l4);
            int given = l.getShort(nh == 6 ? 16 : 6) & 0xFFFF;
            byte[] zeroed = l4.clone();
            zeroed[nh == 6 ? 16 : 6] = 0;
            zeroed[nh == 6 ? 17 : 7] = 0;
            int expect = PcapWriter.checksum(src, dst, nh, zeroed);
            assertEquals(nh == 17 && expect == 0 ? 0xFFFF : expect, given, "L4 checksum");
            if (nh == 6) {
                int hl = ((l4[12] & 0xFF) >> 4) * 4;
                out.add(new Pkt(sec * 1_000_000 + usec, src, dst, 6, l.getShort(0) & 0xFFFF, l.getShort(2) & 0xFFFF,
                        l.getInt(4) & 0xFFFFFFFFL, l.getInt(8) & 0xFFFFFFFFL, l4[13] & 0xFF,
                        java.util.Arrays.copyOfRange(l4, hl, l4.length)));
            } else {
                assertEquals(17, nh);
                assertEquals(plen, l.getShort(4) & 0xFFFF, "UDP length");
                out.add(new Pkt(sec * 1_000_000 + usec, src, dst, 17, l.getShort(0) & 0xFFFF, l.getShort(2) & 0xFFFF,
                        0, 0, 0, java.util.Arrays.copyOfRange(l4, 8, l4.length)));
            }
        }
        return out;
    }

    /** If tshark is installed: it reads every packet, all TCP checksums Good, no TCP analysis warnings. */
    private static void tsharkAgrees(Path file, int packets) throws Exception {
        Path tshark = Path.of("/usr/bin/tshark");
        if (!Files.isExecutable(tshark)) {
            System.out.println("tshark not installed: cross-check skipped");
            return;
        }
        Process p = new ProcessBuilder(tshark.toString(), "-r", file.toString(), "-o", "tcp.check_checksum:TRUE",
                "-T", "fields", "-e", "tcp.checksum.status", "-e", "tcp.analysis.flags").redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        List<String> lines = out.lines().toList();
        assertEquals(packets, lines.size(), out);
        for (String l : lines) {
            assertEquals("1", l.strip(), "checksum Good (1) and no analysis flags: " + l);
        }
    }

    @Test
    void udpDatagramAndTimestamps() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05.123456Z"), ZoneOffset.UTC);
        PcapWriter w = new PcapWriter(bos, clock);
        byte[] sdp = HEX.parseHex("01fe9000000000020000");
        w.writeUdp(InetAddress.getByName("fe80::1"), 40000, InetAddress.getByName("ff02::1"), 15118, sdp);
        List<Pkt> p = parse(bos.toByteArray());
        assertEquals(1, p.size());
        assertEquals(Instant.parse("2026-01-02T03:04:05.123456Z").toEpochMilli() * 1000 + 456, p.get(0).tsMicros());
        assertEquals(15118, p.get(0).dport());
        assertArrayEquals(sdp, p.get(0).payload());
        assertArrayEquals(InetAddress.getByName("ff02::1").getAddress(), p.get(0).dst());
    }

    @Test
    void recordsARealServerSessionAsAConsistentTcpStream() throws Exception {
        Path file = Path.of("target", "pcap-test", "session.pcap");
        Files.createDirectories(file.getParent());
        CountDownLatch closed = new CountDownLatch(1);
        byte[] big = new byte[3000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        List<V2gtpFrame> sent = List.of(new V2gtpFrame(0x8001, HEX.parseHex("80400040")), new V2gtpFrame(0x8004, big));
        try (OutputStream os = Files.newOutputStream(file)) {
            V2gPcapTap tap = new V2gPcapTap(new PcapWriter(os, Clock.systemUTC()));
            V2gServer server = V2gServer.start(V2gServerConfig.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).withTap(tap),
                    conn -> new V2gConnectionHandler() {
                        @Override
                        public List<V2gtpFrame> onFrame(V2gtpFrame in) {
                            return List.of(in);
                        }

                        @Override
                        public void onClosed(CloseReason reason) {
                            closed.countDown();
                        }
                    });
            try (V2gClient c = V2gClient.connectTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                    Duration.ofSeconds(5), 65536)) {
                for (V2gtpFrame f : sent) {
                    assertEquals(f, c.request(f));
                }
            }
            assertTrue(closed.await(5, TimeUnit.SECONDS));
            server.close();
        }
        List<Pkt> pkts = parse(Files.readAllBytes(file));
        assertEquals(PcapWriter.TCP_SYN, pkts.get(0).flags());
        assertEquals(PcapWriter.TCP_SYN | PcapWriter.TCP_ACK, pkts.get(1).flags());
        int serverPort = pkts.get(0).dport();
        ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
        ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
        long nextClientSeq = pkts.get(0).seq() + 1;
        long nextServerSeq = pkts.get(1).seq() + 1;
        int fins = 0;
        for (Pkt p : pkts.subList(2, pkts.size())) {
            boolean c2s = p.dport() == serverPort;
            if (p.payload().length > 0) {
                assertEquals(c2s ? nextClientSeq : nextServerSeq, p.seq(), "sequence numbers are contiguous");
                assertEquals(c2s ? nextServerSeq : nextClientSeq, p.ack(), "ack covers the other side");
                (c2s ? fromClient : fromServer).write(p.payload());
                if (c2s) {
                    nextClientSeq += p.payload().length;
                } else {
                    nextServerSeq += p.payload().length;
                }
                assertTrue(p.payload().length <= V2gPcapTap.MSS);
            }
            if ((p.flags() & PcapWriter.TCP_FIN) != 0) {
                fins++;
            }
        }
        assertEquals(2, fins);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (V2gtpFrame f : sent) {
            expected.write(f.toBytes());
        }
        assertArrayEquals(expected.toByteArray(), fromClient.toByteArray());
        assertArrayEquals(expected.toByteArray(), fromServer.toByteArray());
        tsharkAgrees(file, pkts.size());
        // IPv4 loopback endpoints appear as IPv4-mapped IPv6 addresses
        assertEquals((byte) 0xFF, pkts.get(0).src()[10]);
        assertEquals(127, pkts.get(0).src()[12]);
    }
}
