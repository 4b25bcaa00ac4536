package org.secc.app.iso2;

import java.util.Optional;

import org.secc.app.charge.LoopRequest;
import org.secc.app.charge.LoopResult;
import org.secc.app.din.DinValues.BadValue;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.CurrentDemandReqType;
import org.secc.exi.iso2.body.CurrentDemandResType;
import org.secc.exi.iso2.types.DC_EVSEStatusCodeType;
import org.secc.exi.iso2.types.chargeProgressType;
import org.secc.exi.iso2.types.isolationLevelType;
import org.secc.exi.iso2.types.responseCodeType;
import org.secc.exi.iso2.types.unitSymbolType;

/**
 * After PowerDeliveryRes(Start): CurrentDemandReq only; after the first CurrentDemandRes also
 * PowerDeliveryReq(Stop) ([V2G2-597]). PowerDelivery(Start) inside the loop → FAILED_SequenceError
 * ([V2G2-812]); Renegotiate → FAILED (this charger offers one schedule and never asks for a
 * renegotiation). Each request goes through {@code ChargeControl.chargeLoop} as a -20 DC Scheduled
 * step (charge only). No receipt (EIM): ReceiptRequired is left out. The charger's stop request is
 * EVSENotification StopCharging.
 */
final class CurrentDemandLoop implements Iso2State {

    private final boolean looping;

    CurrentDemandLoop(boolean looping) {
        this.looping = looping;
    }

    @Override
    public Optional<Iso2Step> handle(BodyElementGroup req, Iso2Context ctx) {
        if (looping && req instanceof BodyElementGroup.PowerDeliveryReq pd) {
            if (pd.value().ChargeProgress() == chargeProgressType.Start) {
                return Optional.empty();
            }
            if (pd.value().ChargeProgress() == chargeProgressType.Renegotiate) {
                return Iso2Stops.failed(req, responseCodeType.FAILED, "Renegotiate is not supported", ctx);
            }
            ctx.charge.stopPower();
            return Optional.of(Iso2Step.to(WaitPreCharge.pdRes(ctx), new WaitWeldingDetection()));
        }
        if (!(req instanceof BodyElementGroup.CurrentDemandReq cd)) {
            return Optional.empty();
        }
        CurrentDemandReqType r = cd.value();
        LoopRequest lr;
        try {
            double targetI = Math.max(0, Iso2Values.read(r.EVTargetCurrent(), unitSymbolType.A, "EVTargetCurrent"));
            double targetV = Math.max(0, Iso2Values.read(r.EVTargetVoltage(), unitSymbolType.V, "EVTargetVoltage"));
            double maxI = min(Iso2Values.optional(r.EVMaximumCurrentLimit(), unitSymbolType.A, "EVMaximumCurrentLimit"), ctx.evMaxCurrentA);
            double maxV = min(Iso2Values.optional(r.EVMaximumVoltageLimit(), unitSymbolType.V, "EVMaximumVoltageLimit"), ctx.evMaxVoltageV);
            double maxP = min(Iso2Values.optional(r.EVMaximumPowerLimit(), unitSymbolType.W, "EVMaximumPowerLimit"), ctx.evMaxPowerW);
            lr = LoopRequest.builder(false, false, false).evTargetCurrentA(targetI).evTargetVoltageV(targetV).evMaxChargePowerW(maxP)
                    .evMaxChargeCurrentA(maxI).evMaxVoltageV(maxV).socPct(r.DC_EVStatus().EVRESSSOC()).build();
        } catch (BadValue e) {
            return Iso2Stops.failed(req, responseCodeType.FAILED, e.getMessage(), ctx);
        }
        LoopResult res = ctx.charge.chargeLoop(lr);
        var status = ctx.status(isolationLevelType.Valid, DC_EVSEStatusCodeType.EVSE_Ready);
        var dc = res.dc();
        CurrentDemandResType out = new CurrentDemandResType(responseCodeType.OK, status,
                Iso2Values.of(res.presentVoltageV(), unitSymbolType.V),
                Iso2Values.of(Math.max(0, res.presentCurrentA()), unitSymbolType.A),
                res.currentLimitAchieved(), res.voltageLimitAchieved(), res.powerLimitAchieved(),
                Iso2Values.of(dc.maxVoltage(), unitSymbolType.V),
                Iso2Values.of(dc.maxChargeCurrent(), unitSymbolType.A),
                Iso2Values.of(dc.maxChargePower(), unitSymbolType.W),
                ctx.config.evseId(), Iso2Context.SA_SCHEDULE_TUPLE_ID, null, null);
        return Optional.of(Iso2Step.to(new BodyElementGroup.CurrentDemandRes(out), looping ? this : new CurrentDemandLoop(true)));
    }

    private static double min(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.min(a, b);
    }

    @Override
    public boolean inChargeLoop() {
        return true;
    }

    @Override
    public String name() {
        return looping ? "Iso2CurrentDemandOrPowerDelivery" : "Iso2WaitCurrentDemand";
    }
}
