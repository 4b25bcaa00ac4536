package org.secc.app.grid;

import java.util.List;
import java.util.Locale;
import org.secc.common.config.ConfigText;

/**
 * The grid-code settings the supervisor enforces: IEEE 1547-2018 must-trip thresholds and clearing
 * times per abnormal performance category, passive islanding thresholds, enter-service window and ramp,
 * frequency-watt. Immutable; build it with {@link #defaults} or {@link #fromSettings}, which validate
 * every value against its allowed range.
 *
 * <p>Frequencies are absolute Hz. The 1547 table is for 60 Hz; on a 50 Hz grid the defaults and the
 * allowed ranges are the same offsets from nominal (62.0 Hz -> 52.0 Hz). Set the values of the national
 * code (e.g. EN 50549-1) explicitly there.
 */
public final class GridCode {
    /** File keys of the eight V/f trips, in {@link TripFunction} order. */
    static final String[] TRIP_KEYS = {"ov2", "ov1", "uv1", "uv2", "of2", "of1", "uf1", "uf2"};
    // Allowed ranges (IEEE 1547-2018 categories I–III, secc-app/README-grid.md, "Grid-code keys"): threshold (p.u. or Hz offset from nominal) and clearing time (s).
    private static final double[][] THRESHOLD_RANGE = {
            {1.20, 1.20}, {1.10, 1.20}, {0.0, 0.88}, {0.0, 0.50},
            {1.8, 6.0}, {1.0, 6.0}, {-10.0, -1.0}, {-10.0, -3.0}};
    private static final double[][] TIME_RANGE = {
            {0.16, 0.16}, {1, 13}, {2, 50}, {0.16, 21},
            {0.16, 1000}, {180, 1000}, {180, 1000}, {0.16, 1000}};
    /** ROCOF the DER must ride through (Cat I/II/III, IEEE 1547-2018 ride-through); the islanding ROCOF setting may not be lower. */
    private static final double[] ROCOF_RIDE_THROUGH = {0.5, 2.0, 3.0};

    public final Category category;
    public final double nominalHz;
    public final double nominalV;
    private final double[] threshold = new double[8];
    private final long[] clearingNanos = new long[8];
    public final long tripMarginNanos;
    public final double lossOfVoltagePu;
    public final long lossOfVoltageNanos;
    public final double rocofHzPerS;
    public final long rocofWindowNanos;
    public final double phaseJumpDeg;
    public final long sampleTimeoutNanos;
    public final double enterServiceVLowPu;
    public final double enterServiceVHighPu;
    public final double enterServiceFLowHz;
    public final double enterServiceFHighHz;
    public final long enterServiceDelayNanos;
    public final long enterServiceRampNanos;
    public final double droopDeadbandOfHz;
    public final double droopDeadbandUfHz;
    public final double droopKOf;
    public final double droopKUf;
    public final double droopResponseS;

    /** Thrown when settings are out of range; carries every error. */
    public static final class InvalidGridCode extends IllegalArgumentException {
        public final List<String> errors;

        public InvalidGridCode(List<String> errors) {
            super(String.join("; ", errors));
            this.errors = List.copyOf(errors);
        }
    }

    /** Defaults of a category at the given nominal frequency (50 or 60 Hz) and voltage. */
    public static GridCode defaults(Category category, double nominalHz, double nominalV) {
        ConfigText s = ConfigText.parse(String.format(Locale.ROOT,
                "grid_category = %s\ngrid_nominal_frequency_hz = %s\ngrid_nominal_voltage_v = %s\n",
                category, nominalHz, nominalV));
        GridCode c = fromSettings(s);
        if (c == null || !s.errors().isEmpty()) {
            throw new InvalidGridCode(s.errors());
        }
        return c;
    }

    /**
     * Reads the grid-code keys of a policy file. Returns null when {@code grid_category} is absent (no
     * grid code set: the charger stays charge-only). Errors are recorded in {@code s}; when there are any
     * the returned value must not be used.
     */
    public static GridCode fromSettings(ConfigText s) {
        String cat = s.choice("grid_category", "none", "none", "I", "II", "III");
        if (cat.equals("none")) {
            return null;
        }
        return new GridCode(s, Category.valueOf(cat));
    }

    private GridCode(ConfigText s, Category cat) {
        this.category = cat;
        double hz = s.number("grid_nominal_frequency_hz", 60, 50, 60, "Hz");
        if (hz != 50 && hz != 60) {
            s.error("grid_nominal_frequency_hz", SettingsTextFmt.fmt(hz) + " is not allowed; allowed 50 or 60 Hz");
            hz = 60;
        }
        nominalHz = hz;
        nominalV = s.number("grid_nominal_voltage_v", 230, 50, 1000, "V");
        double off = nominalHz - 60.0;
        double[][] thrDefault = {
                {1.20, 1.20, 1.20}, {1.10, 1.10, 1.10}, {0.70, 0.70, 0.88}, {0.45, 0.45, 0.50},
                {2.0, 2.0, 2.0}, {1.2, 1.2, 1.2}, {-1.5, -1.5, -1.5}, {-3.5, -3.5, -3.5}};
        double[][] timeDefault = {
                {0.16, 0.16, 0.16}, {2.0, 2.0, 13.0}, {2.0, 10.0, 21.0}, {0.16, 0.16, 2.0},
                {0.16, 0.16, 0.16}, {300, 300, 300}, {300, 300, 300}, {0.16, 0.16, 0.16}};
        int ci = cat.ordinal();
        for (int i = 0; i < 8; i++) {
            boolean volt = i < 4;
            double base = volt ? 0 : nominalHz;
            double lo = base + THRESHOLD_RANGE[i][0];
            double hi = base + THRESHOLD_RANGE[i][1];
            String key = "trip_" + TRIP_KEYS[i] + (volt ? "_pu" : "_hz");
            threshold[i] = s.number(key, base + thrDefault[i][ci], lo, hi, volt ? "p.u." : "Hz");
            double t = s.number("trip_" + TRIP_KEYS[i] + "_s", timeDefault[i][ci], TIME_RANGE[i][0],
                    TIME_RANGE[i][1], "s");
            clearingNanos[i] = secondsToNanos(t);
        }
        order(s, "trip_ov1_pu", threshold[1], "trip_ov2_pu", threshold[0]);
        order(s, "trip_uv2_pu", threshold[3], "trip_uv1_pu", threshold[2]);
        order(s, "trip_of1_hz", threshold[5], "trip_of2_hz", threshold[4]);
        order(s, "trip_uf2_hz", threshold[7], "trip_uf1_hz", threshold[6]);
        tripMarginNanos = secondsToNanos(s.number("trip_margin_ms", 20, 0, 100, "ms") / 1000);
        lossOfVoltagePu = s.number("islanding_loss_of_voltage_pu", 0.10, 0.0, 0.50, "p.u.");
        lossOfVoltageNanos = secondsToNanos(s.number("islanding_loss_of_voltage_s",
                cat == Category.III ? 1.0 : 0.05, 0.02, 1.9, "s"));
        rocofHzPerS = s.number("islanding_rocof_hz_per_s", ROCOF_RIDE_THROUGH[ci] + 0.5,
                ROCOF_RIDE_THROUGH[ci], 20, "Hz/s (not below the category's ROCOF ride-through)");
        rocofWindowNanos = secondsToNanos(s.number("islanding_rocof_window_ms", 200, 40, 1000, "ms") / 1000);
        phaseJumpDeg = s.number("islanding_phase_jump_deg", 25, 5, 90, "degrees");
        sampleTimeoutNanos = secondsToNanos(s.number("sample_timeout_ms", 200, 20, 1000, "ms") / 1000);
        enterServiceVLowPu = s.number("enter_service_v_low_pu", 0.917, 0.88, 0.95, "p.u.");
        enterServiceVHighPu = s.number("enter_service_v_high_pu", 1.05, 1.05, 1.06, "p.u.");
        enterServiceFLowHz = s.number("enter_service_f_low_hz", 59.5 + off, 59.0 + off, 59.9 + off, "Hz");
        enterServiceFHighHz = s.number("enter_service_f_high_hz", 60.1 + off, 60.1 + off, 61.0 + off, "Hz");
        enterServiceDelayNanos = secondsToNanos(s.number("enter_service_delay_s", 300, 0, 600, "s"));
        enterServiceRampNanos = secondsToNanos(s.number("enter_service_ramp_s", 300, 1, 1000, "s"));
        droopDeadbandOfHz = s.number("droop_deadband_of_hz", 0.036, 0.017, 1.0, "Hz");
        droopDeadbandUfHz = s.number("droop_deadband_uf_hz", 0.036, 0.017, 1.0, "Hz");
        droopKOf = s.number("droop_k_of", 0.05, 0.02, 0.05, "(per unit frequency change per unit power)");
        droopKUf = s.number("droop_k_uf", 0.05, 0.02, 0.05, "(per unit frequency change per unit power)");
        droopResponseS = s.number("droop_response_s", 5, 0.2, 10, "s");
    }

    private static void order(ConfigText s, String lowKey, double low, String highKey, double high) {
        if (!(low < high)) {
            s.error(lowKey, SettingsTextFmt.fmt(low) + " must be below " + highKey + " (" + SettingsTextFmt.fmt(high) + ")");
        }
    }

    static long secondsToNanos(double s) {
        return Math.round(s * 1e9);
    }

    /** Threshold of a V/f trip: p.u. of nominal voltage, or Hz. */
    public double threshold(TripFunction f) {
        return threshold[f.ordinal()];
    }

    /** Clearing time of a V/f trip as configured. */
    public long clearingNanos(TripFunction f) {
        return clearingNanos[f.ordinal()];
    }

    /** When the trip is decided after the first sample beyond: clearing time minus the margin for actuation. */
    public long tripDelayNanos(TripFunction f) {
        return Math.max(0, clearingNanos[f.ordinal()] - tripMarginNanos);
    }

    /** Default frequency for the policy's under-frequency override: nominal minus 0.3 Hz (59.7 / 49.7 Hz). */
    public double defaultUrgencyHz() {
        return nominalHz - 0.3;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("category ").append(category).append(", ")
                .append(SettingsTextFmt.fmt(nominalHz)).append(" Hz, ").append(SettingsTextFmt.fmt(nominalV)).append(" V");
        for (TripFunction f : TripFunction.values()) {
            if (f.isVoltageFrequency()) {
                b.append(", ").append(f).append(' ').append(SettingsTextFmt.fmt(threshold(f)))
                        .append(f.isVoltage() ? " p.u./" : " Hz/").append(clearingNanos(f) / 1e9).append(" s");
            }
        }
        return b.toString();
    }

    /** Number formatting shared with the settings messages. */
    static final class SettingsTextFmt {
        static String fmt(double v) {
            String s = String.format(Locale.ROOT, "%.4f", v);
            s = s.replaceAll("0+$", "");
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
    }
}
