package org.secc.common.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A JSON array; the adders return this node for chaining. */
public final class ArrayNode extends JsonNode {
    private final List<JsonNode> elements = new ArrayList<>();

    ArrayNode() {
    }

    @Override
    String kind() {
        return "array";
    }

    @Override
    public boolean isArray() {
        return true;
    }

    @Override
    public JsonNode get(int index) {
        return index >= 0 && index < elements.size() ? elements.get(index) : null;
    }

    @Override
    public int size() {
        return elements.size();
    }

    @Override
    public Iterator<JsonNode> iterator() {
        return elements.iterator();
    }

    /** Appends the node ({@code null} becomes JSON null). */
    public ArrayNode add(JsonNode n) {
        elements.add(n == null ? ValueNode.NULL : n);
        return this;
    }

    public ArrayNode add(String v) {
        return add(ValueNode.value(v));
    }

    public ArrayNode add(int v) {
        return add(ValueNode.value((long) v));
    }

    public ArrayNode add(long v) {
        return add(ValueNode.value(v));
    }

    public ArrayNode add(double v) {
        return add(ValueNode.value(v));
    }

    public ArrayNode add(boolean v) {
        return add(ValueNode.value(v));
    }

    public ArrayNode add(BigDecimal v) {
        return add(ValueNode.value(v));
    }

    public ArrayNode addNull() {
        return add(ValueNode.NULL);
    }

    /** Appends every element of {@code other}. */
    public ArrayNode addAll(ArrayNode other) {
        elements.addAll(other.elements);
        return this;
    }

    /** A new empty object appended; returns the object. */
    public ObjectNode addObject() {
        ObjectNode o = new ObjectNode();
        elements.add(o);
        return o;
    }

    /** A new empty array appended; returns the array. */
    public ArrayNode addArray() {
        ArrayNode a = new ArrayNode();
        elements.add(a);
        return a;
    }

    /** Replaces the element at {@code index}; returns the old one. */
    public JsonNode set(int index, JsonNode n) {
        return elements.set(index, n == null ? ValueNode.NULL : n);
    }

    public ArrayNode insert(int index, JsonNode n) {
        elements.add(index, n == null ? ValueNode.NULL : n);
        return this;
    }

    /** Removes the element; returns it, or {@code null} when out of range. */
    public JsonNode remove(int index) {
        return index >= 0 && index < elements.size() ? elements.remove(index) : null;
    }

    public ArrayNode removeAll() {
        elements.clear();
        return this;
    }

    @Override
    public ArrayNode deepCopy() {
        ArrayNode a = new ArrayNode();
        for (JsonNode n : elements) {
            a.elements.add(n.deepCopy());
        }
        return a;
    }

    @Override
    void writeTo(StringBuilder b, int indent) {
        Json.writeArray(b, elements, indent);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayNode n && elements.equals(n.elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }
}
