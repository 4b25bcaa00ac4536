package org.secc.app.din;

import org.secc.exi.din.types.PhysicalValueType;
import org.secc.exi.din.types.unitSymbolType;

/**
 * DIN 70121 PhysicalValue ↔ SI doubles. A value is Value × 10^Multiplier (Multiplier −3..3, the XSD
 * bounds it, so every decoded value is finite). The Unit is optional in DIN and real cars leave it
 * out (VW ID.3: EVMaximumCurrentLimit without Unit): the element name says what it is; a Unit that is
 * present must be the expected one, otherwise the value is refused with {@link BadValue}.
 */
public final class DinValues {

    private DinValues() {
    }

    /** A value the session cannot use (wrong unit, negative where only magnitudes make sense). */
    public static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        public BadValue(String message) {
            super(message, null, false, false);
        }
    }

    /** The value in SI units; a present Unit other than {@code expected} is refused. */
    public static double read(PhysicalValueType pv, unitSymbolType expected, String what) throws BadValue {
        if (pv.Unit() != null && pv.Unit() != expected) {
            throw new BadValue(what + ": unit " + pv.Unit().literal() + ", expected " + expected.literal());
        }
        return pv.Value() * Math.pow(10, pv.Multiplier());
    }

    /** As {@link #read} and ≥ 0 (EV limits and targets of a charge-only session). */
    public static double magnitude(PhysicalValueType pv, unitSymbolType expected, String what) throws BadValue {
        double v = read(pv, expected, what);
        if (v < 0) {
            throw new BadValue(what + " negative: " + v);
        }
        return v;
    }

    /** An optional value: NaN when absent. */
    public static double optional(PhysicalValueType pv, unitSymbolType expected, String what) throws BadValue {
        return pv == null ? Double.NaN : magnitude(pv, expected, what);
    }

    /**
     * Encodes with one decimal (Multiplier −1) when it fits a short, else with the smallest
     * multiplier 0..3 that fits (as EVerest does); NaN is sent as 0. The Unit is always sent.
     */
    public static PhysicalValueType of(double v, unitSymbolType unit) {
        int m = multiplier(v);
        return new PhysicalValueType(m, unit, value(v, m));
    }

    /**
     * The Multiplier a value is sent with, in DIN and -2 alike: −1 (one decimal) when its Value fits a
     * short, else the smallest of 0..3 that fits (as EVerest does), else 3; 0 for NaN.
     */
    public static int multiplier(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        for (int m = -1; m < 3; m++) {
            double scaled = Math.round(v / Math.pow(10, m));
            if (scaled >= Short.MIN_VALUE && scaled <= Short.MAX_VALUE) {
                return m;
            }
        }
        return 3;
    }

    /** The Value of {@code v} at Multiplier {@code m}, held to a short (a value too large for 3 is sent as ±32767); NaN as 0. */
    public static int value(double v, int m) {
        if (Double.isNaN(v)) {
            return 0;
        }
        return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v / Math.pow(10, m))));
    }

    /**
     * EVSEID as DIN hexBinary (DIN SPEC 91286): digits become nibbles and '*' becomes 0xA, padded
     * with 0xF to whole bytes. An ID with other characters (e.g. "DE*SEC*E0001") is sent as the one
     * byte 0x00, which is what Alpitronic and ABB chargers send.
     */
    public static byte[] evseId(String id) {
        if (id.isEmpty() || id.length() > 64 || !id.matches("[0-9*]+")) {
            return new byte[] {0};
        }
        String hex = id.replace('*', 'A') + (id.length() % 2 == 1 ? "F" : "");
        return java.util.HexFormat.of().parseHex(hex);
    }
}
