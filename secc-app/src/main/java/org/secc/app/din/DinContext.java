package org.secc.app.din;

import java.util.List;

import org.secc.app.charge.ChargeControl;
import org.secc.app.charge.DcLimits;
import org.secc.app.charge.EvseNotification;
import org.secc.app.session.SessionConfig;
import org.secc.exi.din.types.DC_EVSEChargeParameterType;
import org.secc.exi.din.types.DC_EVSEStatusCodeType;
import org.secc.exi.din.types.DC_EVSEStatusType;
import org.secc.exi.din.types.EVSENotificationType;
import org.secc.exi.din.types.PMaxScheduleEntryType;
import org.secc.exi.din.types.PMaxScheduleType;
import org.secc.exi.din.types.RelativeTimeIntervalType;
import org.secc.exi.din.types.SAScheduleListType;
import org.secc.exi.din.types.SAScheduleTupleType;
import org.secc.exi.din.types.isolationLevelType;
import org.secc.exi.din.types.unitSymbolType;

/** What the DIN states share: identity, configuration, the charge control and "now". */
public final class DinContext {

    /** The one charge service this charger offers in DIN ([V2G-DC-628]: ServiceID 1). */
    public static final int CHARGE_SERVICE_ID = 1;
    /** The one SAScheduleTuple offered in ChargeParameterDiscoveryRes. */
    public static final int SA_SCHEDULE_TUPLE_ID = 1;

    final SessionConfig config;
    final ChargeControl charge;
    final byte[] sessionId;
    long nowNanos;
    /** When the first ContractAuthenticationReq answered Ongoing; -1 when none is pending. */
    long authOngoingSince = -1;
    /** When the first CableCheckReq answered Ongoing; -1 when none is pending. */
    long cableCheckSince = -1;
    /** The EV's limits from ChargeParameterDiscoveryReq (SI; NaN = not sent). */
    double evMaxCurrentA = Double.NaN;
    double evMaxVoltageV = Double.NaN;
    double evMaxPowerW = Double.NaN;

    DinContext(SessionConfig config, ChargeControl charge, byte[] sessionId) {
        this.config = config;
        this.charge = charge;
        this.sessionId = sessionId.clone();
    }

    public byte[] sessionId() {
        return sessionId.clone();
    }

    /**
     * DC_EVSEStatus with EVSENotification always None ([V2G-DC-500]); the charger's stop request is
     * EVSEStatusCode EVSE_Shutdown (DIN has no charger-side pause, so a grid trip's pause request
     * becomes a stop as well).
     */
    DC_EVSEStatusType status(isolationLevelType isolation, DC_EVSEStatusCodeType ready) {
        DC_EVSEStatusCodeType code = stopRequested() ? DC_EVSEStatusCodeType.EVSE_Shutdown : ready;
        return new DC_EVSEStatusType(isolation, code, 0, EVSENotificationType.None);
    }

    boolean stopRequested() {
        return charge.notification().map(EvseNotification::stopsLegacySession).orElse(false);
    }

    /** The present limits as DC_EVSEChargeParameter (charge only: the discharge limits are not used). */
    DC_EVSEChargeParameterType chargeParameter(DC_EVSEStatusType status) {
        DcLimits l = charge.dcLimits();
        return new DC_EVSEChargeParameterType(status,
                DinValues.of(l.maxChargeCurrent(), unitSymbolType.A),
                DinValues.of(l.maxChargePower(), unitSymbolType.W),
                DinValues.of(l.maxVoltage(), unitSymbolType.V),
                DinValues.of(l.minChargeCurrent(), unitSymbolType.A),
                DinValues.of(l.minVoltage(), unitSymbolType.V),
                null,
                DinValues.of(1, unitSymbolType.A),
                null);
    }

    /**
     * One SAScheduleTuple over 24 h ([V2G-DC-554]: no SalesTariff). PMax has no unit in DIN; like
     * EVerest the charger sends watts capped at 32767.
     */
    SAScheduleListType schedule() {
        int pmax = (int) Math.min(Short.MAX_VALUE, Math.max(0, Math.round(charge.dcLimits().maxChargePower())));
        PMaxScheduleEntryType e = new PMaxScheduleEntryType(
                new PMaxScheduleEntryType.TimeIntervalGroup.RelativeTimeInterval(new RelativeTimeIntervalType(0, 86_400L)), pmax);
        return new SAScheduleListType(List.of(new SAScheduleTupleType(SA_SCHEDULE_TUPLE_ID, new PMaxScheduleType(1, List.of(e)), null)));
    }
}
