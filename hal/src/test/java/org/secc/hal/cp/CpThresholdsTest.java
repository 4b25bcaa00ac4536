package org.secc.hal.cp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpThresholdsTest {

    @ParameterizedTest(name = "{0} V -> {1}")
    @CsvSource({
            // A/B boundary 10.5 V: at, just above, just below
            "10.5, A", "10.51, A", "10.49, B", "12.0, A", "13.0, A",
            // B/C boundary 7.5 V
            "7.5, B", "7.51, B", "7.49, C", "9.0, B",
            // C/D boundary 4.5 V
            "4.5, C", "4.51, C", "4.49, D", "6.0, C",
            // D/E boundary 1.5 V
            "1.5, D", "1.51, D", "1.49, E", "3.0, D",
            // E/F boundary -10.5 V
            "-10.5, F", "-10.49, E", "-10.51, F", "0.0, E", "-12.0, F", "-6.0, E",
            "NaN, E"})
    void classifiesHighLevel(double v, CpState expected) {
        assertEquals(expected, CpThresholds.classifyHigh(v));
    }

    @ParameterizedTest
    @CsvSource({"-12.0, true", "-10.5, true", "-10.51, true", "-10.49, false", "0.0, false", "NaN, false"})
    void diodeCheckAtBoundary(double low, boolean present) {
        assertEquals(present, CpThresholds.diodePresent(low));
    }

    @org.junit.jupiter.api.Test
    void stateHelpers() {
        assertTrue(CpState.C.evReady());
        assertFalse(CpState.B.evReady());
        assertTrue(CpState.B.evConnected());
        assertFalse(CpState.E.evConnected());
    }
}
