package org.secc.exi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shared vector decodes to its JSON document and re-encodes from that JSON to identical bytes. */
class VectorTest {
    static Stream<Vectors.Vector> vectors() {
        return Vectors.all().stream();
    }

    @Test
    void manifestHoldsAll112Vectors() {
        List<Vectors.Vector> all = Vectors.all();
        assertEquals(112, all.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesToItsJson(Vectors.Vector v) {
        ExiCodec codec = ExiCodec.of(v.kind());
        ExiDocument doc = codec.decode(v.exi());
        assertEquals(v.document(), codec.toJson(doc));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodesFromItsJsonToTheSameBytes(Vectors.Vector v) {
        ExiCodec codec = ExiCodec.of(v.kind());
        byte[] exi = codec.encode(codec.fromJson(v.document()));
        assertEquals(HexFormat.of().formatHex(v.exi()), HexFormat.of().formatHex(exi));
    }
}
