package org.secc.app.din;

import java.util.Optional;

import org.secc.app.charge.LoopRequest;
import org.secc.app.charge.LoopResult;
import org.secc.app.din.DinValues.BadValue;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.CurrentDemandReqType;
import org.secc.exi.din.body.CurrentDemandResType;
import org.secc.exi.din.types.DC_EVSEStatusCodeType;
import org.secc.exi.din.types.isolationLevelType;
import org.secc.exi.din.types.responseCodeType;
import org.secc.exi.din.types.unitSymbolType;

/**
 * After PowerDeliveryRes(ReadyToChargeState = true): CurrentDemandReq only ([V2G-DC-465]); after the
 * first CurrentDemandRes also PowerDeliveryReq(false) to end the loop ([V2G-DC-459]). No SessionStop
 * inside the loop. Each request goes through {@code ChargeControl.chargeLoop} exactly as a -20 DC
 * Scheduled loop (charge only), so policy, thermal derating, grid supervisor and site limits cap the
 * current; the response carries the measured values, the limit flags and the present maxima. A
 * negative EVTargetCurrent (Skoda Enyaq at the start) is taken as 0 A; a wrong Unit is FAILED.
 * When the charger wants to stop (grid trip, `secc ctl`, emergency stop) the status is EVSE_Shutdown
 * and the EV answers with PowerDeliveryReq(false) ([V2G-DC-500]).
 */
final class CurrentDemandLoop implements DinState {

    private final boolean looping;

    CurrentDemandLoop(boolean looping) {
        this.looping = looping;
    }

    @Override
    public Optional<DinStep> handle(BodyElementGroup req, DinContext ctx) {
        if (looping && req instanceof BodyElementGroup.PowerDeliveryReq pd) {
            if (pd.value().ReadyToChargeState()) {
                return Optional.empty(); // Start again inside the loop: FAILED_SequenceError (EVerest)
            }
            ctx.charge.stopPower();
            return Optional.of(DinStep.to(WaitPreCharge.pdRes(responseCodeType.OK, ctx), new WaitWeldingDetection()));
        }
        if (!(req instanceof BodyElementGroup.CurrentDemandReq cd)) {
            return Optional.empty();
        }
        CurrentDemandReqType r = cd.value();
        LoopRequest lr;
        try {
            double targetI = Math.max(0, DinValues.read(r.EVTargetCurrent(), unitSymbolType.A, "EVTargetCurrent"));
            double targetV = Math.max(0, DinValues.read(r.EVTargetVoltage(), unitSymbolType.V, "EVTargetVoltage"));
            double maxI = min(DinValues.optional(r.EVMaximumCurrentLimit(), unitSymbolType.A, "EVMaximumCurrentLimit"), ctx.evMaxCurrentA);
            double maxV = min(DinValues.optional(r.EVMaximumVoltageLimit(), unitSymbolType.V, "EVMaximumVoltageLimit"), ctx.evMaxVoltageV);
            double maxP = min(DinValues.optional(r.EVMaximumPowerLimit(), unitSymbolType.W, "EVMaximumPowerLimit"), ctx.evMaxPowerW);
            lr = LoopRequest.builder(false, false, false).evTargetCurrentA(targetI).evTargetVoltageV(targetV).evMaxChargePowerW(maxP)
                    .evMaxChargeCurrentA(maxI).evMaxVoltageV(maxV).socPct(r.DC_EVStatus().EVRESSSOC()).build();
        } catch (BadValue e) {
            return DinStops.failed(req, responseCodeType.FAILED, e.getMessage(), ctx);
        }
        LoopResult res = ctx.charge.chargeLoop(lr);
        var status = ctx.status(isolationLevelType.Valid, DC_EVSEStatusCodeType.EVSE_Ready);
        var dc = res.dc();
        CurrentDemandResType out = new CurrentDemandResType(responseCodeType.OK, status,
                DinValues.of(res.presentVoltageV(), unitSymbolType.V),
                DinValues.of(Math.max(0, res.presentCurrentA()), unitSymbolType.A),
                res.currentLimitAchieved(), res.voltageLimitAchieved(), res.powerLimitAchieved(),
                DinValues.of(dc.maxVoltage(), unitSymbolType.V),
                DinValues.of(dc.maxChargeCurrent(), unitSymbolType.A),
                DinValues.of(dc.maxChargePower(), unitSymbolType.W));
        return Optional.of(DinStep.to(new BodyElementGroup.CurrentDemandRes(out), looping ? this : new CurrentDemandLoop(true)));
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
        return looping ? "DinCurrentDemandOrPowerDelivery" : "DinWaitCurrentDemand";
    }
}
