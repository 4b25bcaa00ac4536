package org.secc.ev.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.ev.conformance.report.PcapTap;

/** A case's pcap: a classic little-endian pcap of Ethernet/IPv6/TCP with the handshake, the data both ways and the FINs. */
class PcapTapTest {
    @TempDir
    Path dir;

    @Test
    void connectionBecomesATcpStream() throws Exception {
        Path f = dir.resolve("X-01.pcap");
        WireTap tap = PcapTap.open(f, new InetSocketAddress(InetAddress.getByName("::1"), 15118));
        tap.opened(1);
        tap.sent(1, new byte[] {1, (byte) 0xFE, (byte) 0x80, 1, 0, 0, 0, 0});
        tap.received(1, new byte[3000]);
        tap.closed(1, true);
        ((AutoCloseable) tap).close();
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, b.getInt(0));
        assertEquals(1, b.getInt(20), "LINKTYPE_ETHERNET");
        int packets = 0;
        int payload = 0;
        int pos = 24;
        while (pos < b.limit()) {
            int incl = b.getInt(pos + 8);
            int tcpHeader = pos + 16 + 14 + 40;
            int flags = b.get(tcpHeader + 13) & 0xFF;
            payload += incl - 14 - 40 - 20;
            if (packets == 0) {
                assertEquals(0x02, flags, "SYN first");
            }
            pos += 16 + incl;
            packets++;
        }
        assertEquals(3 + 1 + 3 + 3, packets, "handshake, 1 segment out, 3000 bytes in 3 segments, FIN/FIN/ACK");
        assertEquals(3008, payload);
    }
}
