package org.secc.slac.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The powerline simulator completes the TCP/UDP/ICMPv6 checksums of IPv6 frames a host left to its
 * hardware (checksum offload), as a real modem puts complete frames on the line.
 */
class PlcChecksumTest {
    /** An Ethernet + IPv6 frame to ff02::1 with a UDP datagram to port 15118 (an SDP request). */
    static byte[] sdpFrame(byte[] payload) {
        int udpLen = 8 + payload.length;
        byte[] f = new byte[14 + 40 + udpLen];
        byte[] hdr = {0x33, 0x33, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 0x0a, (byte) 0x86, (byte) 0xdd};
        System.arraycopy(hdr, 0, f, 0, 14);
        f[14] = 0x60;
        f[18] = (byte) (udpLen >> 8);
        f[19] = (byte) udpLen;
        f[20] = 17;
        f[21] = 1;
        f[22] = (byte) 0xfe; f[23] = (byte) 0x80; f[37] = 0x0a;             // fe80::a
        f[38] = (byte) 0xff; f[39] = 0x02; f[53] = 0x01;                     // ff02::1
        f[54] = (byte) 0x84; f[55] = (byte) 0xe0;                            // source port 34016
        f[56] = 0x3b; f[57] = 0x0e;                                          // 15118
        f[58] = (byte) (udpLen >> 8);
        f[59] = (byte) udpLen;
        f[60] = (byte) 0xb4; f[61] = 0x7b;                                   // a partial (offloaded) checksum
        System.arraycopy(payload, 0, f, 62, payload.length);
        return f;
    }

    /** RFC 8200 section 8.1: the one's complement sum over pseudo-header and datagram is 0xFFFF. */
    static int verify(byte[] f) {
        int len = ((f[18] & 0xFF) << 8) | (f[19] & 0xFF);
        long sum = len + (f[20] & 0xFF);
        for (int i = 22; i < 54; i += 2) {
            sum += ((f[i] & 0xFF) << 8) | (f[i + 1] & 0xFF);
        }
        for (int i = 0; i < len; i += 2) {
            sum += ((f[54 + i] & 0xFF) << 8) | (i + 1 < len ? f[55 + i] & 0xFF : 0);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) sum;
    }

    @Test
    void anOffloadedUdpChecksumIsCompletedAndACorrectOneStays() {
        Random r = new Random(7);
        for (int n = 0; n < 50; n++) {
            byte[] payload = new byte[1 + r.nextInt(40)];
            r.nextBytes(payload);
            byte[] f = sdpFrame(payload);
            PlcSimulator.completeChecksum(f);
            assertEquals(0xFFFF, verify(f), "valid after completion, payload " + payload.length + " bytes");
            byte[] again = f.clone();
            PlcSimulator.completeChecksum(again);
            assertArrayEquals(f, again, "a complete checksum is left as it is");
        }
    }

    @Test
    void framesThatAreNotIpv6PassUnchanged() {
        byte[] f = sdpFrame(new byte[] {1, 2, 3});
        f[13] = 0x00; // IPv4 EtherType 0x8600 is not IPv6
        byte[] before = f.clone();
        PlcSimulator.completeChecksum(f);
        assertArrayEquals(before, f);
        byte[] tooShort = new byte[30];
        PlcSimulator.completeChecksum(tooShort);
        assertArrayEquals(new byte[30], tooShort);
    }
}
