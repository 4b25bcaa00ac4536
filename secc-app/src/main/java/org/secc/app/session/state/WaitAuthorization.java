package org.secc.app.session.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.secc.app.charge.ChargeControl.EimDecision;
import org.secc.app.session.Action;
import org.secc.exi.iso20.common.AuthorizationReqType;
import org.secc.exi.iso20.common.AuthorizationResType;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.common.authorizationType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.processingType;
import org.secc.exi.iso20.types.responseCodeType;

/**
 * After AuthorizationSetupRes (or AuthorizationRes Ongoing): AuthorizationReq; SessionStopReq only
 * before the first Ongoing answer. EIM only: a PnC request gets
 * WARNING_AuthorizationSelectionInvalid (not offered, [V2G20-2209/2226] as cited by libiso) and the
 * EV may retry with EIM.
 */
public final class WaitAuthorization implements SessionState {

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (req instanceof SessionStopReqType stop && ctx.authOngoingSince < 0) {
            return Stops.beforePower(stop, ctx);
        }
        if (!(req instanceof AuthorizationReqType auth)) {
            return Optional.empty();
        }
        if (auth.SelectedAuthorizationService() != authorizationType.EIM
                || !(auth.AReqAuthorizationMode() instanceof AuthorizationReqType.AReqAuthorizationMode.EIM_AReqAuthorizationMode)) {
            return Optional.of(Step.to(new AuthorizationResType(ctx.header(),
                    responseCodeType.WARNING_AuthorizationSelectionInvalid, processingType.Finished), this));
        }
        EimDecision d = ctx.charge.eimAuthorization();
        switch (d) {
            case ACCEPTED -> {
                ctx.authOngoingSince = -1;
                return Optional.of(Step.to(new AuthorizationResType(ctx.header(), responseCodeType.OK, processingType.Finished),
                        new WaitServiceDiscovery()));
            }
            case REJECTED -> {
                ctx.authOngoingSince = -1;
                // [V2G20-2230]: a WARNING; nothing else was offered, so the session ends here.
                ctx.charge.powerOffAndOpenContactors("EIM authorization rejected");
                return Optional.of(new Step(new AuthorizationResType(ctx.header(),
                        responseCodeType.WARNING_EIMAuthorizationFailure, processingType.Finished), null,
                        List.of(new Action.SessionEnded("EIM authorization rejected"), new Action.CloseConnection(Duration.ZERO))));
            }
            default -> {
                if (ctx.authOngoingSince < 0) {
                    ctx.authOngoingSince = ctx.nowNanos;
                } else if (ctx.nowNanos - ctx.authOngoingSince >= ctx.config.eimOngoingCap().toNanos()) {
                    // Ongoing budget spent (libiso 180 s): answer FAILED and terminate.
                    ctx.charge.powerOffAndOpenContactors("EIM authorization ongoing cap");
                    return Optional.of(new Step(new AuthorizationResType(ctx.header(), responseCodeType.FAILED,
                            processingType.Finished), null,
                            List.of(new Action.SessionEnded("authorization not decided within " + ctx.config.eimOngoingCap()),
                                    new Action.CloseConnection(Duration.ZERO))));
                }
                return Optional.of(Step.to(new AuthorizationResType(ctx.header(), responseCodeType.OK,
                        processingType.Ongoing_WaitingForCustomerInteraction), this));
            }
        }
    }

    @Override
    public String name() {
        return "WaitAuthorization";
    }
}
