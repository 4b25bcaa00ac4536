package org.secc.app.iso2;

import java.util.Optional;

import org.secc.app.session.SessionIds;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.SessionSetupResType;
import org.secc.exi.iso2.types.responseCodeType;

/**
 * After SupportedAppProtocolRes: SessionSetupReq only. The ID of the paused session → the same ID,
 * OK_OldSessionJoined, and the sequence starts again at ServiceDiscovery ([V2G2-571]); any other ID
 * (zeros of any length included) → a fresh non-zero ID ≠ the paused one, OK_NewSessionEstablished
 * ([V2G2-756]). A pause resumes only for the EVCCID that paused it; another EV with the paused ID gets
 * a new session, and the pause stays for its owner. EVSEID is the configured string.
 */
final class WaitSessionSetup implements Iso2State {

    static Optional<Iso2Step> setup(byte[] requested, byte[] evccId, Iso2Context ctx) {
        ctx.evccId = evccId == null ? new byte[0] : evccId.clone();
        Optional<byte[]> resumed = ctx.paused.take(requested, ctx.evccId);
        responseCodeType code;
        if (resumed.isPresent()) {
            ctx.sessionId = resumed.get();
            code = responseCodeType.OK_OldSessionJoined;
        } else {
            ctx.sessionId = SessionIds.fresh(requested);
            code = responseCodeType.OK_NewSessionEstablished;
        }
        return Optional.of(Iso2Step.to(new BodyElementGroup.SessionSetupRes(new SessionSetupResType(code, ctx.config.evseId(), null)),
                new WaitServiceDiscovery()));
    }

    @Override
    public Optional<Iso2Step> handle(BodyElementGroup req, Iso2Context ctx) {
        return Optional.empty(); // SessionSetupReq is handled by setup(), which needs the header's SessionID
    }

    @Override
    public String name() {
        return "Iso2WaitSessionSetup";
    }
}
