package org.secc.app.charge;

/**
 * What the EV and the charger agreed on for one session (after charge parameter discovery).
 *
 * @param serviceId      1 AC, 2 DC, 5 AC_BPT, 6 DC_BPT
 * @param dynamic        Dynamic control mode (else Scheduled)
 * @param evMaxChargePowerW    from the EV's charge parameters (magnitude)
 * @param evMaxDischargePowerW from the EV's BPT charge parameters (magnitude, 0 without BPT)
 * @param resumed        true when this session resumed a paused one (OK_OldSessionJoined)
 */
public record EnergyTransfer(int serviceId, boolean dynamic, double evMaxChargePowerW, double evMaxDischargePowerW,
        boolean resumed) {

    public boolean ac() {
        return serviceId == 1 || serviceId == 5;
    }

    public boolean bidirectional() {
        return serviceId == 5 || serviceId == 6;
    }
}
