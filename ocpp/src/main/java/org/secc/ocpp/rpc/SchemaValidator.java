package org.secc.ocpp.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.secc.common.json.JsonNode;

/**
 * Validates payloads against the official OCA JSON schemas of one OCPP version, shipped unmodified on the
 * classpath. Every incoming CALL is validated before anything acts on it; a violation becomes the CALLERROR
 * code of OCPP-J 2.1 §4.3 that names its kind.
 *
 * <p>The validator implements exactly the JSON Schema (draft-06) keywords the OCPP 2.0.1 and 2.1 schemas use:
 * {@code type} (one name), {@code properties}, {@code required}, {@code additionalProperties: false},
 * {@code enum}, {@code $ref} into {@code #/definitions}, {@code items} (one schema), {@code minItems},
 * {@code maxItems}, {@code maxLength}, {@code minimum}, {@code maximum} and {@code format: date-time}
 * (RFC 3339 §5.6). {@code additionalItems} has no effect next to a single {@code items} schema (draft-06 §6.10);
 * {@code description}, {@code javaType}, {@code comment}, {@code default}, {@code $id} and {@code $schema} are
 * annotations. {@code SchemaValidatorTest} walks every shipped schema and fails on any other keyword.
 */
public final class SchemaValidator {
    private static final String ROOT = "org/secc/ocpp/schemas/";

    /** The assertion keywords implemented here. */
    static final Set<String> KEYWORDS = Set.of("type", "properties", "required", "additionalProperties", "enum", "$ref", "items",
            "additionalItems", "minItems", "maxItems", "maxLength", "minimum", "maximum", "format", "definitions");
    /** Keywords that only annotate. */
    static final Set<String> ANNOTATIONS = Set.of("description", "javaType", "comment", "default", "$id", "$schema");

    /** A payload that failed its schema: the CALLERROR code and a short description (the first violation). */
    public record Violation(RpcErrorCode code, String description) {}

    private final OcppVersion version;
    private final ConcurrentHashMap<String, Optional<JsonNode>> schemas = new ConcurrentHashMap<>();

    public SchemaValidator(OcppVersion version) {
        this.version = version;
    }

    public OcppVersion version() { return version; }

    /**
     * Loads the schemas the station uses most, so that a charger starting the OCPP module next to its real-time
     * threads pays that cost up front instead of during a session.
     */
    public static void warmUp() {
        for (OcppVersion v : OcppVersion.values()) {
            SchemaValidator s = new SchemaValidator(v);
            for (String a : new String[] {"BootNotification", "StatusNotification", "TransactionEvent", "Heartbeat", "Authorize",
                    "SetChargingProfile", "GetVariables"}) {
                s.validateRequest(a, JsonNode.object());
                s.validateResponse(a, JsonNode.object());
            }
        }
    }

    /** Whether the version defines this action (a CALL of an action it does not define is NotImplemented). */
    public boolean knows(String action) {
        return version.actions().contains(action);
    }

    /**
     * Whether the jar carries the schemas of this action: those of every message the station sends or answers.
     * A CALL of a defined action without them is one the station does not support (NotSupported).
     */
    public boolean ships(String action) {
        return schema(action + "Request").isPresent();
    }

    public Optional<Violation> validateRequest(String action, JsonNode payload) {
        return validate(action + "Request", payload);
    }

    public Optional<Violation> validateResponse(String action, JsonNode payload) {
        return validate(action + "Response", payload);
    }

    private Optional<Violation> validate(String name, JsonNode payload) {
        Optional<JsonNode> schema = schema(name);
        if (schema.isEmpty()) return Optional.of(new Violation(RpcErrorCode.NotImplemented, name + " is not an OCPP " + version.subprotocol() + " message"));
        Failure f = check(schema.get(), schema.get(), payload, "$");
        if (f == null) return Optional.empty();
        return Optional.of(new Violation(codeOf(f.keyword()), name + ": " + f.path() + ": " + f.message()));
    }

    /** The first violation found: the keyword that failed, where, and why. */
    record Failure(String keyword, String path, String message) {}

    /** Checks {@code value} against {@code schema}; {@code root} resolves {@code $ref}s. Depth follows the value's (bounded by the parser). */
    static Failure check(JsonNode root, JsonNode schema, JsonNode value, String path) {
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            String r = ref.asString();
            if (!r.startsWith("#/definitions/")) return new Failure("$ref", path, "unsupported reference " + r);
            JsonNode target = root.path("definitions").get(r.substring("#/definitions/".length()));
            if (target == null) return new Failure("$ref", path, "unresolved reference " + r);
            return check(root, target, value, path); // draft-06 §8: siblings of $ref are ignored
        }
        JsonNode type = schema.get("type");
        if (type != null && !hasType(value, type.asString())) {
            return new Failure("type", path, kind(value) + " found, " + type.asString() + " expected");
        }
        JsonNode en = schema.get("enum");
        if (en != null) {
            boolean found = false;
            for (JsonNode e : en) found |= e.equals(value);
            if (!found) return new Failure("enum", path, "does not have a value in the enumeration " + abbreviate(en.toString()));
        }
        if (value.isString()) {
            String s = value.stringValue();
            JsonNode max = schema.get("maxLength");
            if (max != null && s.codePointCount(0, s.length()) > max.asInt()) {
                return new Failure("maxLength", path, "must be at most " + max.asInt() + " characters long");
            }
            JsonNode format = schema.get("format");
            if (format != null && "date-time".equals(format.asString()) && !isDateTime(s)) {
                return new Failure("format", path, "is not an RFC 3339 date-time: " + abbreviate(s));
            }
        }
        if (value.isNumber()) {
            BigDecimal d = value.decimalValue();
            JsonNode min = schema.get("minimum");
            if (min != null && d.compareTo(min.decimalValue()) < 0) return new Failure("minimum", path, "must be at least " + min);
            JsonNode max = schema.get("maximum");
            if (max != null && d.compareTo(max.decimalValue()) > 0) return new Failure("maximum", path, "must be at most " + max);
        }
        if (value.isObject()) {
            for (JsonNode req : schema.path("required")) {
                if (!value.has(req.asString())) return new Failure("required", path, "required property '" + req.asString() + "' not found");
            }
            JsonNode props = schema.path("properties");
            boolean closed = schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").booleanValue();
            for (Map.Entry<String, JsonNode> m : value.properties()) {
                JsonNode sub = props.get(m.getKey());
                if (sub == null) {
                    if (closed) return new Failure("additionalProperties", path, "property '" + abbreviate(m.getKey()) + "' is not defined in the schema");
                    continue;
                }
                Failure f = check(root, sub, m.getValue(), path + "." + m.getKey());
                if (f != null) return f;
            }
        }
        if (value.isArray()) {
            JsonNode min = schema.get("minItems");
            if (min != null && value.size() < min.asInt()) return new Failure("minItems", path, "must have at least " + min.asInt() + " items");
            JsonNode max = schema.get("maxItems");
            if (max != null && value.size() > max.asInt()) return new Failure("maxItems", path, "must have at most " + max.asInt() + " items");
            JsonNode items = schema.get("items");
            if (items != null) {
                int i = 0;
                for (JsonNode e : value) {
                    Failure f = check(root, items, e, path + "[" + i++ + "]");
                    if (f != null) return f;
                }
            }
        }
        return null;
    }

    private static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isString();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            case "number" -> v.isNumber();
            // draft-06 §6.25 (Validation, "type"): an integer is a number without a fractional part, 1.0 included
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0);
            default -> false;
        };
    }

    private static String kind(JsonNode v) {
        if (v.isObject()) return "object";
        if (v.isArray()) return "array";
        if (v.isString()) return "string";
        if (v.isBoolean()) return "boolean";
        if (v.isIntegralNumber()) return "integer";
        if (v.isNumber()) return "number";
        return "null";
    }

    /** RFC 3339 §5.6 date-time: full-date "T" full-time, the T and Z in either case, a leap second only as :60. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?([Zz]|([+-])(\\d{2}):(\\d{2}))");

    static boolean isDateTime(String s) {
        if (s.length() > 64) return false;
        Matcher m = DATE_TIME.matcher(s);
        if (!m.matches()) return false;
        int year = Integer.parseInt(m.group(1)), month = Integer.parseInt(m.group(2)), day = Integer.parseInt(m.group(3));
        int hour = Integer.parseInt(m.group(4)), minute = Integer.parseInt(m.group(5)), second = Integer.parseInt(m.group(6));
        if (month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) return false;
        if (hour > 23 || minute > 59 || second > 60) return false;
        if (m.group(9) != null && (Integer.parseInt(m.group(10)) > 23 || Integer.parseInt(m.group(11)) > 59)) return false;
        return true;
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

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    private Optional<JsonNode> schema(String name) {
        if (!name.matches("[A-Za-z0-9]{1,64}")) return Optional.empty();
        return schemas.computeIfAbsent(name, n -> load(version, n));
    }

    /** The schema of one message, or empty when the version has none of that name. */
    static Optional<JsonNode> load(OcppVersion version, String name) {
        String path = ROOT + version.schemaFolder() + "/" + name + ".json";
        try (InputStream in = SchemaValidator.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) return Optional.empty();
            return Optional.of(JsonNode.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
