package org.secc.ev.conformance;

/**
 * What the suite assumes of the charger and how it runs.
 *
 * @param seed                  seed of everything random in the cases (EVCCID, garbage bytes, ...); in the report
 * @param sequenceTimeoutMs     the charger's V2G_SECC_Sequence_Timeout outside the charge loop (standard: 60 s, [V2G20-1500])
 * @param loopSequenceTimeoutMs the same inside the AC/DC charge loop (standard: 0.5 s, [V2G20-1502])
 * @param closeSlackMs          how much later than a timeout the close may come and still pass
 * @param evVoltageV            the EV's present and precharge target voltage (the pack the charger's output meets on the bench)
 * @param timingScale           factor on every response-time limit: 1 judges the charger by the standard's EV timeouts; a
 *                              larger value only for a test machine too loaded to measure (the report states it)
 */
public record Settings(long seed, long sequenceTimeoutMs, long loopSequenceTimeoutMs, long closeSlackMs, double evVoltageV,
                       double timingScale) {
    /** How close precharge must bring the charger's output to the EV's voltage (IEC 61851-23 practice: 20 V). */
    public static final double PRECHARGE_TOLERANCE_V = 20;
    /** V2G_EVCC_Msg_Timeout: the EV's response deadline for most messages, including SupportedAppProtocol. */
    public static final long MSG_LIMIT_MS = 2000;
    /** V2G_EVCC_Msg_Timeout for ServiceDetail (and CertificateInstallation). */
    public static final long SERVICE_DETAIL_LIMIT_MS = 5000;
    /** V2G_EVCC_Msg_Timeout in the AC/DC charge loop. */
    public static final long LOOP_LIMIT_MS = 500;
    /** V2G_EVCC_Ongoing_Timeout: how long the EV repeats a request the charger answers with Ongoing. */
    public static final long ONGOING_LIMIT_MS = 60_000;
    /** The charger's TCP/TLS hold after SessionStopRes: at least 5 s ([V2G20-1633]). */
    public static final long HOLD_AFTER_STOP_MS = 5000;

    public static Settings standard(long seed) {
        return new Settings(seed, 60_000, 500, 1000, 400, 1);
    }

    /** A response-time limit of the standard, scaled by {@link #timingScale}. */
    public long limit(long standardMs) {
        return Math.round(standardMs * timingScale);
    }

    public Settings withSequenceTimeouts(long outside, long loop) {
        return new Settings(seed, outside, loop, closeSlackMs, evVoltageV, timingScale);
    }
}
