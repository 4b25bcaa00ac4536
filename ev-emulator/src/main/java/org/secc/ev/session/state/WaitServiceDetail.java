package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.ev.session.ControlMode;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for ServiceDetailRes and picks the parameter set with the configured control mode. */
public final class WaitServiceDetail implements EvState {

    @Override
    public Phase phase() {
        return Phase.SERVICE_DETAIL;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        var res = (ServiceDetailResType) c.check(msg, "ServiceDetailRes");
        if (res == null) {
            return c.close("service detail failed");
        }
        if (res.ServiceID() != c.service.id) {
            c.fail("ServiceDetailRes for ServiceID " + res.ServiceID() + ", asked " + c.service.id);
        }
        if (!c.pickParameterSet(res.ServiceParameterList().ParameterSet())) {
            c.fail("ServiceDetailRes offers no parameter set with a ControlMode");
            return c.close("no parameter set");
        }
        c.phase = Phase.SERVICE_SELECTION;
        return c.sendCommon(new ServiceSelectionReqType(c.header(c.sessionId), new SelectedServiceType(c.service.id, c.parameterSetId), null),
                "ServiceSelectionReq", EvContext.MSG_TIMEOUT_MS);
    }
}
