package org.secc.ocpp.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.secc.common.json.JsonNode;

class SchemaValidatorTest {
    private static final Path SCHEMAS = Path.of("src/main/schemas");

    /** Every keyword of every shipped schema is one the validator implements or an annotation; nothing else. */
    @Test
    void every_keyword_of_the_shipped_schemas_is_implemented() throws IOException {
        List<String> unknown = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(SCHEMAS)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).toList()) {
                files++;
                walkSchema(JsonNode.parse(Files.readString(p)), p.getFileName() + ":$", unknown);
            }
        }
        assertTrue(files > 300, "schemas found: " + files);
        assertEquals(List.of(), unknown);
    }

    private static void walkSchema(JsonNode schema, String where, List<String> unknown) {
        for (Map.Entry<String, JsonNode> m : schema.properties()) {
            String k = m.getKey();
            JsonNode v = m.getValue();
            if (!SchemaValidator.KEYWORDS.contains(k) && !SchemaValidator.ANNOTATIONS.contains(k)) unknown.add(where + "." + k);
            switch (k) {
                case "properties", "definitions" -> {
                    for (Map.Entry<String, JsonNode> p : v.properties()) walkSchema(p.getValue(), where + "." + k + "." + p.getKey(), unknown);
                }
                case "items" -> {
                    // one schema for every element: additionalItems then has no effect (draft-06 §6.10)
                    if (!v.isObject()) unknown.add(where + ".items as an array");
                    else walkSchema(v, where + ".items", unknown);
                }
                case "type" -> {
                    if (!v.isString()) unknown.add(where + ".type not a single name");
                }
                case "additionalProperties", "additionalItems" -> {
                    if (!v.isBoolean()) unknown.add(where + "." + k + " as a schema");
                }
                case "format" -> {
                    if (!"date-time".equals(v.asString())) unknown.add(where + ".format " + v.asString());
                }
                case "$ref" -> {
                    if (!v.asString().startsWith("#/definitions/")) unknown.add(where + ".$ref " + v.asString());
                }
                default -> { }
            }
        }
    }

    private static RpcErrorCode code(OcppVersion v, String action, String payload) {
        Optional<SchemaValidator.Violation> r = new SchemaValidator(v).validateRequest(action, JsonNode.parse(payload));
        return r.map(SchemaValidator.Violation::code).orElse(null);
    }

    @Test
    void each_kind_of_violation_has_its_callerror_code() {
        for (OcppVersion v : OcppVersion.values()) {
            assertEquals(null, code(v, "Reset", "{\"type\":\"Immediate\"}"));
            assertEquals(RpcErrorCode.PropertyConstraintViolation, code(v, "Reset", "{\"type\":\"Sometime\"}"));
            assertEquals(RpcErrorCode.OccurrenceConstraintViolation, code(v, "Reset", "{}"));
            assertEquals(RpcErrorCode.TypeConstraintViolation, code(v, "Reset", "{\"type\":7}"));
            assertEquals(RpcErrorCode.FormatViolation, code(v, "Reset", "{\"type\":\"Immediate\",\"extra\":1}"));
            assertEquals(RpcErrorCode.TypeConstraintViolation, code(v, "Reset", "{\"type\":\"Immediate\",\"evseId\":1.5}"));
            assertEquals(null, code(v, "Reset", "{\"type\":\"Immediate\",\"evseId\":1.0}")); // draft-06: 1.0 is an integer
            // $ref into definitions, maxLength, required inside a referenced definition
            assertEquals(null, code(v, "Authorize", "{\"idToken\":{\"idToken\":\"abc\",\"type\":\"Central\"}}"));
            assertEquals(RpcErrorCode.PropertyConstraintViolation,
                    code(v, "Authorize", "{\"idToken\":{\"idToken\":\"" + "x".repeat(300) + "\",\"type\":\"Central\"}}"));
            assertEquals(RpcErrorCode.OccurrenceConstraintViolation, code(v, "Authorize", "{\"idToken\":{\"idToken\":\"abc\"}}"));
            // arrays: minItems, items
            assertEquals(RpcErrorCode.OccurrenceConstraintViolation, code(v, "GetVariables", "{\"getVariableData\":[]}"));
            assertEquals(RpcErrorCode.FormatViolation, code(v, "GetVariables", "{\"getVariableData\":[{\"component\":{\"name\":\"a\"},\"variable\":{\"name\":\"b\"},\"x\":1}]}"));
            assertEquals(null, code(v, "GetVariables", "{\"getVariableData\":[{\"component\":{\"name\":\"a\"},\"variable\":{\"name\":\"b\"}}]}"));
            // date-time format and a number's minimum (evseId ≥ 0 in 2.1)
            String status = "{\"timestamp\":\"%s\",\"connectorStatus\":\"Available\",\"evseId\":%s,\"connectorId\":1}";
            assertEquals(null, code(v, "StatusNotification", String.format(status, "2026-12-07T09:00:00.123Z", "1")));
            assertEquals(RpcErrorCode.PropertyConstraintViolation, code(v, "StatusNotification", String.format(status, "2026-12-07 09:00", "1")));
            assertEquals(RpcErrorCode.PropertyConstraintViolation, code(v, "StatusNotification", String.format(status, "2026-02-30T09:00:00Z", "1")));
            if (v == OcppVersion.OCPP21) { // 2.1 added the minimum
                assertEquals(RpcErrorCode.PropertyConstraintViolation, code(v, "StatusNotification", String.format(status, "2026-12-07T09:00:00Z", "-1")));
            }
        }
    }

    @Test
    void date_time_is_rfc3339() {
        for (String ok : List.of("2026-12-07T09:00:00Z", "2026-12-07t09:00:00z", "2026-12-07T09:00:00.5+01:00", "2024-02-29T23:59:60-23:59")) {
            assertTrue(SchemaValidator.isDateTime(ok), ok);
        }
        for (String bad : List.of("2026-12-07T09:00:00", "2026-12-07T24:00:00Z", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z",
                "2026-12-07T09:00Z", "2026-12-07T09:00:00+24:00", "x2026-12-07T09:00:00Z", "")) {
            assertFalse(SchemaValidator.isDateTime(bad), bad);
        }
    }

    /** The action lists the validator knows every action by are the schema folders' message names. */
    @Test
    void the_action_lists_name_every_schema() throws IOException {
        for (OcppVersion v : OcppVersion.values()) {
            java.util.Set<String> fromSchemas = new java.util.TreeSet<>();
            try (Stream<Path> s = Files.list(SCHEMAS.resolve(v.schemaFolder()))) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Request.json"))
                        .forEach(n -> fromSchemas.add(n.substring(0, n.length() - "Request.json".length())));
            }
            assertEquals(fromSchemas, new java.util.TreeSet<>(v.actions()), v.name());
        }
        SchemaValidator s = new SchemaValidator(OcppVersion.OCPP21);
        assertTrue(s.knows("BatterySwap"));
        assertFalse(s.ships("BatterySwap")); // defined by 2.1, not handled by the station: NotSupported
        assertTrue(s.ships("SetChargingProfile"));
    }

    @Test
    void unknown_messages_are_not_known() {
        SchemaValidator s = new SchemaValidator(OcppVersion.OCPP201);
        assertFalse(s.knows("MakeCoffee"));
        assertFalse(s.knows("../ocpp21/Reset"));
        assertTrue(s.knows("Reset"));
        assertEquals(RpcErrorCode.NotImplemented, s.validateRequest("AFRRSignal", JsonNode.object()).orElseThrow().code());
    }
}
