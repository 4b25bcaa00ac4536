package org.secc.ev.din;

import org.secc.ev.session.Action;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.ContractAuthenticationReqType;
import org.secc.exi.din.types.EVSEProcessingType;

/** Waits for ContractAuthenticationRes: repeats while Ongoing (up to V2G_EVCC_Ongoing_Timeout), then charge parameters. */
final class WaitContractAuthenticationRes implements DinEvState {

    static Action request(DinEvSession ev, long delayMs) {
        return ev.send(new BodyElementGroup.ContractAuthenticationReq(new ContractAuthenticationReqType(null, null)),
                new WaitContractAuthenticationRes(), DinEvSession.MSG_TIMEOUT_MS, delayMs);
    }

    @Override
    public Action onResponse(BodyElementGroup res, DinEvSession ev, long now) {
        var r = ((BodyElementGroup.ContractAuthenticationRes) res).value();
        if (r.EVSEProcessing() == EVSEProcessingType.Ongoing) {
            if (ev.phaseStart < 0) {
                ev.phaseStart = now;
            } else if (now - ev.phaseStart > DinEvSession.ONGOING_TIMEOUT_MS) {
                ev.fail("authorization still Ongoing after 60 s");
                return ev.close("ongoing timeout");
            }
            return request(ev, DinEvSession.ONGOING_RETRY_MS);
        }
        ev.phaseStart = -1;
        return WaitChargeParameterRes.request(ev, 0);
    }

    @Override
    public String expects() {
        return "ContractAuthenticationRes";
    }

    @Override
    public String phase() {
        return "ContractAuthentication";
    }
}
