package org.secc.common.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON value as a tree, for code that reads and builds documents member by member (the OCPP payloads). The
 * accessors follow the usual tree conventions: {@link #get} gives {@code null} for an absent member and
 * {@link #path} a missing node whose {@code as...} conversions give the default, so that a chain such as
 * {@code p.path("evse").path("id").asInt(0)} never throws. Objects keep member order. Numbers read from text
 * stay integers ({@code long}, or {@code BigInteger} beyond 64 bits) or become {@code double} (fractions and
 * exponents); {@link #toString()} is the compact JSON of {@link Json#compact}.
 */
public abstract class JsonNode implements Iterable<JsonNode> {
    JsonNode() {
    }

    /** Parses one JSON text into a tree; malformed text is an {@link IllegalArgumentException} naming the offset. */
    public static JsonNode parse(String text) {
        return of(Json.parse(text));
    }

    /** The tree of a plain value as {@link Json#parse} gives it (maps, lists, strings, numbers, booleans, null). */
    public static JsonNode of(Object plain) {
        if (plain instanceof JsonNode n) {
            return n;
        }
        if (plain instanceof Map<?, ?> m) {
            ObjectNode o = new ObjectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                o.set((String) e.getKey(), of(e.getValue()));
            }
            return o;
        }
        if (plain instanceof List<?> l) {
            ArrayNode a = new ArrayNode();
            for (Object x : l) {
                a.add(of(x));
            }
            return a;
        }
        if (plain instanceof BigDecimal d) {
            return new ValueNode(d.doubleValue());
        }
        return ValueNode.value(plain);
    }

    public static ObjectNode object() {
        return new ObjectNode();
    }

    public static ArrayNode array() {
        return new ArrayNode();
    }

    /** The missing node: what {@link #path} gives for an absent member or element. */
    public static JsonNode missing() {
        return ValueNode.MISSING;
    }

    // ---------------------------------------------------------------- navigation

    /** The member, or {@code null} when absent or when this is not an object. */
    public JsonNode get(String name) {
        return null;
    }

    /** The element, or {@code null} when out of range or when this is not an array. */
    public JsonNode get(int index) {
        return null;
    }

    /** The member, or the missing node. */
    public JsonNode path(String name) {
        JsonNode n = get(name);
        return n == null ? ValueNode.MISSING : n;
    }

    /** The element, or the missing node. */
    public JsonNode path(int index) {
        JsonNode n = get(index);
        return n == null ? ValueNode.MISSING : n;
    }

    /** Whether this object has the member (also when its value is {@code null}). */
    public boolean has(String name) {
        return get(name) != null;
    }

    /** Whether this object has the member with a value other than {@code null}. */
    public boolean hasNonNull(String name) {
        JsonNode n = get(name);
        return n != null && !n.isNull();
    }

    /** Members of an object, elements of an array, 0 otherwise. */
    public int size() {
        return 0;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The elements of an array or the member values of an object; nothing for a value. */
    @Override
    public Iterator<JsonNode> iterator() {
        return Collections.emptyIterator();
    }

    /** The members of an object in order; empty for anything else. */
    public Set<Map.Entry<String, JsonNode>> properties() {
        return Collections.emptySet();
    }

    public Collection<String> propertyNames() {
        return Collections.emptyList();
    }

    // ---------------------------------------------------------------- kinds

    public boolean isObject() {
        return false;
    }

    public boolean isArray() {
        return false;
    }

    public boolean isContainer() {
        return isObject() || isArray();
    }

    public boolean isMissingNode() {
        return false;
    }

    public boolean isNull() {
        return false;
    }

    public boolean isString() {
        return false;
    }

    public boolean isBoolean() {
        return false;
    }

    public boolean isNumber() {
        return false;
    }

    /** An integer (read without fraction or exponent, or built from an integer). */
    public boolean isIntegralNumber() {
        return false;
    }

    /** An integer within the range of {@code int}. */
    public boolean isInt() {
        return false;
    }

    /** An integer within the range of {@code long}. */
    public boolean isLong() {
        return false;
    }

    /** A number with a fraction or an exponent. */
    public boolean isFloatingPointNumber() {
        return false;
    }

    // ---------------------------------------------------------------- exact values

    /** The string of a string node; anything else is an {@link IllegalStateException}. */
    public String stringValue() {
        throw new IllegalStateException("not a JSON string: " + kind());
    }

    /** The number of a number node; {@code null} otherwise. */
    public Number numberValue() {
        return null;
    }

    /** The number as an int (truncated), 0 when not a number. */
    public int intValue() {
        return 0;
    }

    public long longValue() {
        return 0;
    }

    public double doubleValue() {
        return 0;
    }

    public BigDecimal decimalValue() {
        return BigDecimal.ZERO;
    }

    public BigInteger bigIntegerValue() {
        return BigInteger.ZERO;
    }

    public boolean booleanValue() {
        return false;
    }

    // ---------------------------------------------------------------- conversions with defaults

    /** The text of a string, number or boolean; "" for anything else (null, missing, containers). */
    public String asString() {
        return "";
    }

    /** As {@link #asString()}, or {@code otherwise} when missing or null. */
    public String asString(String otherwise) {
        return otherwise;
    }

    public int asInt() {
        return asInt(0);
    }

    /** A number truncated to int, a string holding an integer, a boolean as 1/0; else {@code otherwise}. */
    public int asInt(int otherwise) {
        return otherwise;
    }

    public long asLong() {
        return asLong(0);
    }

    public long asLong(long otherwise) {
        return otherwise;
    }

    public double asDouble() {
        return asDouble(0);
    }

    public double asDouble(double otherwise) {
        return otherwise;
    }

    public boolean asBoolean() {
        return asBoolean(false);
    }

    public boolean asBoolean(boolean otherwise) {
        return otherwise;
    }

    // ---------------------------------------------------------------- the rest

    /** A copy that shares nothing mutable with this node. */
    public abstract JsonNode deepCopy();

    abstract String kind();

    /** Writes the JSON of this node: {@code indent} &lt; 0 compact, else pretty at that depth. */
    abstract void writeTo(StringBuilder b, int indent);

    /** The compact JSON text. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        writeTo(b, -1);
        return b.toString();
    }

    /** The indented JSON text (the layout of {@link Json#write}). */
    public String toPrettyString() {
        StringBuilder b = new StringBuilder();
        writeTo(b, 0);
        return b.toString();
    }
}
