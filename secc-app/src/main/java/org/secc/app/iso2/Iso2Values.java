package org.secc.app.iso2;

import org.secc.app.din.DinValues;
import org.secc.app.din.DinValues.BadValue;
import org.secc.exi.iso2.types.PhysicalValueType;
import org.secc.exi.iso2.types.unitSymbolType;

/**
 * ISO 15118-2 PhysicalValue ↔ SI doubles: Value × 10^Multiplier (Multiplier −3..3, bounded by the
 * XSD, so every decoded value is finite). The Unit is mandatory in the -2 schema; a Unit other than
 * the expected one is refused with {@link BadValue}, which the states turn into their documented
 * FAILED code (never an exception to the edge).
 */
public final class Iso2Values {

    private Iso2Values() {
    }

    public static double read(PhysicalValueType pv, unitSymbolType expected, String what) throws BadValue {
        if (pv.Unit() != null && pv.Unit() != expected) {
            throw new BadValue(what + ": unit " + pv.Unit().literal() + ", expected " + expected.literal());
        }
        return pv.Value() * Math.pow(10, pv.Multiplier());
    }

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

    /** One decimal (Multiplier −1) when it fits a short, else the smallest multiplier 0..3 that fits; NaN as 0. */
    public static PhysicalValueType of(double v, unitSymbolType unit) {
        int m = DinValues.multiplier(v);
        return new PhysicalValueType(m, unit, DinValues.value(v, m));
    }
}
