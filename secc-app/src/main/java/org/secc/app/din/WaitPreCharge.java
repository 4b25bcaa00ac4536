package org.secc.app.din;

import java.util.Optional;

import org.secc.app.charge.ChargeControl.PowerDeliveryResult;
import org.secc.app.din.DinValues.BadValue;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.PowerDeliveryReqType;
import org.secc.exi.din.body.PowerDeliveryResType;
import org.secc.exi.din.body.PreChargeResType;
import org.secc.exi.din.types.DC_EVSEStatusCodeType;
import org.secc.exi.din.types.isolationLevelType;
import org.secc.exi.din.types.responseCodeType;
import org.secc.exi.din.types.unitSymbolType;

/**
 * After CableCheckRes Finished: PreChargeReq or SessionStopReq ([V2G-DC-458]); after the first
 * PreChargeRes also PowerDeliveryReq ([V2G-DC-462]), since the EV decides when precharge is done.
 * The EV's target is applied on every PreChargeReq (a BMW i3 sends a wrong first one) with the
 * current limited by the charge control; the response carries the measured voltage and EVSE_Ready.
 * A target above the charger's maximum or in the wrong unit: FAILED.
 */
final class WaitPreCharge implements DinState {

    private final boolean preChargeSeen;

    WaitPreCharge(boolean preChargeSeen) {
        this.preChargeSeen = preChargeSeen;
    }

    @Override
    public Optional<DinStep> handle(BodyElementGroup req, DinContext ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq) {
            return DinStops.stop(ctx);
        }
        if (req instanceof BodyElementGroup.PreChargeReq pc) {
            double target;
            try {
                target = DinValues.magnitude(pc.value().EVTargetVoltage(), unitSymbolType.V, "EVTargetVoltage");
                DinValues.read(pc.value().EVTargetCurrent(), unitSymbolType.A, "EVTargetCurrent");
            } catch (BadValue e) {
                return DinStops.failed(req, responseCodeType.FAILED, e.getMessage(), ctx);
            }
            if (target > ctx.charge.dcLimits().maxVoltage()) {
                return DinStops.failed(req, responseCodeType.FAILED, "precharge target " + target + " V above the charger's maximum", ctx);
            }
            double present = ctx.charge.preCharge(target);
            return Optional.of(DinStep.to(new BodyElementGroup.PreChargeRes(new PreChargeResType(responseCodeType.OK,
                    ctx.status(isolationLevelType.Valid, DC_EVSEStatusCodeType.EVSE_Ready), DinValues.of(present, unitSymbolType.V))),
                    preChargeSeen ? this : new WaitPreCharge(true)));
        }
        if (preChargeSeen && req instanceof BodyElementGroup.PowerDeliveryReq pd) {
            return powerDelivery(req, pd.value(), ctx);
        }
        return Optional.empty();
    }

    /**
     * PowerDeliveryReq(ReadyToChargeState): true starts the power ([V2G-DC-462]); while the charger
     * asks to stop, or when the stage cannot deliver, FAILED_PowerDeliveryNotApplied ([V2G-DC-401]);
     * a ChargingProfile for another SAScheduleTupleID is FAILED_TariffSelectionInvalid ([V2G-DC-400]).
     * The profile itself is not judged (EVerest: some EVs send profiles beyond the schedule). false
     * (the EV gave up before charging) goes to welding detection.
     */
    static Optional<DinStep> powerDelivery(BodyElementGroup req, PowerDeliveryReqType pd, DinContext ctx) {
        if (!pd.ReadyToChargeState()) {
            ctx.charge.stopPower();
            return Optional.of(DinStep.to(pdRes(responseCodeType.OK, ctx), new WaitWeldingDetection()));
        }
        if (pd.ChargingProfile() != null && pd.ChargingProfile().SAScheduleTupleID() != DinContext.SA_SCHEDULE_TUPLE_ID) {
            return DinStops.failed(req, responseCodeType.FAILED_TariffSelectionInvalid,
                    "ChargingProfile for SAScheduleTupleID " + pd.ChargingProfile().SAScheduleTupleID(), ctx);
        }
        if (ctx.stopRequested()) {
            return DinStops.failed(req, responseCodeType.FAILED_PowerDeliveryNotApplied, "the charger asks to stop", ctx);
        }
        // ChargeControl returns at once: PENDING means the charge controller is enabling the stage
        // (DIN is DC: the contactors closed at the cable check); a fault shows in the next answers.
        PowerDeliveryResult r = ctx.charge.startPower();
        if (r != PowerDeliveryResult.OK && r != PowerDeliveryResult.PENDING) {
            return DinStops.failed(req, responseCodeType.FAILED_PowerDeliveryNotApplied, "power delivery " + r, ctx);
        }
        return Optional.of(DinStep.to(pdRes(responseCodeType.OK, ctx), new CurrentDemandLoop(false)));
    }

    static BodyElementGroup pdRes(responseCodeType code, DinContext ctx) {
        return new BodyElementGroup.PowerDeliveryRes(new PowerDeliveryResType(code, new PowerDeliveryResType.EVSEStatusGroup.DC_EVSEStatus(
                ctx.status(isolationLevelType.Valid, DC_EVSEStatusCodeType.EVSE_Ready))));
    }

    @Override
    public String name() {
        return preChargeSeen ? "DinWaitPreChargeOrPowerDelivery" : "DinWaitPreCharge";
    }
}
