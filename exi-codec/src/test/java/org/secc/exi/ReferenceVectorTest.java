package org.secc.exi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.secc.exi.reference.ExificientCodec;

/** The same 112 vectors through the EXIficient reference path: it must agree with the vectors too. */
class ReferenceVectorTest {
    static Stream<Vectors.Vector> vectors() {
        return Vectors.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void referenceDecodesToTheJson(Vectors.Vector v) {
        ExiDocument doc = ExificientCodec.decode(v.kind(), v.exi());
        assertEquals(v.document(), ExiCodec.of(v.kind()).toJson(doc));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void referenceEncodesTheSameBytes(Vectors.Vector v) {
        ExiDocument doc = ExiCodec.of(v.kind()).fromJson(v.document());
        assertEquals(HexFormat.of().formatHex(v.exi()), HexFormat.of().formatHex(ExificientCodec.encode(v.kind(), doc)));
    }
}
