package org.secc.site;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The payload schemas shipped in the jar (org/secc/site/schema), loaded with networknt's validator. */
final class Schemas {
    /** Jackson 3 as the validator needs it (test scope only; the charger's JSON is org.secc.common.json.Json). */
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private Schemas() {
    }

    static JsonNode read(String file) {
        try (InputStream in = Schemas.class.getResourceAsStream("/org/secc/site/schema/" + file)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Schema schema(String file) {
        JsonNode n = read(file);
        return REGISTRY.getSchema(SchemaLocation.of(n.get("$id").stringValue()), n);
    }

    /** The schema of one command verb: $defs/<verb> of commands.schema.json. */
    static Schema command(String verb) {
        tools.jackson.databind.node.ObjectNode n = (tools.jackson.databind.node.ObjectNode) read("commands.schema.json");
        if (!n.get("$defs").has(verb)) {
            throw new IllegalArgumentException("no schema for " + verb);
        }
        n.put("$ref", "#/$defs/" + verb);
        return REGISTRY.getSchema(SchemaLocation.of(n.get("$id").stringValue()), n);
    }

    static List<Error> validate(Schema s, String json) {
        return s.validate(JSON.readTree(json.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Error> validate(Schema s, byte[] json) {
        return s.validate(JSON.readTree(json));
    }
}
