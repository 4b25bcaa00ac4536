package org.secc.app.iso2;

import java.util.Optional;

import org.secc.app.charge.ChargeControl.EimDecision;
import org.secc.exi.iso2.body.AuthorizationResType;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.types.EVSEProcessingType;
import org.secc.exi.iso2.types.responseCodeType;

/**
 * After PaymentServiceSelectionRes (ExternalPayment): AuthorizationReq (repeated while Ongoing) or
 * SessionStopReq. EIM pending → Ongoing_WaitingForCustomerInteraction ([V2G2-854]); accepted →
 * Finished; rejected or pending longer than {@code session.eim_ongoing_cap_s} → FAILED.
 */
final class WaitAuthorization implements Iso2State {

    @Override
    public Optional<Iso2Step> handle(BodyElementGroup req, Iso2Context ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq s) {
            return Iso2Stops.stop(s.value(), ctx, false);
        }
        if (!(req instanceof BodyElementGroup.AuthorizationReq)) {
            return Optional.empty();
        }
        EimDecision d = ctx.charge.eimAuthorization();
        if (d == EimDecision.REJECTED) {
            return Iso2Stops.failed(req, responseCodeType.FAILED, "EIM authorization rejected", ctx);
        }
        if (d == EimDecision.PENDING) {
            if (ctx.authOngoingSince < 0) {
                ctx.authOngoingSince = ctx.nowNanos;
            } else if (ctx.nowNanos - ctx.authOngoingSince > ctx.config.eimOngoingCap().toNanos()) {
                return Iso2Stops.failed(req, responseCodeType.FAILED, "EIM authorization still pending after "
                        + ctx.config.eimOngoingCap().toSeconds() + " s", ctx);
            }
            return Optional.of(Iso2Step.to(new BodyElementGroup.AuthorizationRes(
                    new AuthorizationResType(responseCodeType.OK, EVSEProcessingType.Ongoing_WaitingForCustomerInteraction)), this));
        }
        ctx.authorizedAtNanos = ctx.nowNanos; // the start of the AC nominal-duty fallback (Iso2Session.tick)
        return Optional.of(Iso2Step.to(new BodyElementGroup.AuthorizationRes(
                new AuthorizationResType(responseCodeType.OK, EVSEProcessingType.Finished)), new WaitChargeParameterDiscovery()));
    }

    @Override
    public String name() {
        return "Iso2WaitAuthorization";
    }
}
