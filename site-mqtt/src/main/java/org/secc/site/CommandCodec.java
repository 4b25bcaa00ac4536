package org.secc.site;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.secc.common.json.Json;

/**
 * Decodes command payloads ({@code <prefix>/cmd/<verb>}, JSON objects) and encodes replies. Strict: the
 * size is checked before parsing, unknown verbs and fields, wrong types, duplicate keys and missing
 * fields are refused with a reason that names the field; nothing is applied from a refused payload.
 * The same rules are in {@code schema/commands.schema.json} (tests keep both in step).
 */
public final class CommandCodec {
    /** Commands are a few hundred bytes; anything bigger is refused before it is parsed. */
    public static final int MAX_PAYLOAD = 4096;
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");
    static final int MAX_REASON = 120;

    private enum Type { NUMBER, NUMBER_OR_NULL, STRING, MODE }

    private record Field(String name, Type type, boolean required) {
    }

    private static final Map<String, List<Field>> FIELDS = new LinkedHashMap<>();

    static {
        Field valid = new Field("valid_s", Type.NUMBER, true);
        Field reason = new Field("reason", Type.STRING, false);
        FIELDS.put("price", List.of(new Field("price_per_kwh", Type.NUMBER, true), valid));
        FIELDS.put("limits", List.of(new Field("import_limit_w", Type.NUMBER_OR_NULL, false),
                new Field("export_limit_w", Type.NUMBER_OR_NULL, false), valid, reason));
        FIELDS.put("dispatch", List.of(new Field("setpoint_w", Type.NUMBER, true), valid, reason));
        FIELDS.put("clear-limits", List.of());
        FIELDS.put("force-discharge", List.of(new Field("power_w", Type.NUMBER, true)));
        FIELDS.put("manual", List.of(new Field("mode", Type.MODE, true), new Field("power_w", Type.NUMBER, true)));
        FIELDS.put("auto", List.of());
        FIELDS.put("emergency-stop", List.of());
        FIELDS.put("reset-emergency-stop", List.of());
        FIELDS.put("clear-trip", List.of());
        FIELDS.put("reload", List.of());
        FIELDS.put("heartbeat", List.of());
    }

    /** A payload that is not a valid command; {@code id} is the payload's id when it could be read. */
    public static final class BadCommand extends Exception {
        private final String id;

        BadCommand(String id, String message) {
            super(message, null, false, false);
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private CommandCodec() {
    }

    public static List<String> verbs() {
        return List.copyOf(FIELDS.keySet());
    }

    public static SiteCommand decode(String verb, byte[] payload) throws BadCommand {
        List<Field> fields = FIELDS.get(verb);
        if (fields == null) {
            throw new BadCommand(null, "unknown command '" + shorten(verb) + "'; allowed: " + String.join(", ", FIELDS.keySet()));
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new BadCommand(null, "payload of " + payload.length + " bytes; a command is at most " + MAX_PAYLOAD);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new BadCommand(null, "payload is not valid UTF-8");
        }
        Object parsed;
        try {
            parsed = Json.parse(text); // bounded depth and lengths, duplicate keys refused
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            throw new BadCommand(null, "payload is not valid JSON: " + shorten(m.startsWith("JSON: ") ? m.substring(6) : m));
        }
        if (!(parsed instanceof Map<?, ?> root)) {
            throw new BadCommand(null, "payload must be a JSON object");
        }
        Object idNode = root.get("id");
        String id = idNode instanceof String str && ID.matcher(str).matches() ? str : null;
        if (!root.containsKey("id")) {
            throw new BadCommand(null, "id: required");
        }
        if (id == null) {
            throw new BadCommand(null, "id: must be a string of 1-64 characters of A-Z a-z 0-9 . _ : @ -");
        }
        for (Object key : root.keySet()) {
            String name = (String) key;
            if (!name.equals("id") && fields.stream().noneMatch(f -> f.name.equals(name))) {
                throw new BadCommand(id, "unknown field '" + shorten(name) + "' for " + verb + "; allowed: id"
                        + (fields.isEmpty() ? "" : ", ") + String.join(", ", fields.stream().map(Field::name).toList()));
            }
        }
        Map<String, Object> v = new LinkedHashMap<>();
        for (Field f : fields) {
            if (!root.containsKey(f.name)) {
                if (f.required) {
                    throw new BadCommand(id, f.name + ": required");
                }
                continue;
            }
            Object n = root.get(f.name);
            switch (f.type) {
                case NUMBER, NUMBER_OR_NULL -> {
                    if (n == null && f.type == Type.NUMBER_OR_NULL) {
                        continue;
                    }
                    if (!(n instanceof Number num)) {
                        throw new BadCommand(id, f.name + ": expected a number, got " + kind(n));
                    }
                    double d = num.doubleValue();
                    if (!Double.isFinite(d)) {
                        throw new BadCommand(id, f.name + ": not a finite number");
                    }
                    v.put(f.name, d);
                }
                case STRING -> {
                    if (!(n instanceof String str)) {
                        throw new BadCommand(id, f.name + ": expected a string, got " + kind(n));
                    }
                    if (str.length() > MAX_REASON) {
                        throw new BadCommand(id, f.name + ": longer than " + MAX_REASON + " characters");
                    }
                    v.put(f.name, str);
                }
                case MODE -> {
                    if (!(n instanceof String str) || !List.of("charge", "discharge", "idle").contains(str)) {
                        throw new BadCommand(id, f.name + ": expected one of charge, discharge, idle");
                    }
                    v.put(f.name, str);
                }
                default -> throw new IllegalStateException();
            }
        }
        return switch (verb) {
            case "price" -> new SiteCommand.Price(id, num(v, "price_per_kwh"), num(v, "valid_s"));
            case "limits" -> {
                if (!v.containsKey("import_limit_w") && !v.containsKey("export_limit_w")) {
                    throw new BadCommand(id, "limits: import_limit_w or export_limit_w required");
                }
                yield new SiteCommand.Limits(id, num(v, "import_limit_w"), num(v, "export_limit_w"), num(v, "valid_s"),
                        (String) v.get("reason"));
            }
            case "dispatch" -> new SiteCommand.Dispatch(id, num(v, "setpoint_w"), num(v, "valid_s"), (String) v.get("reason"));
            case "clear-limits" -> new SiteCommand.ClearLimits(id);
            case "force-discharge" -> new SiteCommand.ForceDischarge(id, num(v, "power_w"));
            case "manual" -> new SiteCommand.Manual(id, (String) v.get("mode"), num(v, "power_w"));
            case "auto" -> new SiteCommand.Auto(id);
            case "emergency-stop" -> new SiteCommand.EmergencyStop(id);
            case "reset-emergency-stop" -> new SiteCommand.ResetEmergencyStop(id);
            case "clear-trip" -> new SiteCommand.ClearTrip(id);
            case "reload" -> new SiteCommand.Reload(id);
            default -> new SiteCommand.Heartbeat(id);
        };
    }

    private static double num(Map<String, Object> v, String k) {
        Object o = v.get(k);
        return o == null ? Double.NaN : (Double) o;
    }

    private static String kind(Object n) {
        return n == null ? "null" : n instanceof String ? "string" : n instanceof Boolean ? "boolean" : n instanceof Map ? "object"
                : n instanceof List ? "array" : "number";
    }

    /** Echoed input is cut short: a reply or log line never carries much of what a peer sent. */
    static String shorten(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** The reply payload: {"id", "accepted", "duplicate", "message"}. */
    public static byte[] encodeReply(SiteReply r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", r.id());
        o.put("accepted", r.accepted());
        o.put("duplicate", r.duplicate());
        o.put("message", r.message());
        return Json.compact(o).getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
