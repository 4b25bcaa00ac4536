package org.secc.app.iso2;

import java.util.Optional;

import org.secc.app.charge.ChargeControl.PowerDeliveryResult;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.PowerDeliveryReqType;
import org.secc.exi.iso2.body.PowerDeliveryResType;
import org.secc.exi.iso2.types.chargeProgressType;
import org.secc.exi.iso2.types.responseCodeType;

/**
 * AC, after ChargeParameterDiscoveryRes Finished: PowerDeliveryReq or SessionStopReq ([V2G2-576]).
 * Start: a SAScheduleTupleID not offered → FAILED_TariffSelectionInvalid ([V2G2-479]); while the
 * charger asks to stop, or after it handed the charge to basic charging → FAILED_PowerDeliveryNotApplied;
 * else the contactors close: the response waits for them (PowerDeliveryRes has no EVSEProcessing),
 * OK once closed, FAILED_ContactorError when they do not close in time ([V2G2-860]). Stop before the
 * loop: nothing flows, OK, SessionStop next. Renegotiate before the loop → FAILED ([V2G2-812]).
 */
final class AcWaitPowerDelivery implements Iso2State {

    @Override
    public Optional<Iso2Step> handle(BodyElementGroup req, Iso2Context ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq s) {
            return Iso2Stops.stop(s.value(), ctx, false);
        }
        if (!(req instanceof BodyElementGroup.PowerDeliveryReq pd)) {
            return Optional.empty();
        }
        return start(req, pd.value(), ctx, this);
    }

    static Optional<Iso2Step> start(BodyElementGroup req, PowerDeliveryReqType pd, Iso2Context ctx, Iso2State here) {
        if (pd.ChargeProgress() == chargeProgressType.Stop) {
            ctx.charge.stopPower();
            return Optional.of(Iso2Step.to(res(ctx), new AcWaitSessionStop()));
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
        PowerDeliveryResult r = ctx.charge.startPower();
        return switch (r) {
            case OK -> {
                ctx.powerStarted = true;
                yield Optional.of(Iso2Step.to(res(ctx), new ChargingStatusLoop(false)));
            }
            case PENDING -> Optional.of(Iso2Step.pending(here));
            case CONTACTOR_ERROR -> Iso2Stops.failed(req, responseCodeType.FAILED_ContactorError, "contactors did not close", ctx);
            case NOT_APPLIED -> Iso2Stops.failed(req, responseCodeType.FAILED_PowerDeliveryNotApplied, "the charger cannot deliver power now", ctx);
        };
    }

    static BodyElementGroup res(Iso2Context ctx) {
        return new BodyElementGroup.PowerDeliveryRes(new PowerDeliveryResType(responseCodeType.OK,
                new PowerDeliveryResType.EVSEStatusGroup.AC_EVSEStatus(ctx.acStatus())));
    }

    @Override
    public String name() {
        return "Iso2AcWaitPowerDelivery";
    }
}
