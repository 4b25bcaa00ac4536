package org.secc.exi.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.secc.exi.ExiCodec;
import org.secc.exi.ExiDecodeException;
import org.secc.exi.ExiDocument;
import org.secc.exi.SchemaKind;

/**
 * Coverage-guided fuzzing of the EXI decoder, one target per grammar. Contract under test: any byte
 * string either decodes or ends in {@link ExiDecodeException} whose bit offset lies inside the input
 * (never another exception, a hang or an allocation the input claims); and what decodes is a document
 * the encoder accepts and that decodes again to the same value (the decoder admits nothing the schema
 * does not).
 *
 * <p>In a normal build each target replays its committed corpus
 * ({@code src/test/resources/org/secc/exi/fuzz/ExiDecodeFuzzTestInputs/<target>/}, seeded from the
 * shared vectors); {@code JAZZER_FUZZ=1} fuzzes one target (secc-app/README-bench.md, "Fuzzing").
 */
class ExiDecodeFuzzTest {

    /** Far above any message of these schemas; keeps the fuzzer's inputs to what a V2GTP frame can carry. */
    private static final int MAX_INPUT = 8 * 1024;

    static void decode(SchemaKind kind, byte[] input) {
        if (input.length > MAX_INPUT) {
            return;
        }
        ExiCodec codec = ExiCodec.of(kind);
        ExiDocument doc;
        try {
            doc = codec.decode(input);
        } catch (ExiDecodeException e) {
            assertTrue(e.bitOffset() >= 0 && e.bitOffset() <= (long) input.length * 8 + 64,
                    () -> "bit offset " + e.bitOffset() + " outside a " + input.length + "-byte input: " + e.getMessage());
            return;
        }
        byte[] again = codec.encode(doc);
        assertEquals(codec.toJson(doc), codec.toJson(codec.decode(again)), "decode(encode(decode(x))) differs from decode(x)");
    }

    @FuzzTest(maxDuration = "5s")
    void sap(byte[] input) {
        decode(SchemaKind.SAP, input);
    }

    @FuzzTest(maxDuration = "5s")
    void common(byte[] input) {
        decode(SchemaKind.COMMON, input);
    }

    @FuzzTest(maxDuration = "5s")
    void dc(byte[] input) {
        decode(SchemaKind.DC, input);
    }

    @FuzzTest(maxDuration = "5s")
    void ac(byte[] input) {
        decode(SchemaKind.AC, input);
    }

    @FuzzTest(maxDuration = "5s")
    void acdp(byte[] input) {
        decode(SchemaKind.ACDP, input);
    }

    @FuzzTest(maxDuration = "5s")
    void wpt(byte[] input) {
        decode(SchemaKind.WPT, input);
    }

    @FuzzTest(maxDuration = "5s")
    void commonFrag(byte[] input) {
        decode(SchemaKind.COMMON_FRAG, input);
    }

    @FuzzTest(maxDuration = "5s")
    void xmldsigFrag(byte[] input) {
        decode(SchemaKind.XMLDSIG_FRAG, input);
    }

    @FuzzTest(maxDuration = "5s")
    void din(byte[] input) {
        decode(SchemaKind.DIN, input);
    }

    @FuzzTest(maxDuration = "5s")
    void iso2(byte[] input) {
        decode(SchemaKind.ISO2, input);
    }
}
