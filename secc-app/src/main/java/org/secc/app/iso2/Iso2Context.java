package org.secc.app.iso2;

import java.util.List;

import org.secc.app.charge.ChargeControl;
import org.secc.app.charge.DcLimits;
import org.secc.app.charge.EvseNotification;
import org.secc.app.session.SessionConfig;
import org.secc.exi.iso2.types.DC_EVSEChargeParameterType;
import org.secc.exi.iso2.types.DC_EVSEStatusCodeType;
import org.secc.exi.iso2.types.DC_EVSEStatusType;
import org.secc.exi.iso2.types.EVSENotificationType;
import org.secc.exi.iso2.types.PMaxScheduleEntryType;
import org.secc.exi.iso2.types.PMaxScheduleType;
import org.secc.exi.iso2.types.RelativeTimeIntervalType;
import org.secc.exi.iso2.types.SAScheduleListType;
import org.secc.exi.iso2.types.SAScheduleTupleType;
import org.secc.exi.iso2.types.isolationLevelType;
import org.secc.exi.iso2.types.unitSymbolType;

/** What the -2 states share: identity, configuration, the charge control, the paused-session store and "now". */
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

    Iso2Context(SessionConfig config, ChargeControl charge, PausedSession paused, byte[] sessionId) {
        this.config = config;
        this.charge = charge;
        this.paused = paused;
        this.sessionId = sessionId.clone();
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
        return charge.notification().map(n -> n.kind() == EvseNotification.Kind.TERMINATE || n.kind() == EvseNotification.Kind.PAUSE)
                .orElse(false);
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
        PMaxScheduleEntryType e = new PMaxScheduleEntryType(
                new PMaxScheduleEntryType.TimeIntervalGroup.RelativeTimeInterval(new RelativeTimeIntervalType(0, 86_400)),
                Iso2Values.of(Math.max(0, charge.dcLimits().maxChargePower()), unitSymbolType.W));
        return new SAScheduleListType(List.of(new SAScheduleTupleType(SA_SCHEDULE_TUPLE_ID, new PMaxScheduleType(List.of(e)), null)));
    }
}
