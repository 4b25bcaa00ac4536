package org.secc.ev.session;

/**
 * Static EV settings for one session.
 *
 * @param service      preferred energy service; the session falls back to what the SECC offers
 * @param mode         preferred control mode
 * @param evccId       EVCCID for SessionSetupReq
 * @param targetSoc    target SOC (%) sent to the SECC
 * @param loopPeriodMs pause between charge-loop requests (a real EV sends every 50–250 ms)
 * @param fault        fault to inject
 */
public record EvConfig(Service service, ControlMode mode, String evccId, int targetSoc, long loopPeriodMs, Fault fault) {
    public static EvConfig defaults(Service service, ControlMode mode) {
        return new EvConfig(service, mode, "WMIV1234567890ABCDEX", 80, 100, Fault.NONE);
    }

    public EvConfig withFault(Fault f) {
        return new EvConfig(service, mode, evccId, targetSoc, loopPeriodMs, f);
    }

    public EvConfig withLoopPeriod(long ms) {
        return new EvConfig(service, mode, evccId, targetSoc, ms, fault);
    }

    public EvConfig withTargetSoc(int soc) {
        return new EvConfig(service, mode, evccId, soc, loopPeriodMs, fault);
    }
}
