package org.secc.ocpp.rpc;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Validates payloads against the official OCA JSON schemas of one OCPP version, shipped unmodified on the
 * classpath. Every incoming CALL is validated before anything acts on it; a violation becomes the CALLERROR
 * code of OCPP-J 2.1 §4.3 that names its kind.
 */
public final class SchemaValidator {
    private static final String ROOT = "org/secc/ocpp/schemas/";

    /** A payload that failed its schema: the CALLERROR code and a short description (the first violation). */
    public record Violation(RpcErrorCode code, String description) {}

    private final OcppVersion version;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_6);
    private final ConcurrentHashMap<String, Optional<Schema>> schemas = new ConcurrentHashMap<>();

    public SchemaValidator(OcppVersion version) {
        this.version = version;
    }

    public OcppVersion version() { return version; }

    /**
     * Loads the validator, Jackson and the schemas the station uses most, so that a charger starting the
     * OCPP module next to its real-time threads pays that cost up front instead of during a session.
     */
    public static void warmUp() {
        for (OcppVersion v : OcppVersion.values()) {
            SchemaValidator s = new SchemaValidator(v);
            for (String a : new String[] {"BootNotification", "StatusNotification", "TransactionEvent", "Heartbeat", "Authorize",
                    "SetChargingProfile", "GetVariables"}) {
                s.validateRequest(a, Json.MAPPER.createObjectNode());
                s.validateResponse(a, Json.MAPPER.createObjectNode());
            }
        }
    }

    /** Whether the version defines this action (a CALL of an action it does not define is NotImplemented). */
    public boolean knows(String action) {
        return schema(action + "Request").isPresent();
    }

    public Optional<Violation> validateRequest(String action, JsonNode payload) {
        return validate(action + "Request", payload);
    }

    public Optional<Violation> validateResponse(String action, JsonNode payload) {
        return validate(action + "Response", payload);
    }

    private Optional<Violation> validate(String name, JsonNode payload) {
        Optional<Schema> schema = schema(name);
        if (schema.isEmpty()) return Optional.of(new Violation(RpcErrorCode.NotImplemented, name + " is not an OCPP " + version.subprotocol() + " message"));
        List<Error> errors = schema.get().validate(payload);
        if (errors.isEmpty()) return Optional.empty();
        Error first = errors.get(0);
        return Optional.of(new Violation(codeOf(first.getKeyword()), name + ": " + first.getMessage()));
    }

    /** OCPP-J 2.1 §4.3: which kind of schema violation each CALLERROR code names. */
    static RpcErrorCode codeOf(String keyword) {
        if (keyword == null) return RpcErrorCode.FormatViolation;
        return switch (keyword) {
            case "type" -> RpcErrorCode.TypeConstraintViolation;
            case "required", "minItems", "maxItems", "minProperties", "maxProperties" -> RpcErrorCode.OccurrenceConstraintViolation;
            case "enum", "const", "maxLength", "minLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
                 "pattern", "format", "multipleOf" -> RpcErrorCode.PropertyConstraintViolation;
            default -> RpcErrorCode.FormatViolation; // additionalProperties and anything structural
        };
    }

    private Optional<Schema> schema(String name) {
        if (!name.matches("[A-Za-z0-9]{1,64}")) return Optional.empty();
        return schemas.computeIfAbsent(name, n -> {
            String path = ROOT + version.schemaFolder() + "/" + n + ".json";
            try (InputStream in = SchemaValidator.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) return Optional.empty();
                return Optional.of(registry.getSchema(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
