package org.secc.app.iso2;

import java.util.Optional;

import org.secc.app.charge.ChargeControl.PowerDeliveryResult;
import org.secc.app.din.DinValues.BadValue;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.PowerDeliveryReqType;
import org.secc.exi.iso2.body.PowerDeliveryResType;
import org.secc.exi.iso2.body.PreChargeResType;
import org.secc.exi.iso2.types.DC_EVSEStatusCodeType;
import org.secc.exi.iso2.types.chargeProgressType;
import org.secc.exi.iso2.types.isolationLevelType;
import org.secc.exi.iso2.types.responseCodeType;
import org.secc.exi.iso2.types.unitSymbolType;

/**
 * After CableCheckRes Finished: PreChargeReq or SessionStopReq; after the first PreChargeRes also
 * PowerDeliveryReq. The target is applied on every PreChargeReq; above the charger's maximum or in
 * the wrong unit → FAILED.
 */
final class WaitPreCharge implements Iso2State {

    private final boolean preChargeSeen;

    WaitPreCharge(boolean preChargeSeen) {
        this.preChargeSeen = preChargeSeen;
    }

    @Override
    public Optional<Iso2Step> handle(BodyElementGroup req, Iso2Context ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq s) {
            return Iso2Stops.stop(s.value(), ctx, false);
        }
        if (req instanceof BodyElementGroup.PreChargeReq pc) {
            double target;
            try {
                target = Iso2Values.magnitude(pc.value().EVTargetVoltage(), unitSymbolType.V, "EVTargetVoltage");
                Iso2Values.read(pc.value().EVTargetCurrent(), unitSymbolType.A, "EVTargetCurrent");
            } catch (BadValue e) {
                return Iso2Stops.failed(req, responseCodeType.FAILED, e.getMessage(), ctx);
            }
            if (target > ctx.charge.dcLimits().maxVoltage()) {
                return Iso2Stops.failed(req, responseCodeType.FAILED, "precharge target " + target + " V above the charger's maximum", ctx);
            }
            double present = ctx.charge.preCharge(target);
            return Optional.of(Iso2Step.to(new BodyElementGroup.PreChargeRes(new PreChargeResType(responseCodeType.OK,
                    ctx.status(isolationLevelType.Valid, DC_EVSEStatusCodeType.EVSE_Ready), Iso2Values.of(present, unitSymbolType.V))),
                    preChargeSeen ? this : new WaitPreCharge(true)));
        }
        if (preChargeSeen && req instanceof BodyElementGroup.PowerDeliveryReq pd) {
            return powerDelivery(req, pd.value(), ctx);
        }
        return Optional.empty();
    }

    /**
     * PowerDeliveryReq before the loop: Start powers on; a SAScheduleTupleID not offered →
     * FAILED_TariffSelectionInvalid ([V2G2-479]); while the charger asks to stop or the stage cannot
     * deliver → FAILED_PowerDeliveryNotApplied ([V2G2-480]); the ChargingProfile is not judged (EVerest:
     * some EVs send profiles beyond the schedule). Stop → welding detection. Renegotiate before the
     * loop → FAILED ([V2G2-812]).
     */
    static Optional<Iso2Step> powerDelivery(BodyElementGroup req, PowerDeliveryReqType pd, Iso2Context ctx) {
        if (pd.ChargeProgress() == chargeProgressType.Stop) {
            ctx.charge.stopPower();
            return Optional.of(Iso2Step.to(pdRes(ctx), new WaitWeldingDetection()));
        }
        if (pd.ChargeProgress() == chargeProgressType.Renegotiate) {
            return Iso2Stops.failed(req, responseCodeType.FAILED, "Renegotiate before the charge loop", ctx);
        }
        if (pd.SAScheduleTupleID() != Iso2Context.SA_SCHEDULE_TUPLE_ID) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_TariffSelectionInvalid, "SAScheduleTupleID " + pd.SAScheduleTupleID(), ctx);
        }
        if (ctx.stopRequested()) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_PowerDeliveryNotApplied, "the charger asks to stop", ctx);
        }
        // ChargeControl returns at once: PENDING means the charge controller is enabling the stage
        // (DC: the contactors closed at the cable check); a fault shows in the next answers.
        PowerDeliveryResult r = ctx.charge.startPower();
        if (r != PowerDeliveryResult.OK && r != PowerDeliveryResult.PENDING) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_PowerDeliveryNotApplied, "power delivery " + r, ctx);
        }
        return Optional.of(Iso2Step.to(pdRes(ctx), new CurrentDemandLoop(false)));
    }

    static BodyElementGroup pdRes(Iso2Context ctx) {
        return new BodyElementGroup.PowerDeliveryRes(new PowerDeliveryResType(responseCodeType.OK, new PowerDeliveryResType.EVSEStatusGroup.DC_EVSEStatus(
                ctx.status(isolationLevelType.Valid, DC_EVSEStatusCodeType.EVSE_Ready))));
    }

    @Override
    public String name() {
        return preChargeSeen ? "Iso2WaitPreChargeOrPowerDelivery" : "Iso2WaitPreCharge";
    }
}
