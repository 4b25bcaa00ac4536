package org.secc.app.iso2;

import java.util.List;

import org.secc.app.charge.AcLimits;
import org.secc.app.charge.ChargeControl;
import org.secc.app.charge.DcLimits;
import org.secc.app.charge.EvseNotification;
import org.secc.app.session.ServiceOffer;
import org.secc.app.session.SessionConfig;
import org.secc.exi.iso2.types.AC_EVSEChargeParameterType;
import org.secc.exi.iso2.types.AC_EVSEStatusType;
import org.secc.exi.iso2.types.DC_EVSEChargeParameterType;
import org.secc.exi.iso2.types.DC_EVSEStatusCodeType;
import org.secc.exi.iso2.types.DC_EVSEStatusType;
import org.secc.exi.iso2.types.EVSENotificationType;
import org.secc.exi.iso2.types.EnergyTransferModeType;
import org.secc.exi.iso2.types.PMaxScheduleEntryType;
import org.secc.exi.iso2.types.PMaxScheduleType;
import org.secc.exi.iso2.types.RelativeTimeIntervalType;
import org.secc.exi.iso2.types.SAScheduleListType;
import org.secc.exi.iso2.types.SAScheduleTupleType;
import org.secc.exi.iso2.types.isolationLevelType;
import org.secc.exi.iso2.types.unitSymbolType;

/** What the -2 states (DC and AC) share: identity, configuration, the charge control, the paused-session store and "now". */
public final class Iso2Context {

    /** The charge service ([V2G2-417]: ServiceID 1, EVCharging). */
    public static final int CHARGE_SERVICE_ID = 1;
    /** The one SAScheduleTuple offered in ChargeParameterDiscoveryRes (1–255, [V2G2-773]). */
    public static final int SA_SCHEDULE_TUPLE_ID = 1;

    final SessionConfig config;
    final ChargeControl charge;
    final PausedSession paused;
    byte[] sessionId;
    /** The EVCCID of this session's SessionSetupReq (as on the wire); stored with a pause. */
    byte[] evccId = new byte[0];
    long nowNanos;
    long authOngoingSince = -1;
    long cableCheckSince = -1;
    double evMaxCurrentA = Double.NaN;
    double evMaxVoltageV = Double.NaN;
    double evMaxPowerW = Double.NaN;
    /** The energy transfer mode ChargeParameterDiscovery chose (null before). */
    org.secc.exi.iso2.types.EnergyTransferModeType mode;
    /** AC: the EV's EVMaxCurrent and EVMinCurrent (A per phase) from AC_EVChargeParameter. */
    double evMaxAcCurrentA = Double.NaN;
    double evMinAcCurrentA = Double.NaN;
    /** When AuthorizationRes said Finished (-1: not yet): the start of the AC nominal-duty fallback. */
    long authorizedAtNanos = -1;
    /** Set once PowerDeliveryReq(Start) was answered OK: the HLC charge runs, the pilot stays at 5 %. */
    boolean powerStarted;

    Iso2Context(SessionConfig config, ChargeControl charge, PausedSession paused, byte[] sessionId) {
        this.config = config;
        this.charge = charge;
        this.paused = paused;
        this.sessionId = sessionId.clone();
    }

    /**
     * The energy transfer modes offered in ServiceDiscoveryRes: DC_extended when {@code session.services}
     * has DC (or DC_BPT: -2 charges only), AC_three_phase_core or AC_single_phase_core (by the AC
     * stage's phases) when it has AC (or AC_BPT); DC first.
     */
    List<EnergyTransferModeType> offeredModes() {
        List<Integer> ids = config.services().energyServiceIds();
        List<EnergyTransferModeType> l = new java.util.ArrayList<>(2);
        if (ids.contains(ServiceOffer.DC) || ids.contains(ServiceOffer.DC_BPT)) {
            l.add(EnergyTransferModeType.DC_extended);
        }
        if (ids.contains(ServiceOffer.AC) || ids.contains(ServiceOffer.AC_BPT)) {
            l.add(acMode());
        }
        return l;
    }

    EnergyTransferModeType acMode() {
        return charge.acLimits().phases() == 1 ? EnergyTransferModeType.AC_single_phase_core : EnergyTransferModeType.AC_three_phase_core;
    }

    boolean ac() {
        return mode == EnergyTransferModeType.AC_single_phase_core || mode == EnergyTransferModeType.AC_three_phase_core;
    }

    /**
     * Whether this session may hand the charge to IEC 61851-1 basic charging (nominal duty): an AC
     * session (chosen at ChargeParameterDiscovery, or a charger that offers AC only) authorized by
     * EIM that has not started the HLC charge.
     */
    boolean nominalDutyCandidate() {
        boolean acSession = ac() || (mode == null && !offeredModes().contains(EnergyTransferModeType.DC_extended));
        return acSession && authorizedAtNanos >= 0 && !powerStarted;
    }

    /** AC_EVSEStatus: StopCharging while the charger asks to stop (as DC), RCD false (no RCD trip reaches a running session). */
    AC_EVSEStatusType acStatus() {
        return new AC_EVSEStatusType(0, stopRequested() ? EVSENotificationType.StopCharging : EVSENotificationType.None, false);
    }

    /** The AC current per phase a power (all phases, W) allows at the nominal voltage. */
    double acCurrentA(double powerW) {
        AcLimits a = charge.acLimits();
        return Math.max(0, powerW) / (a.phases() * a.nominalVoltageV());
    }

    /** AC_EVSEChargeParameter: EVSENominalVoltage and EVSEMaxCurrent (per phase) from the present AC limits. */
    AC_EVSEChargeParameterType acChargeParameter() {
        AcLimits a = charge.acLimits();
        return new AC_EVSEChargeParameterType(acStatus(), Iso2Values.of(a.nominalVoltageV(), unitSymbolType.V),
                Iso2Values.of(acCurrentA(a.maxChargePower()), unitSymbolType.A));
    }

    public byte[] sessionId() {
        return sessionId.clone();
    }

    /**
     * DC_EVSEStatus. The charger's stop request (grid trip, emergency stop, `secc ctl`) is
     * EVSENotification StopCharging with NotificationMaxDelay 0: -2 has no charger-side pause, so a
     * pause request becomes a stop as well, as in EVerest; the EV answers with
     * PowerDeliveryReq(Stop).
     */
    DC_EVSEStatusType status(isolationLevelType isolation, DC_EVSEStatusCodeType ready) {
        return new DC_EVSEStatusType(0, stopRequested() ? EVSENotificationType.StopCharging : EVSENotificationType.None, isolation, ready);
    }

    boolean stopRequested() {
        return charge.notification().map(EvseNotification::stopsLegacySession).orElse(false);
    }

    /** The present limits as DC_EVSEChargeParameter (EVSEMaximumPowerLimit is mandatory in -2). */
    DC_EVSEChargeParameterType chargeParameter(DC_EVSEStatusType status) {
        DcLimits l = charge.dcLimits();
        return new DC_EVSEChargeParameterType(status,
                Iso2Values.of(l.maxChargeCurrent(), unitSymbolType.A),
                Iso2Values.of(l.maxChargePower(), unitSymbolType.W),
                Iso2Values.of(l.maxVoltage(), unitSymbolType.V),
                Iso2Values.of(l.minChargeCurrent(), unitSymbolType.A),
                Iso2Values.of(l.minVoltage(), unitSymbolType.V),
                null,
                Iso2Values.of(1, unitSymbolType.A),
                null);
    }

    /** One SAScheduleTuple, one PMax entry over 24 h ([V2G2-304]), PMax in W as a PhysicalValue; no SalesTariff (EIM). */
    SAScheduleListType schedule() {
        double pmax = ac() ? charge.acLimits().maxChargePower() : charge.dcLimits().maxChargePower();
        PMaxScheduleEntryType e = new PMaxScheduleEntryType(
                new PMaxScheduleEntryType.TimeIntervalGroup.RelativeTimeInterval(new RelativeTimeIntervalType(0, 86_400)),
                Iso2Values.of(Math.max(0, pmax), unitSymbolType.W));
        return new SAScheduleListType(List.of(new SAScheduleTupleType(SA_SCHEDULE_TUPLE_ID, new PMaxScheduleType(List.of(e)), null)));
    }
}
