package org.secc.common.json;

import java.math.BigDecimal;
import java.math.BigInteger;

/** A string, number, boolean, null, or the missing node. Immutable. */
final class ValueNode extends JsonNode {
    private static final Object MISSING_MARK = new Object();
    static final ValueNode MISSING = new ValueNode(MISSING_MARK);
    static final ValueNode NULL = new ValueNode(null);
    static final ValueNode TRUE = new ValueNode(Boolean.TRUE);
    static final ValueNode FALSE = new ValueNode(Boolean.FALSE);

    /** String, Boolean, Long, BigInteger, Double, BigDecimal, null, or the missing mark. */
    private final Object v;

    ValueNode(Object v) {
        this.v = v;
    }

    static ValueNode value(Object v) {
        if (v == null) {
            return NULL;
        }
        if (v instanceof Boolean b) {
            return b ? TRUE : FALSE;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return new ValueNode(((Number) v).longValue());
        }
        if (v instanceof Float f) {
            return new ValueNode(f.doubleValue());
        }
        if (v instanceof Double d && !Double.isFinite(d)) {
            throw new IllegalArgumentException("JSON has no " + d);
        }
        if (v instanceof String || v instanceof Long || v instanceof BigInteger || v instanceof Double || v instanceof BigDecimal) {
            return new ValueNode(v);
        }
        throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
    }

    @Override
    String kind() {
        if (v == MISSING_MARK) {
            return "missing";
        }
        if (v == null) {
            return "null";
        }
        return v instanceof String ? "string" : v instanceof Boolean ? "boolean" : "number";
    }

    @Override
    public boolean isMissingNode() {
        return v == MISSING_MARK;
    }

    @Override
    public boolean isNull() {
        return v == null;
    }

    @Override
    public boolean isString() {
        return v instanceof String;
    }

    @Override
    public boolean isBoolean() {
        return v instanceof Boolean;
    }

    @Override
    public boolean isNumber() {
        return v instanceof Number;
    }

    @Override
    public boolean isIntegralNumber() {
        return v instanceof Long || v instanceof BigInteger;
    }

    @Override
    public boolean isInt() {
        return v instanceof Long l && l == l.intValue();
    }

    @Override
    public boolean isLong() {
        return v instanceof Long;
    }

    @Override
    public boolean isFloatingPointNumber() {
        return v instanceof Double || v instanceof BigDecimal;
    }

    @Override
    public String stringValue() {
        if (v instanceof String s) {
            return s;
        }
        return super.stringValue();
    }

    @Override
    public Number numberValue() {
        return v instanceof Number n ? n : null;
    }

    @Override
    public int intValue() {
        return v instanceof Number n ? n.intValue() : 0;
    }

    @Override
    public long longValue() {
        return v instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public double doubleValue() {
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    @Override
    public BigDecimal decimalValue() {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof Double d) {
            return new BigDecimal(Double.toString(d));
        }
        return BigDecimal.ZERO;
    }

    @Override
    public BigInteger bigIntegerValue() {
        if (v instanceof BigInteger b) {
            return b;
        }
        return v instanceof Number ? decimalValue().toBigInteger() : BigInteger.ZERO;
    }

    @Override
    public boolean booleanValue() {
        return Boolean.TRUE.equals(v);
    }

    @Override
    public String asString() {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            StringBuilder b = new StringBuilder();
            Json.writeScalar(b, v);
            return b.toString();
        }
        return "";
    }

    @Override
    public String asString(String otherwise) {
        return v == null || v == MISSING_MARK ? otherwise : asString();
    }

    @Override
    public int asInt(int otherwise) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
        return otherwise;
    }

    @Override
    public long asLong(long otherwise) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
        return otherwise;
    }

    @Override
    public double asDouble(double otherwise) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
        return otherwise;
    }

    @Override
    public boolean asBoolean(boolean otherwise) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            if ("true".equals(s.trim())) {
                return true;
            }
            if ("false".equals(s.trim())) {
                return false;
            }
        }
        return otherwise;
    }

    @Override
    public JsonNode deepCopy() {
        return this;
    }

    @Override
    void writeTo(StringBuilder b, int indent) {
        Json.writeScalar(b, v == MISSING_MARK ? null : v); // a missing node put into a tree is written as null
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ValueNode n)) {
            return false;
        }
        if (v instanceof Number a && n.v instanceof Number b) {
            if (isIntegralNumber() != n.isIntegralNumber()) {
                return false;
            }
            return decimalValue().compareTo(n.decimalValue()) == 0;
        }
        return v == null ? n.v == null : v.equals(n.v);
    }

    @Override
    public int hashCode() {
        if (v instanceof Number) {
            return decimalValue().stripTrailingZeros().hashCode();
        }
        return v == null ? 0 : v.hashCode();
    }
}
