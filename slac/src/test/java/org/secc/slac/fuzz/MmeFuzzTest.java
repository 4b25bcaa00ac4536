package org.secc.slac.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.MmeException;

/**
 * Coverage-guided fuzzing of HomePlug AV management frames as they arrive from the modem (SLAC,
 * ISO 15118-3 Annex A; the QCA vendor messages). Contract: a frame either decodes, and then re-encodes to a
 * frame that decodes to the same encoding, or is refused with {@link MmeException}; nothing else escapes
 * (secc-app/README-bench.md, "Fuzzing").
 */
class MmeFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void homePlugFrame(byte[] frame) {
        HomePlugFrame f;
        try {
            f = HomePlugFrame.decode(frame);
        } catch (MmeException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
            return;
        }
        // Padding and reserved bytes are not kept, so the first encoding may differ from the input; from
        // then on decoding and encoding must be a fixed point (nothing read that cannot be written back).
        byte[] once = f.encode();
        assertTrue(once.length >= HomePlugFrame.MIN_LENGTH && once.length <= HomePlugFrame.MAX_LENGTH, "encoded length " + once.length);
        byte[] twice;
        try {
            twice = HomePlugFrame.decode(once).encode();
        } catch (MmeException e) {
            throw new AssertionError("decoded " + f + " re-encodes to a frame that is refused: " + e.getMessage(), e);
        }
        assertArrayEquals(once, twice, () -> "decoded " + f + " is not a fixed point of encode/decode");
    }
}
