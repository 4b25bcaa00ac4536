package org.secc.transport.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.secc.transport.v2gtp.SdpRequest;
import org.secc.transport.v2gtp.V2gtpCodec;
import org.secc.transport.v2gtp.V2gtpException;
import org.secc.transport.v2gtp.V2gtpFrame;
import org.secc.transport.v2gtp.V2gtpFrameReader;

/**
 * Coverage-guided fuzzing of V2GTP framing (ISO 15118-2 §7.8.3 header: version, inverted version,
 * payload type, length) and of the SDP request the SECC receives over UDP. Contract: a byte stream
 * yields frames that re-encode to exactly the bytes read, or ends in {@link V2gtpException}; no frame
 * carries more than the configured maximum, and no buffer is allocated before the header passed
 * (secc-app/README-bench.md, "Fuzzing").
 */
class V2gtpFuzzTest {

    /** Small, so that the fuzzer reaches PAYLOAD_TOO_LONG as well as frames that fit. */
    private static final int MAX_PAYLOAD = 512;

    @FuzzTest(maxDuration = "5s")
    void frameReader(byte[] stream) throws IOException {
        V2gtpFrameReader reader = new V2gtpFrameReader(new ByteArrayInputStream(stream), MAX_PAYLOAD);
        int consumed = 0;
        while (true) {
            V2gtpFrame f;
            try {
                f = reader.read();
            } catch (V2gtpException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
                return;
            }
            assertTrue(f.payload().length <= MAX_PAYLOAD, "frame of " + f.payload().length + " bytes over the maximum");
            byte[] again = f.toBytes();
            assertArrayEquals(Arrays.copyOfRange(stream, consumed, consumed + again.length), again,
                    "frame does not re-encode to the bytes read");
            consumed += again.length;
        }
    }

    @FuzzTest(maxDuration = "5s")
    void codecDecode(byte[] datagram) {
        V2gtpCodec codec = new V2gtpCodec(MAX_PAYLOAD);
        try {
            V2gtpFrame f = codec.decode(datagram);
            assertArrayEquals(datagram, codec.encode(f), "a whole frame re-encodes byte for byte");
        } catch (V2gtpException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
    }

    @FuzzTest(maxDuration = "5s")
    void sdpRequest(byte[] datagram) {
        try {
            SdpRequest r = SdpRequest.decode(datagram);
            assertEquals(SdpRequest.FRAME_LENGTH, datagram.length);
            assertArrayEquals(datagram, r.toFrameBytes(), "an accepted SDP request re-encodes byte for byte");
        } catch (V2gtpException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
    }
}
