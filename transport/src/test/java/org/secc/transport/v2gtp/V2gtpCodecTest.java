package org.secc.transport.v2gtp;

import org.secc.exi.SchemaKind;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class V2gtpCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static V2gtpException.Reason reasonOf(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(V2gtpException.class, e).reason();
    }

    @Test
    void encodesSupportedAppProtocolResOk() {
        byte[] b = new V2gtpCodec().encode(0x8001, HEX.parseHex("80400040"));
        assertEquals("01fe80010000000480400040", HEX.formatHex(b));
    }

    @Test
    void roundTripsEveryListedType() throws Exception {
        V2gtpCodec c = new V2gtpCodec(16);
        for (PayloadType t : PayloadType.values()) {
            V2gtpFrame f = new V2gtpFrame(t, new byte[] {1, 2, 3});
            assertEquals(f, c.decode(c.encode(f)));
        }
        V2gtpFrame m = new V2gtpFrame(0xA123, new byte[0]);
        assertEquals(m, c.decode(c.encode(m)));
    }

    @Test
    void routesExiTypesToSchemas() {
        assertEquals(Optional.of(SchemaKind.SAP), PayloadType.schemaOf(0x8001));
        assertEquals(Optional.of(SchemaKind.COMMON), PayloadType.schemaOf(0x8002));
        assertEquals(Optional.of(SchemaKind.AC), PayloadType.schemaOf(0x8003));
        assertEquals(Optional.of(SchemaKind.DC), PayloadType.schemaOf(0x8004));
        assertEquals(Optional.of(SchemaKind.ACDP), PayloadType.schemaOf(0x8005));
        assertEquals(Optional.of(SchemaKind.WPT), PayloadType.schemaOf(0x8006));
        assertEquals(Optional.of(SchemaKind.COMMON), PayloadType.schemaOf(0x8101));
        assertEquals(Optional.of(SchemaKind.COMMON), PayloadType.schemaOf(0x8102));
        assertEquals(Optional.of(SchemaKind.ACDP), PayloadType.schemaOf(0x8103));
        assertEquals(Optional.empty(), PayloadType.schemaOf(0x9000));
        assertEquals(Optional.empty(), PayloadType.schemaOf(0xA000));
        for (SchemaKind k : SchemaKind.values()) {
            if (k.fragment()) {
                assertThrows(IllegalArgumentException.class, () -> PayloadType.mainStreamOf(k), "signature fragments are never framed");
            } else if (k == SchemaKind.DIN || k == SchemaKind.ISO2) {
                // DIN 70121 and -2 share 0x8001 with SAP: the header names SAP, the session knows better
                assertEquals(PayloadType.SUPPORTED_APP_PROTOCOL, PayloadType.mainStreamOf(k));
            } else {
                assertEquals(Optional.of(k), PayloadType.mainStreamOf(k).schema());
            }
        }
    }

    @Test
    void knownAndReservedRanges() {
        assertTrue(PayloadType.isKnown(0xA000));
        assertTrue(PayloadType.isKnown(0xFFFF));
        assertTrue(PayloadType.isManufacturerSpecific(0xA000));
        for (int reserved : new int[] {0x0000, 0x8000, 0x8007, 0x8100, 0x8105, 0x8FFF, 0x9004, 0x9FFF}) {
            assertFalse(PayloadType.isKnown(reserved), Integer.toHexString(reserved));
        }
    }

    @Test
    void wrongVersion() {
        assertEquals(V2gtpException.Reason.WRONG_VERSION,
                reasonOf(() -> new V2gtpCodec().decode(HEX.parseHex("02fe800100000000"))));
    }

    @Test
    void wrongInverse() {
        assertEquals(V2gtpException.Reason.WRONG_INVERSE_VERSION,
                reasonOf(() -> new V2gtpCodec().decode(HEX.parseHex("01ff800100000000"))));
    }

    @Test
    void unknownType() {
        assertEquals(V2gtpException.Reason.UNKNOWN_PAYLOAD_TYPE,
                reasonOf(() -> new V2gtpCodec().decode(HEX.parseHex("01fe800700000000"))));
    }

    @Test
    void lengthOverMaximum() {
        V2gtpException e = assertThrows(V2gtpException.class,
                () -> new V2gtpCodec(4).decode(HEX.parseHex("01fe8002000000050102030405")));
        assertEquals(V2gtpException.Reason.PAYLOAD_TOO_LONG, e.reason());
        assertTrue(e.getMessage().contains("maximum 4"), e.getMessage());
    }

    @Test
    void lengthOverBuffer() {
        assertEquals(V2gtpException.Reason.TRUNCATED,
                reasonOf(() -> new V2gtpCodec().decode(HEX.parseHex("01fe80020000000501020304"))));
        assertEquals(V2gtpException.Reason.TRUNCATED,
                reasonOf(() -> new V2gtpCodec().decode(HEX.parseHex("01fe8002"))));
    }

    @Test
    void bytesAfterPayload() {
        assertEquals(V2gtpException.Reason.WRONG_PAYLOAD_LENGTH,
                reasonOf(() -> new V2gtpCodec().decode(HEX.parseHex("01fe8002000000010102"))));
    }

    @Test
    void uint32LengthIsNotWrapped() {
        V2gtpException e = assertThrows(V2gtpException.class,
                () -> new V2gtpCodec().decode(HEX.parseHex("01fe8002ffffffff")));
        assertEquals(V2gtpException.Reason.PAYLOAD_TOO_LONG, e.reason());
        assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
    }

    @Test
    void encodeRefusesOversizePayload() {
        assertThrows(IllegalArgumentException.class, () -> new V2gtpCodec(2).encode(0x8002, new byte[3]));
    }

    @Test
    void readerReadsConsecutiveFrames() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        V2gtpFrameWriter w = new V2gtpFrameWriter(bos, new V2gtpCodec());
        w.write(new V2gtpFrame(0x8001, HEX.parseHex("80400040")));
        w.write(new V2gtpFrame(0x8004, new byte[0]));
        V2gtpFrameReader r = new V2gtpFrameReader(new ByteArrayInputStream(bos.toByteArray()), 100);
        assertEquals(new V2gtpFrame(0x8001, HEX.parseHex("80400040")), r.read());
        assertEquals(new V2gtpFrame(0x8004, new byte[0]), r.read());
        assertEquals(V2gtpException.Reason.END_OF_STREAM, reasonOf(r::read));
    }

    /** A stream that fails the test if more than the header is ever read: the reader must not trust the length. */
    @Test
    void readerRejectsHugeLengthBeforeReadingOrAllocating() {
        byte[] header = HEX.parseHex("01fe80027fffffff");
        InputStream in = new InputStream() {
            int pos;

            @Override
            public int read() {
                if (pos >= header.length) {
                    throw new AssertionError("reader went past the header");
                }
                return header[pos++] & 0xFF;
            }
        };
        V2gtpFrameReader r = new V2gtpFrameReader(in, 65536);
        assertEquals(V2gtpException.Reason.PAYLOAD_TOO_LONG, reasonOf(r::read));
    }

    @Test
    void readerReportsEveryHeaderError() {
        assertEquals(V2gtpException.Reason.WRONG_VERSION, reasonOf(
                () -> new V2gtpFrameReader(new ByteArrayInputStream(HEX.parseHex("00fe800100000000")), 10).read()));
        assertEquals(V2gtpException.Reason.WRONG_INVERSE_VERSION, reasonOf(
                () -> new V2gtpFrameReader(new ByteArrayInputStream(HEX.parseHex("01fd800100000000")), 10).read()));
        assertEquals(V2gtpException.Reason.UNKNOWN_PAYLOAD_TYPE, reasonOf(
                () -> new V2gtpFrameReader(new ByteArrayInputStream(HEX.parseHex("01fe123400000000")), 10).read()));
    }

    @Test
    void readerTruncatedHeaderAndPayload() {
        assertEquals(V2gtpException.Reason.TRUNCATED, reasonOf(
                () -> new V2gtpFrameReader(new ByteArrayInputStream(HEX.parseHex("01fe80")), 10).read()));
        assertEquals(V2gtpException.Reason.TRUNCATED, reasonOf(
                () -> new V2gtpFrameReader(new ByteArrayInputStream(HEX.parseHex("01fe80020000000480")), 10).read()));
    }

    @Test
    void sdpRequestIsTenBytes() throws Exception {
        SdpRequest r = new SdpRequest(SdpSecurity.TLS, SdpTransport.TCP);
        byte[] b = r.toFrameBytes();
        assertEquals("01fe9000000000020000", HEX.formatHex(b));
        assertEquals(r, SdpRequest.decode(b));
        assertEquals("01fe9000000000021000",
                HEX.formatHex(new SdpRequest(SdpSecurity.NO_TLS, SdpTransport.TCP).toFrameBytes()));
    }

    @Test
    void sdpResponseIsTwentyEightBytes() throws Exception {
        Inet6Address a = (Inet6Address) InetAddress.getByName("fe80::1234:56ff:fe78:9abc");
        SdpResponse r = new SdpResponse(a, 50000, SdpSecurity.TLS, SdpTransport.TCP);
        byte[] b = r.toFrameBytes();
        assertEquals(28, b.length);
        assertEquals("01fe900100000014fe80000000000000123456fffe789abcc3500000", HEX.formatHex(b));
        SdpResponse back = SdpResponse.decode(b);
        assertArrayEquals(a.getAddress(), back.address().getAddress());
        assertEquals(50000, back.port());
        assertEquals(SdpSecurity.TLS, back.security());
    }

    @Test
    void sdpErrors() {
        assertEquals(V2gtpException.Reason.WRONG_PAYLOAD_LENGTH,
                reasonOf(() -> SdpRequest.decode(HEX.parseHex("01fe900000000001ff"))));
        assertEquals(V2gtpException.Reason.PAYLOAD_TOO_LONG,
                reasonOf(() -> SdpRequest.decode(HEX.parseHex("01fe90000000000300000000"))));
        assertEquals(V2gtpException.Reason.UNEXPECTED_PAYLOAD_TYPE,
                reasonOf(() -> SdpRequest.decode(HEX.parseHex("01fe80010000000200 00".replace(" ", "")))));
        assertEquals(V2gtpException.Reason.BAD_SDP_VALUE,
                reasonOf(() -> SdpRequest.decode(HEX.parseHex("01fe9000000000020100"))));
        assertEquals(V2gtpException.Reason.BAD_SDP_VALUE,
                reasonOf(() -> SdpRequest.decode(HEX.parseHex("01fe9000000000020020"))));
        assertEquals(V2gtpException.Reason.TRUNCATED,
                reasonOf(() -> SdpRequest.decode(HEX.parseHex("01fe90000000000200"))));
        assertEquals(V2gtpException.Reason.WRONG_VERSION,
                reasonOf(() -> SdpRequest.decode(HEX.parseHex("02fe9000000000020000"))));
        assertEquals(V2gtpException.Reason.UNEXPECTED_PAYLOAD_TYPE, reasonOf(() -> SdpResponse.decode(
                HEX.parseHex("01fe900000000014fe80000000000000123456fffe789abcc3500000"))));
        assertEquals(V2gtpException.Reason.WRONG_PAYLOAD_LENGTH, reasonOf(() -> SdpResponse.decode(
                HEX.parseHex("01fe900100000013fe80000000000000123456fffe789abcc35000"))));
    }
}
