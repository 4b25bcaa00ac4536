package org.secc.app.session.state;

import java.util.Optional;

import org.secc.exi.iso20.common.SessionSetupReqType;
import org.secc.exi.iso20.common.SessionSetupResType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.responseCodeType;

/** After SupportedAppProtocolRes OK: only SessionSetupReq. The SessionID was drawn by the session. */
public final class WaitSessionSetup implements SessionState {

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (!(req instanceof SessionSetupReqType)) {
            return Optional.empty();
        }
        return Optional.of(Step.to(new SessionSetupResType(ctx.header(), responseCodeType.OK_NewSessionEstablished,
                ctx.config.evseId()), new WaitAuthorizationSetup()));
    }

    @Override
    public String name() {
        return "WaitSessionSetup";
    }
}
