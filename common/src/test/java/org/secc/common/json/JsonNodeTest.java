package org.secc.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonNodeTest {

    @Test
    void absentMembersGiveTheMissingNodeAndItsDefaults() {
        JsonNode n = JsonNode.parse("{\"evse\":{\"id\":2},\"name\":null,\"list\":[1,\"x\"]}");
        assertEquals(2, n.path("evse").path("id").asInt(0));
        assertEquals(7, n.path("connector").path("id").asInt(7));
        assertTrue(n.path("connector").isMissingNode());
        assertNull(n.get("connector"));
        assertTrue(n.has("name"));
        assertFalse(n.hasNonNull("name"));
        assertEquals("fallback", n.path("name").asString("fallback"));
        assertEquals("", n.path("absent").asString());
        assertEquals("x", n.path("list").path(1).stringValue());
        assertTrue(n.path("list").path(5).isMissingNode());
        assertThrows(IllegalStateException.class, () -> n.path("list").path(0).stringValue());
        assertEquals("1", n.path("list").path(0).asString());
        List<String> names = new ArrayList<>(n.propertyNames());
        assertEquals(List.of("evse", "name", "list"), names);
    }

    @Test
    void numbersKeepTheirKind() {
        JsonNode n = JsonNode.parse("[7, 4294967296, 1.5, 2e3, 99999999999999999999]");
        assertTrue(n.get(0).isInt());
        assertFalse(n.get(1).isInt());
        assertTrue(n.get(1).isLong());
        assertTrue(n.get(2).isFloatingPointNumber());
        assertEquals(2000.0, n.get(3).doubleValue());
        assertTrue(n.get(4).isIntegralNumber());
        assertEquals("[7,4294967296,1.5,2000.0,99999999999999999999]", n.toString());
        assertNotEquals(JsonNode.parse("1"), JsonNode.parse("1.0"));
        assertEquals(JsonNode.parse("{\"a\":[1,2.5]}"), JsonNode.parse("{ \"a\" : [ 1 , 2.5 ] }"));
    }

    @Test
    void builtTreesWriteAsCompactJsonInMemberOrder() {
        ObjectNode o = JsonNode.object().put("status", "Accepted").put("n", 3).put("kW", -38.0).put("ok", true).put("s", (String) null);
        o.putObject("statusInfo").put("reasonCode", "X");
        o.putArray("list").add(1).add("two").addObject().put("k", 1L);
        o.set("missing", JsonNode.missing());
        assertEquals("{\"status\":\"Accepted\",\"n\":3,\"kW\":-38.0,\"ok\":true,\"s\":null,\"statusInfo\":{\"reasonCode\":\"X\"},"
                + "\"list\":[1,\"two\",{\"k\":1}],\"missing\":null}", o.toString());
        ObjectNode copy = o.deepCopy();
        ((ObjectNode) copy.get("statusInfo")).put("reasonCode", "Y");
        assertEquals("X", o.path("statusInfo").path("reasonCode").asString());
        assertEquals("X", o.remove("statusInfo").path("reasonCode").asString());
        assertFalse(o.has("statusInfo"));
        assertEquals("{\n  \"a\": [\n    1\n  ]\n}", JsonNode.object().set("a", JsonNode.array().add(1)).toPrettyString());
    }

    @Test
    void malformedTextIsTheParsersError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonNode.parse("[1,"));
        assertTrue(e.getMessage().startsWith("JSON: "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonNode.object().put("x", Double.NaN));
    }
}
