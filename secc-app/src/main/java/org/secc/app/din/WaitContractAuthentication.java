package org.secc.app.din;

import java.util.Optional;

import org.secc.app.charge.ChargeControl.EimDecision;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.ContractAuthenticationResType;
import org.secc.exi.din.types.EVSEProcessingType;
import org.secc.exi.din.types.responseCodeType;

/**
 * After ServicePaymentSelectionRes: ContractAuthenticationReq (repeated while Ongoing) or
 * SessionStopReq ([V2G-DC-497/498]). EIM: Ongoing until the charge control's decision, then
 * Finished; a rejection or a decision still pending after {@code session.eim_ongoing_cap_s} is FAILED.
 */
final class WaitContractAuthentication implements DinState {

    @Override
    public Optional<DinStep> handle(BodyElementGroup req, DinContext ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq) {
            return DinStops.stop(ctx);
        }
        if (!(req instanceof BodyElementGroup.ContractAuthenticationReq)) {
            return Optional.empty();
        }
        EimDecision d = ctx.charge.eimAuthorization();
        if (d == EimDecision.REJECTED) {
            return DinStops.failed(req, responseCodeType.FAILED, "EIM authorization rejected", ctx);
        }
        if (d == EimDecision.PENDING) {
            if (ctx.authOngoingSince < 0) {
                ctx.authOngoingSince = ctx.nowNanos;
            } else if (ctx.nowNanos - ctx.authOngoingSince > ctx.config.eimOngoingCap().toNanos()) {
                return DinStops.failed(req, responseCodeType.FAILED, "EIM authorization still pending after "
                        + ctx.config.eimOngoingCap().toSeconds() + " s", ctx);
            }
            return Optional.of(DinStep.to(new BodyElementGroup.ContractAuthenticationRes(
                    new ContractAuthenticationResType(responseCodeType.OK, EVSEProcessingType.Ongoing)), this));
        }
        return Optional.of(DinStep.to(new BodyElementGroup.ContractAuthenticationRes(
                new ContractAuthenticationResType(responseCodeType.OK, EVSEProcessingType.Finished)), new WaitChargeParameterDiscovery()));
    }

    @Override
    public String name() {
        return "DinWaitContractAuthentication";
    }
}
