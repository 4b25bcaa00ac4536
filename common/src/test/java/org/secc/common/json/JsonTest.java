package org.secc.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void numbersKeepTheirDigits() {
        Object v = Json.parse("[0, -1, 9223372036854775807, 9223372036854775808, -18446744073709551616, 1.50, 1e3, -0.0]");
        assertEquals(List.of(0L, -1L, Long.MAX_VALUE, new BigInteger("9223372036854775808"), new BigInteger("-18446744073709551616"),
                new BigDecimal("1.50"), new BigDecimal("1e3"), new BigDecimal("-0.0")), v);
        assertEquals("[0,-1,9223372036854775807,9223372036854775808,-18446744073709551616,1.50,1E+3,0.0]", Json.compact(v)); // BigDecimal has no negative zero
    }

    @Test
    void prettyLayoutIsTheVectorsLayout() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1L);
        m.put("b", List.of("x", Map.of()));
        m.put("c", List.of());
        m.put("d", new LinkedHashMap<>());
        assertEquals("{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    {}\n  ],\n  \"c\": [],\n  \"d\": {}\n}", Json.write(m));
        assertEquals(m, Json.parse(Json.write(m)));
    }

    @Test
    void objectsKeepMemberOrderAndRefuseDuplicates() {
        Object v = Json.parse("{\"z\":1,\"a\":{\"y\":true,\"b\":null}}");
        assertEquals("{\"z\":1,\"a\":{\"y\":true,\"b\":null}}", Json.compact(v));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1,\"a\":2}"));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }

    @Test
    void malformedInputIsOneClearError() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "tru", "\"\\x\"", "1 2", "{\"a\":1}}", "\"unterminated", "01")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("JSON: "), bad + " -> " + e.getMessage());
        }
    }

    @Test
    void nestingAndNumberLengthAreBounded() {
        String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Json.parse(ok);
        assertThrows(IllegalArgumentException.class, () -> Json.parse("1".repeat(Json.MAX_NUMBER_LENGTH + 1)));
    }

    @Test
    void stringsStayOnOneLine() {
        assertEquals("\"a\\\"b\\\\c\"", Json.quote("a\"b\\c"));
        assertEquals("\"l1\\nl2\\r\\t\\b\\f\"", Json.quote("l1\nl2\r\t\b\f"));
        assertEquals("\"\\u0000\\u001f\\u2028\\u2029\"", Json.quote("\u0000\u001f\u2028\u2029"));
        assertEquals("\"\u00e9\u20ac\"", Json.quote("\u00e9\u20ac"));
        assertEquals("\u0000\u001f\u2028", Json.parse(Json.quote("\u0000\u001f\u2028")));
        assertEquals("null", Json.quote(null));
    }

    @Test
    void doublesKeepTheDigitsOfDoubleToString() {
        // 2.82879384806159E17 is one of the values where the shortest-digit writers and Java 17's Double.toString
        // differ; the control socket's replies and the logs have always carried Double.toString's digits
        for (double d : new double[] {2.82879384806159E17, 1.0E23, 0.1, -38000.5, 4.9E-324, 1.7976931348623157E308}) {
            assertEquals("[" + Double.toString(d) + "]", Json.compact(List.of(d)), Double.toString(d));
        }
        assertEquals("{\"kW\":-38.0}", Json.object().put("kW", -38.0).toString());
    }

    @Test
    void objectBuilderWritesRawMembersVerbatim() {
        assertEquals("{}", Json.object().toString());
        assertEquals("{\"ok\":true,\"status\":{\"a\":1},\"n\":3,\"m\":null}",
                Json.object().put("ok", true).putRaw("status", "{\"a\":1}").put("n", 3).put("m", (String) null).toString());
    }

    @Test
    void valuesWithoutAJsonFormAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.compact(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Json.compact(Double.NaN));
    }
}
