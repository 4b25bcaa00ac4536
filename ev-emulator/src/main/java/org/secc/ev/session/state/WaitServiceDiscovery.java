package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.ev.session.Service;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for ServiceDiscoveryRes and picks the energy service (the configured one, else the closest offered). */
public final class WaitServiceDiscovery implements EvState {

    @Override
    public Phase phase() {
        return Phase.SERVICE_DISCOVERY;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        var res = (ServiceDiscoveryResType) c.check(msg, "ServiceDiscoveryRes");
        if (res == null) {
            return c.close("service discovery failed");
        }
        c.offered = res.EnergyTransferServiceList().Service();
        c.service = c.pickService();
        if (c.service == null) {
            c.fail("SECC offers no DC, DC_BPT, AC or AC_BPT service: " + c.offered);
            return c.close("no usable service");
        }
        c.phase = Phase.SERVICE_DETAIL;
        return c.sendCommon(new ServiceDetailReqType(c.header(c.sessionId), c.service.id), "ServiceDetailReq", EvContext.SERVICE_DETAIL_TIMEOUT_MS);
    }
}
