package org.secc.exi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.secc.common.json.Json;
import org.secc.exi.reference.ExificientCodec;

/**
 * Vectors from other encoders that are valid EXI but not the encoding this profile produces (an empty
 * hexBinary written with an explicit zero-length event, a different header path): both codecs must
 * decode them to the same document; re-encoding gives the canonical bytes, which differ.
 */
class DecodeOnlyVectorTest {

    static String resource(String name) throws IOException {
        try (InputStream in = DecodeOnlyVectorTest.class.getResourceAsStream("/vectors/exi/decode-only/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void decodeOnlyVectorsDecodeAlikeInBothCodecs() throws IOException {
        String[] lines = resource("manifest.tsv").split("\n");
        List<String> seen = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] c = lines[i].split("\t");
            SchemaKind k = SchemaKind.of(c[1]);
            byte[] exi = HexFormat.of().parseHex(resource(c[0] + ".exi.hex").trim());
            Map<String, Object> doc = (Map<String, Object>) ((Map<String, Object>) Json.parse(resource(c[0] + ".json"))).get("document");
            ExiCodec codec = ExiCodec.of(k);
            assertEquals(doc, codec.toJson(codec.decode(exi)), c[0]);
            assertEquals(doc, codec.toJson(ExificientCodec.decode(k, exi)), c[0] + " (EXIficient)");
            assertNotEquals(HexFormat.of().formatHex(exi), HexFormat.of().formatHex(codec.encode(codec.fromJson(doc))), c[0]);
            seen.add(c[0]);
        }
        assertEquals(2, seen.size(), seen.toString());
    }
}
