package org.secc.ocpp.rpc;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the OCPP module: absent fields stay absent on the wire (OCPP-J 2.1 §4.1.2). */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {}

    /** A generated message object as a JSON object (nulls are left out by the generated annotations). */
    public static ObjectNode tree(Object message) {
        return MAPPER.valueToTree(message);
    }

    /** A validated payload as a generated type. */
    public static <T> T as(JsonNode payload, Class<T> type) {
        return MAPPER.treeToValue(payload, type);
    }
}
