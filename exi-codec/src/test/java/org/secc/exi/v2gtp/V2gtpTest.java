package org.secc.exi.v2gtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.secc.exi.SchemaKind;

class V2gtpTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @Test
    void sapResponseFrameMatchesTheWire() throws Exception {
        // SupportedAppProtocolRes OK is 80 40 00 40 (facts sheet 2.2)
        V2gtpFrame f = new V2gtpFrame(PayloadType.SUPPORTED_APP_PROTOCOL, hex("80400040"));
        assertArrayEquals(hex("01fe8001 00000004 80400040"), f.toBytes());
        assertEquals(f, V2gtpFrame.parse(f.toBytes(), 100));
        assertEquals(SchemaKind.SAP, f.schema());
    }

    @Test
    void everyDefinedTypeRoutesToItsGrammar() {
        assertEquals(SchemaKind.COMMON, PayloadType.lookup(0x8002).schema());
        assertEquals(SchemaKind.AC, PayloadType.lookup(0x8003).schema());
        assertEquals(SchemaKind.DC, PayloadType.lookup(0x8004).schema());
        assertEquals(SchemaKind.ACDP, PayloadType.lookup(0x8005).schema());
        assertEquals(SchemaKind.WPT, PayloadType.lookup(0x8006).schema());
        assertEquals(SchemaKind.COMMON, PayloadType.lookup(0x8101).schema());
        assertEquals(SchemaKind.COMMON, PayloadType.lookup(0x8102).schema());
        assertEquals(SchemaKind.ACDP, PayloadType.lookup(0x8103).schema());
        assertEquals(SchemaKind.COMMON, PayloadType.lookup(0x8104).schema());
        assertNull(PayloadType.lookup(0x9000).schema());
        assertNull(PayloadType.lookup(0x9003).schema());
        for (int reserved : new int[] {0x0000, 0x7fff, 0x8000, 0x8007, 0x8100, 0x8105, 0x8fff, 0x9004, 0x9fff}) {
            assertNull(PayloadType.lookup(reserved), () -> Integer.toHexString(reserved));
        }
        for (SchemaKind k : new SchemaKind[] {SchemaKind.SAP, SchemaKind.COMMON, SchemaKind.DC, SchemaKind.AC, SchemaKind.ACDP, SchemaKind.WPT}) {
            assertEquals(k.payloadType(), PayloadType.forSchema(k).code());
        }
        assertThrows(IllegalArgumentException.class, () -> PayloadType.forSchema(SchemaKind.COMMON_FRAG));
    }

    @ParameterizedTest
    @ValueSource(strings = {"02fe", "01ff", "00ff", "fe01"})
    void wrongVersionOrInverseIsRefused(String versionBytes) {
        V2gtpException e = assertThrows(V2gtpException.class,
                () -> V2gtpFrame.parse(hex(versionBytes + "8002 00000001 80"), 100));
        assertEquals(V2gtpException.Reason.WRONG_VERSION, e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000", "8000", "8007", "8105", "9004", "9fff"})
    void reservedPayloadTypeIsRefused(String type) {
        V2gtpException e = assertThrows(V2gtpException.class, () -> V2gtpFrame.parse(hex("01fe" + type + "00000001 80"), 100));
        assertEquals(V2gtpException.Reason.UNKNOWN_PAYLOAD_TYPE, e.reason());
        assertTrue(e.getMessage().contains("0x" + type));
    }

    @Test
    void manufacturerTypesPassTheHeaderButRouteNowhere() throws Exception {
        V2gtpFrame f = V2gtpFrame.parse(hex("01fe a001 00000002 abcd"), 100);
        assertEquals(0xa001, f.payloadType());
        assertNull(f.schema());
    }

    @Test
    void lengthOverTheMaximumIsRefusedBeforeAnyAllocation() {
        V2gtpException e = assertThrows(V2gtpException.class, () -> V2gtpFrame.parse(hex("01fe8002 00000065") , 100));
        assertEquals(V2gtpException.Reason.PAYLOAD_TOO_LONG, e.reason());
        // 4 GiB claimed: the reader refuses on the header alone
        InputStream in = new ByteArrayInputStream(hex("01fe8002 ffffffff"));
        V2gtpException e2 = assertThrows(V2gtpException.class, () -> new V2gtpReader(in, V2gtpFrame.DEFAULT_MAX_PAYLOAD).read());
        assertEquals(V2gtpException.Reason.PAYLOAD_TOO_LONG, e2.reason());
        assertTrue(e2.getMessage().contains("4294967295"));
    }

    @Test
    void lengthAtTheMaximumIsAccepted() throws Exception {
        byte[] frame = new V2gtpFrame(0x8002, new byte[100]).toBytes();
        assertEquals(100, V2gtpFrame.parse(frame, 100).payload().length);
        assertThrows(V2gtpException.class, () -> V2gtpFrame.parse(frame, 99));
    }

    @Test
    void lengthOverTheBufferIsTruncated() {
        V2gtpException e = assertThrows(V2gtpException.class, () -> V2gtpFrame.parse(hex("01fe8002 00000004 8040"), 100));
        assertEquals(V2gtpException.Reason.TRUNCATED, e.reason());
        V2gtpException shortHeader = assertThrows(V2gtpException.class, () -> V2gtpFrame.parse(hex("01fe80"), 100));
        assertEquals(V2gtpException.Reason.TRUNCATED, shortHeader.reason());
    }

    @Test
    void bytesAfterTheFrameAreRefusedWhenOneFrameIsExpected() {
        V2gtpException e = assertThrows(V2gtpException.class, () -> V2gtpFrame.parse(hex("01fe8002 00000001 80 00"), 100));
        assertEquals(V2gtpException.Reason.TRAILING_BYTES, e.reason());
    }

    @Test
    void readerSplitsAStreamAndEndsCleanlyBetweenFrames() throws Exception {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(new V2gtpFrame(0x8001, hex("80400040")).toBytes());
        s.write(new V2gtpFrame(0x8002, hex("8080")).toBytes());
        s.write(new V2gtpFrame(0x8004, new byte[0]).toBytes());
        // a stream that hands out one byte per read, like a slow TCP peer
        InputStream trickle = new ByteArrayInputStream(s.toByteArray()) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        V2gtpReader r = new V2gtpReader(trickle, 1000);
        assertEquals(new V2gtpFrame(0x8001, hex("80400040")), r.read());
        assertEquals(new V2gtpFrame(0x8002, hex("8080")), r.read());
        assertEquals(0, r.read().payload().length);
        assertNull(r.read());
    }

    @Test
    void readerReportsAStreamEndingInsideAFrame() {
        V2gtpException inHeader = assertThrows(V2gtpException.class, () -> new V2gtpReader(new ByteArrayInputStream(hex("01fe80")), 100).read());
        assertEquals(V2gtpException.Reason.TRUNCATED, inHeader.reason());
        V2gtpException inPayload = assertThrows(V2gtpException.class,
                () -> new V2gtpReader(new ByteArrayInputStream(hex("01fe8002 00000010 8080")), 100).read());
        assertEquals(V2gtpException.Reason.TRUNCATED, inPayload.reason());
        assertTrue(inPayload.getMessage().contains("2 of 16"));
    }

    @Test
    void sdpRequestIsTenBytes() throws Exception {
        SdpRequest r = new SdpRequest(SdpSecurity.TLS, SdpTransport.TCP);
        assertArrayEquals(hex("01fe9000 00000002 0000"), r.toBytes());
        assertEquals(r, SdpRequest.parse(r.toBytes(), 0, 10));
        assertEquals(new SdpRequest(SdpSecurity.NO_TRANSPORT_SECURITY, SdpTransport.TCP), SdpRequest.parse(hex("01fe9000 00000002 1000"), 0, 10));
    }

    @Test
    void malformedSdpRequestsAreRefused() {
        assertEquals(V2gtpException.Reason.MALFORMED_PAYLOAD,
                assertThrows(V2gtpException.class, () -> SdpRequest.parse(hex("01fe9000 00000002 2000"), 0, 10)).reason());
        assertEquals(V2gtpException.Reason.MALFORMED_PAYLOAD,
                assertThrows(V2gtpException.class, () -> SdpRequest.parse(hex("01fe9000 00000002 0001"), 0, 10)).reason());
        assertEquals(V2gtpException.Reason.PAYLOAD_TOO_LONG,
                assertThrows(V2gtpException.class, () -> SdpRequest.parse(hex("01fe9000 00000003 000000"), 0, 11)).reason());
        assertEquals(V2gtpException.Reason.MALFORMED_PAYLOAD,
                assertThrows(V2gtpException.class, () -> SdpRequest.parse(hex("01fe9000 00000001 00"), 0, 9)).reason());
        assertEquals(V2gtpException.Reason.UNEXPECTED_PAYLOAD_TYPE,
                assertThrows(V2gtpException.class, () -> SdpRequest.parse(hex("01fe9001 00000002 0000"), 0, 10)).reason());
    }

    @Test
    void sdpResponseIsTwentyEightBytes() throws Exception {
        Inet6Address a = (Inet6Address) InetAddress.getByName("fe80::1:2ff:fe03:405");
        SdpResponse r = new SdpResponse(a, 50000, SdpSecurity.TLS, SdpTransport.TCP);
        byte[] wire = r.toBytes();
        assertArrayEquals(hex("01fe9001 00000014 fe800000000000000001 02fffe030405 c350 00 00"), wire);
        SdpResponse back = SdpResponse.parse(wire, 0, wire.length);
        assertEquals(r, back);
        assertEquals(a, back.inetAddress());
        assertEquals(50000, back.port());
    }
}
