package org.secc.ev.session;

/** One timeline point: ms since session start, phase, SECC-reported voltage/current, power, EV SOC. */
public record Sample(long tMs, String phase, double volts, double amps, double watts, double soc) {
    public String line() {
        return String.format(java.util.Locale.ROOT, "%8.3f s  %-22s %7.1f V %7.1f A %9.0f W  SOC %5.1f %%",
                tMs / 1000.0, phase, volts, amps, watts, soc);
    }
}
