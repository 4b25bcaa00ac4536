package org.secc.app.din;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secc.app.iso2.Iso2Values;

/** How the charger writes a value in DIN and -2 alike: one decimal while it fits a short, then coarser, held at ±32767 × 10^3. */
class DinValuesTest {

    @ParameterizedTest
    @CsvSource({
            "0, -1, 0",
            "400.25, -1, 4003",
            "3276.7, -1, 32767",
            "3276.8, 0, 3277",
            "-3276.8, -1, -32768",
            "-3276.9, 0, -3277",
            "40000, 1, 4000",
            "350000, 2, 3500",
            "32767000, 3, 32767",
            "1e9, 3, 32767",
            "-1e9, 3, -32768",
            "NaN, 0, 0"})
    void bothProtocolsWriteTheSameMultiplierAndValue(double v, int multiplier, int value) {
        var din = DinValues.of(v, org.secc.exi.din.types.unitSymbolType.W);
        assertEquals(multiplier, din.Multiplier(), "DIN multiplier of " + v);
        assertEquals(value, din.Value(), "DIN value of " + v);
        var iso2 = Iso2Values.of(v, org.secc.exi.iso2.types.unitSymbolType.W);
        assertEquals(multiplier, iso2.Multiplier(), "-2 multiplier of " + v);
        assertEquals(value, iso2.Value(), "-2 value of " + v);
    }
}
