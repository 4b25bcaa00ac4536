package org.secc.app.iso2;

import java.util.Optional;

import org.secc.app.charge.LoopRequest;
import org.secc.app.charge.LoopResult;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.ChargingStatusResType;
import org.secc.exi.iso2.types.MeterInfoType;
import org.secc.exi.iso2.types.chargeProgressType;
import org.secc.exi.iso2.types.responseCodeType;
import org.secc.exi.iso2.types.unitSymbolType;

/**
 * AC, after PowerDeliveryRes(Start): ChargingStatusReq only; after the first ChargingStatusRes also
 * PowerDeliveryReq ([V2G2-575/577]). Each ChargingStatusReq (empty in -2: the EV's limits are those
 * of its AC_EVChargeParameter) goes through {@code ChargeControl.chargeLoop} as a -20 AC Scheduled
 * step (charge only), so policy, thermal derating, the grid supervisor and site limits cap it as in
 * -20. The response: EVSEID, SAScheduleTupleID 1, EVSEMaxCurrent = the power the charger allows now
 * per phase at the nominal voltage (the live AC limit, which the EV obeys together with the PWM),
 * MeterInfo with the energy charged (Wh), ReceiptRequired always present and false (EIM,
 * [V2G2-691]), AC_EVSEStatus with StopCharging while the charger asks to stop.
 * PowerDelivery(Stop): power off and contactors open before OK (the response waits for it), then
 * SessionStop ([V2G2-568]); Start inside the loop → FAILED_SequenceError ([V2G2-812]); Renegotiate →
 * FAILED (one schedule, never renegotiated here).
 */
final class ChargingStatusLoop implements Iso2State {

    private final boolean looping;

    ChargingStatusLoop(boolean looping) {
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
            ctx.charge.powerOffAndOpenContactors("-2 AC PowerDelivery Stop");
            if (!ctx.charge.poweredOff()) {
                return Optional.of(Iso2Step.pending(this));
            }
            return Optional.of(Iso2Step.to(AcWaitPowerDelivery.res(ctx), new AcWaitSessionStop()));
        }
        if (!(req instanceof BodyElementGroup.ChargingStatusReq)) {
            return Optional.empty();
        }
        double phasesV = ctx.charge.acLimits().phases() * ctx.charge.acLimits().nominalVoltageV();
        LoopRequest lr = LoopRequest.builder(true, false, false).evMaxChargePowerW(ctx.evMaxAcCurrentA * phasesV)
                .evMinChargePowerW(ctx.evMinAcCurrentA * phasesV).build();
        LoopResult r = ctx.charge.chargeLoop(lr);
        // the AC limit of this step (configuration ∩ policy ∩ grid supervisor ∩ site; 0 while blocked)
        double allowedW = r.acLimits() != null ? r.acLimits().maxChargePower() : Double.isNaN(r.targetPowerW()) ? 0 : r.targetPowerW();
        MeterInfoType meter = new MeterInfoType(ctx.config.meterId(),
                Double.isNaN(r.chargedEnergyWh()) ? null : Math.max(0L, Math.round(r.chargedEnergyWh())), null, null, null);
        ChargingStatusResType out = new ChargingStatusResType(responseCodeType.OK, ctx.config.evseId(), Iso2Context.SA_SCHEDULE_TUPLE_ID,
                Iso2Values.of(ctx.acCurrentA(allowedW), unitSymbolType.A), meter, false, ctx.acStatus());
        return Optional.of(Iso2Step.to(new BodyElementGroup.ChargingStatusRes(out), looping ? this : new ChargingStatusLoop(true)));
    }

    @Override
    public boolean inChargeLoop() {
        return true;
    }

    @Override
    public String name() {
        return looping ? "Iso2AcChargingStatusOrPowerDelivery" : "Iso2AcWaitChargingStatus";
    }
}
