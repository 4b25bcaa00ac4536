package org.secc.app.ctl;

import org.secc.common.json.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The reply builder: escaping keeps every reply one valid JSON line. */
class CtlJsonTest {
    @Test
    void quoteEscapesWhatJsonRequires() {
        assertEquals("\"plain\"", Json.quote("plain"));
        assertEquals("\"a\\\"b\\\\c\"", Json.quote("a\"b\\c"));
        assertEquals("\"l1\\nl2\\r\\t\\b\\f\"", Json.quote("l1\nl2\r\t\b\f"));
        assertEquals("\"\\u0000\\u001f\\u2028\"", Json.quote("\u0000\u001f\u2028"));
        assertEquals("\"\u00e9\u20ac\"", Json.quote("\u00e9\u20ac"));
        assertEquals("null", Json.quote(null));
    }

    @Test
    void objectsKeepInsertionOrder() {
        assertEquals("{}", Json.object().toString());
        assertEquals("{\"ok\":false,\"id\":\"x\\\"y\",\"status\":{\"a\":1},\"message\":null}",
                Json.object().put("ok", false).put("id", "x\"y").putRaw("status", "{\"a\":1}")
                        .put("message", (String) null).toString());
    }

    @Test
    void errorRepliesStartWithOk() {
        String e = CtlServer.error("bad \"thing\"\n");
        assertEquals("{\"ok\":false,\"error\":\"bad \\\"thing\\\"\\n\"}", e);
        assertEquals(false, CtlClient.isOk(e));
        assertEquals(true, CtlClient.isOk("{\"ok\":true,\"message\":\"m\"}"));
        // parsed, not prefix-matched: member order and spacing do not matter, malformed replies are failures
        assertEquals(true, CtlClient.isOk("{ \"message\": \"m\", \"ok\": true }"));
        assertEquals(false, CtlClient.isOk("{\"ok\":true,"));
        assertEquals(false, CtlClient.isOk("{\"ok\":\"true\"}"));
        assertEquals(false, CtlClient.isOk("[true]"));
    }
}
