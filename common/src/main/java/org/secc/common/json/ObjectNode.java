package org.secc.common.json;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A JSON object: members in insertion order; the setters return this node for chaining. */
public final class ObjectNode extends JsonNode {
    private final LinkedHashMap<String, JsonNode> members = new LinkedHashMap<>();

    ObjectNode() {
    }

    @Override
    String kind() {
        return "object";
    }

    @Override
    public boolean isObject() {
        return true;
    }

    @Override
    public JsonNode get(String name) {
        return members.get(name);
    }

    @Override
    public boolean has(String name) {
        return members.containsKey(name);
    }

    @Override
    public int size() {
        return members.size();
    }

    @Override
    public Iterator<JsonNode> iterator() {
        return members.values().iterator();
    }

    @Override
    public Set<Map.Entry<String, JsonNode>> properties() {
        return members.entrySet();
    }

    @Override
    public Collection<String> propertyNames() {
        return members.keySet();
    }

    /** Sets the member ({@code null} becomes JSON null) and returns this node. */
    public ObjectNode set(String name, JsonNode value) {
        members.put(name, value == null ? ValueNode.NULL : value);
        return this;
    }

    /** Sets the member and returns its previous value (or {@code null}). */
    public JsonNode replace(String name, JsonNode value) {
        return members.put(name, value == null ? ValueNode.NULL : value);
    }

    public ObjectNode put(String name, String value) {
        return set(name, ValueNode.value(value));
    }

    public ObjectNode put(String name, int value) {
        return set(name, ValueNode.value((long) value));
    }

    public ObjectNode put(String name, long value) {
        return set(name, ValueNode.value(value));
    }

    public ObjectNode put(String name, double value) {
        return set(name, ValueNode.value(value));
    }

    public ObjectNode put(String name, boolean value) {
        return set(name, ValueNode.value(value));
    }

    /** A boxed number: {@code null} becomes JSON null. */
    public ObjectNode put(String name, Integer value) {
        return set(name, value == null ? ValueNode.NULL : ValueNode.value(value.longValue()));
    }

    public ObjectNode put(String name, Long value) {
        return set(name, ValueNode.value(value));
    }

    public ObjectNode put(String name, Double value) {
        return set(name, ValueNode.value(value));
    }

    public ObjectNode put(String name, Boolean value) {
        return set(name, ValueNode.value(value));
    }

    public ObjectNode put(String name, BigDecimal value) {
        return set(name, ValueNode.value(value));
    }

    public ObjectNode putNull(String name) {
        return set(name, ValueNode.NULL);
    }

    /** A new empty array as the member; returns the array. */
    public ArrayNode putArray(String name) {
        ArrayNode a = new ArrayNode();
        members.put(name, a);
        return a;
    }

    /** A new empty object as the member; returns the object. */
    public ObjectNode putObject(String name) {
        ObjectNode o = new ObjectNode();
        members.put(name, o);
        return o;
    }

    /** Removes the member; returns its value or {@code null}. */
    public JsonNode remove(String name) {
        return members.remove(name);
    }

    /** Sets every member of {@code other} here. */
    public ObjectNode setAll(ObjectNode other) {
        members.putAll(other.members);
        return this;
    }

    public ObjectNode removeAll() {
        members.clear();
        return this;
    }

    @Override
    public ObjectNode deepCopy() {
        ObjectNode o = new ObjectNode();
        for (Map.Entry<String, JsonNode> e : members.entrySet()) {
            o.members.put(e.getKey(), e.getValue().deepCopy());
        }
        return o;
    }

    @Override
    void writeTo(StringBuilder b, int indent) {
        Json.writeObject(b, members.entrySet(), indent);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectNode n && members.equals(n.members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }
}
