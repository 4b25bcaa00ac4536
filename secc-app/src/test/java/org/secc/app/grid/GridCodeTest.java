package org.secc.app.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridCodeTest {

    @ParameterizedTest(name = "cat {0} {1}: {2} / {3} s")
    @CsvSource({
            "I, OV2, 1.20, 0.16", "II, OV2, 1.20, 0.16", "III, OV2, 1.20, 0.16",
            "I, OV1, 1.10, 2.0", "II, OV1, 1.10, 2.0", "III, OV1, 1.10, 13.0",
            "I, UV1, 0.70, 2.0", "II, UV1, 0.70, 10.0", "III, UV1, 0.88, 21.0",
            "I, UV2, 0.45, 0.16", "II, UV2, 0.45, 0.16", "III, UV2, 0.50, 2.0",
            "I, OF2, 62.0, 0.16", "II, OF1, 61.2, 300", "III, UF1, 58.5, 300", "I, UF2, 56.5, 0.16",
            "III, OF2, 62.0, 0.16", "I, OF1, 61.2, 300", "II, UF1, 58.5, 300", "III, UF2, 56.5, 0.16"})
    void defaultsMatchTheFactsSheet(Category c, TripFunction f, double thr, double seconds) {
        GridCode g = GridCode.defaults(c, 60, 230);
        assertEquals(thr, g.threshold(f), 1e-9);
        assertEquals(Math.round(seconds * 1e9), g.clearingNanos(f));
    }

    @Test
    void fiftyHertzDefaultsAreTheSameOffsets() {
        GridCode g = GridCode.defaults(Category.II, 50, 230);
        assertEquals(52.0, g.threshold(TripFunction.OF2), 1e-9);
        assertEquals(51.2, g.threshold(TripFunction.OF1), 1e-9);
        assertEquals(48.5, g.threshold(TripFunction.UF1), 1e-9);
        assertEquals(46.5, g.threshold(TripFunction.UF2), 1e-9);
        assertEquals(49.5, g.enterServiceFLowHz, 1e-9);
        assertEquals(50.1, g.enterServiceFHighHz, 1e-9);
        assertEquals(49.7, g.defaultUrgencyHz(), 1e-9);
    }

    @Test
    void otherDefaults() {
        GridCode g = GridCode.defaults(Category.II, 60, 120);
        assertEquals(0.036, g.droopDeadbandOfHz);
        assertEquals(0.05, g.droopKUf);
        assertEquals(5.0, g.droopResponseS);
        assertEquals(0.917, g.enterServiceVLowPu);
        assertEquals(300_000_000_000L, g.enterServiceDelayNanos);
        assertEquals(300_000_000_000L, g.enterServiceRampNanos);
        assertEquals(2.5, g.rocofHzPerS);
        assertEquals(120.0, g.nominalV);
    }

    private static String error(String text) {
        GridCode.InvalidGridCode e = assertThrows(GridCode.InvalidGridCode.class, () -> SyntheticGrid.code(text));
        assertEquals(1, e.errors.size(), e.errors.toString());
        return e.errors.get(0);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "trip_ov2_pu | 1.21 | 1.21 is out of range; allowed 1.2 to 1.2 p.u.",
            "trip_ov2_s | 0.2 | 0.2 is out of range; allowed 0.16 to 0.16 s",
            "trip_ov1_pu | 1.09 | 1.09 is out of range; allowed 1.1 to 1.2 p.u.",
            "trip_ov1_s | 13.5 | 13.5 is out of range; allowed 1 to 13 s",
            "trip_uv1_pu | 0.9 | 0.9 is out of range; allowed 0 to 0.88 p.u.",
            "trip_uv1_s | 1.9 | 1.9 is out of range; allowed 2 to 50 s",
            "trip_uv2_pu | 0.51 | 0.51 is out of range; allowed 0 to 0.5 p.u.",
            "trip_uv2_s | 22 | 22 is out of range; allowed 0.16 to 21 s",
            "trip_of2_hz | 61.7 | 61.7 is out of range; allowed 61.8 to 66 Hz",
            "trip_of2_s | 0.1 | 0.1 is out of range; allowed 0.16 to 1000 s",
            "trip_of1_hz | 60.9 | 60.9 is out of range; allowed 61 to 66 Hz",
            "trip_of1_s | 179 | 179 is out of range; allowed 180 to 1000 s",
            "trip_uf1_hz | 59.1 | 59.1 is out of range; allowed 50 to 59 Hz",
            "trip_uf1_s | 1001 | 1001 is out of range; allowed 180 to 1000 s",
            "trip_uf2_hz | 57.1 | 57.1 is out of range; allowed 50 to 57 Hz",
            "enter_service_delay_s | 601 | 601 is out of range; allowed 0 to 600 s",
            "enter_service_ramp_s | 0 | 0 is out of range; allowed 1 to 1000 s",
            "enter_service_v_low_pu | 0.87 | 0.87 is out of range; allowed 0.88 to 0.95 p.u.",
            "enter_service_f_high_hz | 61.1 | 61.1 is out of range; allowed 60.1 to 61 Hz",
            "droop_deadband_of_hz | 0.01 | 0.01 is out of range; allowed 0.017 to 1 Hz",
            "droop_k_uf | 0.06 | 0.06 is out of range; allowed 0.02 to 0.05 (per unit frequency change per unit power)",
            "droop_response_s | 11 | 11 is out of range; allowed 0.2 to 10 s",
            "islanding_rocof_hz_per_s | 1.9 | 1.9 is out of range; allowed 2 to 20 Hz/s (not below the category's ROCOF ride-through)",
            "islanding_phase_jump_deg | abc | 'abc' is not a decimal number; allowed 5 to 90 degrees",
            "grid_nominal_frequency_hz | 55 | 55 is not allowed; allowed 50 or 60 Hz"})
    void outOfRangeSaysKeyWhatAndAllowed(String key, String value, String message) {
        assertEquals("line 2: " + key + ": " + message, error("grid_category = II\n" + key + " = " + value + "\n"));
    }

    @Test
    void fiftyHertzRangesShift() {
        assertEquals("line 3: trip_of2_hz: 51.7 is out of range; allowed 51.8 to 56 Hz",
                error("grid_category = II\ngrid_nominal_frequency_hz = 50\ntrip_of2_hz = 51.7\n"));
    }

    @Test
    void orderIsChecked() {
        assertEquals("line 2: trip_uf2_hz: 57 must be below trip_uf1_hz (57)",
                error("grid_category = II\ntrip_uf2_hz = 57\ntrip_uf1_hz = 57\n"));
    }

    @Test
    void unknownCategoryAndKey() {
        assertEquals("line 1: grid_category: 'IV' is not allowed; allowed none, I, II, III", error("grid_category = IV\n"));
        assertEquals("line 2: trip_ov3_pu: unknown key; allowed: " + String.join(", ", java.util.List.of("trip_margin_ms", "trip_of1_hz", "trip_of1_s", "trip_of2_hz", "trip_of2_s", "trip_ov1_pu", "trip_ov1_s", "trip_ov2_pu", "trip_ov2_s", "trip_uf1_hz", "trip_uf1_s", "trip_uf2_hz", "trip_uf2_s", "trip_uv1_pu", "trip_uv1_s", "trip_uv2_pu", "trip_uv2_s")), error("grid_category = I\ntrip_ov3_pu = 1.3\n"));
    }

    @Test
    void overridesApply() {
        GridCode g = SyntheticGrid.code("grid_category = III\ntrip_ov1_s = 5 # shorter\ntrip_margin_ms = 0\n");
        assertEquals(5_000_000_000L, g.tripDelayNanos(TripFunction.OV1));
        assertTrue(g.toString().contains("OV1 1.1 p.u./5.0 s"), g.toString());
    }
}
