package org.secc.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every verb decodes; every kind of bad payload is refused with its reason; the schema agrees with the codec. */
class CommandCodecTest {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String refusal(String verb, String json) {
        return assertThrows(CommandCodec.BadCommand.class, () -> CommandCodec.decode(verb, b(json))).getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "price|{\"id\":\"p1\",\"price_per_kwh\":0.42,\"valid_s\":900}",
        "price|{\"id\":\"p1\",\"price_per_kwh\":-0.05,\"valid_s\":0.5}",
        "limits|{\"id\":\"l1\",\"import_limit_w\":6000,\"export_limit_w\":null,\"valid_s\":60,\"reason\":\"peak shaving\"}",
        "limits|{\"id\":\"l1\",\"export_limit_w\":3500,\"valid_s\":60}",
        "dispatch|{\"id\":\"d1\",\"setpoint_w\":-7000,\"valid_s\":30}",
        "clear-limits|{\"id\":\"c1\"}",
        "force-discharge|{\"id\":\"f1\",\"power_w\":7400}",
        "manual|{\"id\":\"m1\",\"mode\":\"discharge\",\"power_w\":3000}",
        "auto|{\"id\":\"a1\"}",
        "emergency-stop|{\"id\":\"e1\"}",
        "reset-emergency-stop|{\"id\":\"r1\"}",
        "clear-trip|{\"id\":\"t1\"}",
        "reload|{\"id\":\"rl1\"}",
        "heartbeat|{\"id\":\"hb-17\"}",
    })
    void validCommandsDecodeAndMatchTheSchema(String verb, String json) throws Exception {
        SiteCommand c = CommandCodec.decode(verb, b(json));
        assertEquals(verb, c.verb());
        assertEquals(java.util.List.of(), Schemas.validate(Schemas.command(verb), json));
    }

    @Test
    void decodedValuesAreThePayloads() throws Exception {
        assertEquals(new SiteCommand.Limits("l1", 6000, Double.NaN, 60, "peak"),
                CommandCodec.decode("limits", b("{\"id\":\"l1\",\"import_limit_w\":6000,\"valid_s\":60,\"reason\":\"peak\"}")));
        assertEquals(new SiteCommand.Dispatch("d", -7000, 30, null),
                CommandCodec.decode("dispatch", b("{\"id\":\"d\",\"setpoint_w\":-7000,\"valid_s\":30}")));
        assertEquals(new SiteCommand.Price("p", 0.42, 900), CommandCodec.decode("price", b("{\"id\":\"p\",\"price_per_kwh\":0.42,\"valid_s\":900}")));
        assertEquals(new SiteCommand.Manual("m", "idle", 0), CommandCodec.decode("manual", b("{\"id\":\"m\",\"mode\":\"idle\",\"power_w\":0}")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "price|{\"id\":\"p1\",\"price_per_kwh\":\"0.42\",\"valid_s\":900}|price_per_kwh: expected a number, got string",
        "price|{\"id\":\"p1\"}|price_per_kwh: required",
        "price|{\"id\":\"p1\",\"price_per_kwh\":0.42}|valid_s: required",
        "price|{\"id\":\"p1\",\"price_per_kwh\":0.42,\"valid_s\":\"1h\"}|valid_s: expected a number, got string",
        "price|{\"price_per_kwh\":1}|id: required",
        "price|{\"id\":7,\"price_per_kwh\":1}|id: must be a string of 1-64 characters of A-Z a-z 0-9 . _ : @ -",
        "price|{\"id\":\"a b\",\"price_per_kwh\":1}|id: must be a string of 1-64 characters of A-Z a-z 0-9 . _ : @ -",
        "price|{\"id\":\"p\",\"price_per_kwh\":1,\"currency\":\"EUR\"}|unknown field 'currency' for price; allowed: id, price_per_kwh, valid_s",
        "limits|{\"id\":\"l\",\"valid_s\":60}|limits: import_limit_w or export_limit_w required",
        "limits|{\"id\":\"l\",\"import_limit_w\":true,\"valid_s\":60}|import_limit_w: expected a number, got boolean",
        "dispatch|{\"id\":\"d\",\"setpoint_w\":[1],\"valid_s\":60}|setpoint_w: expected a number, got array",
        "manual|{\"id\":\"m\",\"mode\":\"turbo\",\"power_w\":1}|mode: expected one of charge, discharge, idle",
        "auto|[1,2]|payload must be a JSON object",
        "auto|{\"id\":\"a\"|payload is not valid JSON: unexpected end at offset 9",
        "auto|{\"id\":\"a\",\"id\":\"b\"}|payload is not valid JSON: duplicate member \"id\" at offset 10",
        "auto|{\"id\":\"a\",\"reason\":\"x\"}|unknown field 'reason' for auto; allowed: id",
        "reboot|{\"id\":\"a\"}|unknown command 'reboot'; allowed: price, limits, dispatch, clear-limits, force-discharge, manual, auto, emergency-stop, reset-emergency-stop, clear-trip, reload, heartbeat",
    })
    void badPayloadsAreRefusedWithTheReasonAndTheSchemaRefusesThemToo(String verb, String json, String why) {
        assertEquals(why, refusal(verb, json));
        if (!verb.equals("reboot") && !why.startsWith("payload is not valid JSON")) {
            assertFalse(Schemas.validate(Schemas.command(verb), json).isEmpty(), "the schema refuses it too: " + json);
        }
    }

    @Test
    void oversizedPayloadIsRefusedBeforeParsing() {
        byte[] big = new byte[CommandCodec.MAX_PAYLOAD + 1];
        java.util.Arrays.fill(big, (byte) '[');
        assertEquals("payload of 4097 bytes; a command is at most 4096",
                assertThrows(CommandCodec.BadCommand.class, () -> CommandCodec.decode("price", big)).getMessage());
    }

    @Test
    void deeplyNestedInputIsRefusedNotACrash() {
        String deep = "{\"id\":\"x\",\"price_per_kwh\":" + "[".repeat(2000) + "]".repeat(2000) + "}";
        assertTrue(refusal("price", deep).startsWith("payload"), "refused before or by the parser's limits");
    }

    @Test
    void repliesMatchTheirSchema() {
        assertEquals(java.util.List.of(), Schemas.validate(Schemas.schema("reply.schema.json"),
                CommandCodec.encodeReply(new SiteReply("p1", true, false, "price 0.42"))));
        assertEquals(java.util.List.of(), Schemas.validate(Schemas.schema("reply.schema.json"),
                CommandCodec.encodeReply(SiteReply.rejected(null, "payload must be a JSON object"))));
    }
}
