package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for AuthorizationSetupRes: EIM must be offered; then AuthorizationReq. */
public final class WaitAuthorizationSetup implements EvState {

    @Override
    public Phase phase() {
        return Phase.AUTH_SETUP;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        var res = (AuthorizationSetupResType) c.check(msg, "AuthorizationSetupRes");
        if (res == null) {
            return c.close("authorization setup failed");
        }
        if (!res.AuthorizationServices().contains(authorizationType.EIM)) {
            c.fail("SECC offers no EIM authorization: " + res.AuthorizationServices());
            return c.close("no EIM");
        }
        return c.sendAuthorization();
    }
}
