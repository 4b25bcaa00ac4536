package org.secc.app.session.state;

import java.util.List;
import java.util.Optional;

import org.secc.exi.iso20.common.AuthorizationSetupReqType;
import org.secc.exi.iso20.common.AuthorizationSetupResType;
import org.secc.exi.iso20.common.EIM_ASResAuthorizationModeType;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.common.authorizationType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.responseCodeType;

/** After SessionSetupRes: AuthorizationSetupReq or SessionStopReq. Offers EIM only (no PnC yet). */
public final class WaitAuthorizationSetup implements SessionState {

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (req instanceof AuthorizationSetupReqType) {
            return Optional.of(Step.to(new AuthorizationSetupResType(ctx.header(), responseCodeType.OK,
                    List.of(authorizationType.EIM), false,
                    new AuthorizationSetupResType.ASResAuthorizationMode.EIM_ASResAuthorizationMode(new EIM_ASResAuthorizationModeType())),
                    new WaitAuthorization()));
        }
        if (req instanceof SessionStopReqType stop) {
            return Stops.beforePower(stop, ctx);
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return "WaitAuthorizationSetup";
    }
}
