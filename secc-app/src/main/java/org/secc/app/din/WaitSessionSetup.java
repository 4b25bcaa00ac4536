package org.secc.app.din;

import java.util.Optional;

import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.SessionSetupResType;
import org.secc.exi.din.types.responseCodeType;

/**
 * After SupportedAppProtocolRes: SessionSetupReq only ([V2G-DC-438/439]). DIN always answers
 * OK_NewSessionEstablished with a fresh SessionID ([V2G-DC-393]): there is no pause to resume. The
 * EVSEID is DIN hexBinary (see {@link DinValues#evseId}).
 */
final class WaitSessionSetup implements DinState {

    @Override
    public Optional<DinStep> handle(BodyElementGroup req, DinContext ctx) {
        if (!(req instanceof BodyElementGroup.SessionSetupReq)) {
            return Optional.empty();
        }
        return Optional.of(DinStep.to(new BodyElementGroup.SessionSetupRes(
                new SessionSetupResType(responseCodeType.OK_NewSessionEstablished, DinValues.evseId(ctx.config.evseId()), null)),
                new WaitServiceDiscovery()));
    }

    @Override
    public String name() {
        return "DinWaitSessionSetup";
    }
}
