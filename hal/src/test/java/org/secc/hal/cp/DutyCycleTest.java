package org.secc.hal.cp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DutyCycleTest {

    @ParameterizedTest(name = "{0} % -> {1} A")
    @CsvSource({"8, 6", "9.99, 6", "10, 6", "53.333333, 32", "85, 51", "85.01, 52.525", "90, 65", "96, 80",
            "96.5, 80", "97, 80"})
    void currentFromDuty(double duty, double amps) {
        DutyCycle.Meaning m = DutyCycle.meaning(duty);
        assertEquals(amps, assertInstanceOf(DutyCycle.Meaning.MaxCurrent.class, m).amperes(), 1e-3);
    }

    @Test
    void specialBands() {
        assertInstanceOf(DutyCycle.Meaning.NoCharging.class, DutyCycle.meaning(2.99));
        assertInstanceOf(DutyCycle.Meaning.DigitalCommunication.class, DutyCycle.meaning(3));
        assertInstanceOf(DutyCycle.Meaning.DigitalCommunication.class, DutyCycle.meaning(5));
        assertInstanceOf(DutyCycle.Meaning.DigitalCommunication.class, DutyCycle.meaning(7));
        assertInstanceOf(DutyCycle.Meaning.Error.class, DutyCycle.meaning(7.01));
        assertInstanceOf(DutyCycle.Meaning.Error.class, DutyCycle.meaning(7.99));
        assertInstanceOf(DutyCycle.Meaning.MaxCurrent.class, DutyCycle.meaning(8));
        assertInstanceOf(DutyCycle.Meaning.NoCharging.class, DutyCycle.meaning(97.01));
        assertInstanceOf(DutyCycle.Meaning.NoCharging.class, DutyCycle.meaning(100));
    }

    @ParameterizedTest
    @CsvSource({"6, 10", "32, 53.3333333", "51, 85", "51.5, 85", "52.5, 85", "52.6, 85.04", "63, 89.2", "80, 96"})
    void dutyFromCurrentBothRanges(double amps, double duty) {
        assertEquals(duty, DutyCycle.forCurrent(amps), 1e-6);
    }

    @Test
    void roundTrip() {
        for (double a = 6; a <= 80; a += 0.5) {
            double announced = ((DutyCycle.Meaning.MaxCurrent) DutyCycle.meaning(DutyCycle.forCurrent(a))).amperes();
            if (a > 51 && a <= 52.5) {
                assertEquals(51.0, announced, 1e-9, "gap between the formulas is announced as 51 A");
            } else {
                assertEquals(a, announced, 1e-9, "at " + a + " A");
            }
        }
    }

    @Test
    void outOfRangeRejected() {
        assertThrows(IllegalArgumentException.class, () -> DutyCycle.forCurrent(5.99));
        assertThrows(IllegalArgumentException.class, () -> DutyCycle.forCurrent(80.01));
        assertThrows(IllegalArgumentException.class, () -> DutyCycle.forCurrent(Double.NaN));
    }
}
