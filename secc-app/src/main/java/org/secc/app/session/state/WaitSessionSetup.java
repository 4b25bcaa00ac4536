package org.secc.app.session.state;

import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Logger;

import org.secc.app.session.PausedSessions;
import org.secc.exi.iso20.common.SessionSetupReqType;
import org.secc.exi.iso20.common.SessionSetupResType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.responseCodeType;

/**
 * After SupportedAppProtocolRes OK: only SessionSetupReq. A SessionID of a paused session resumes it
 * (OK_OldSessionJoined, the same ID echoed, [V2G20-2623]): authorization and service selection are
 * kept and the next request is the charge parameter discovery ([V2G20-1032]). Any other ID, including
 * all-zero, gets the new random SessionID the session drew. A paused session resumes only for the
 * EVCCID that paused it: an EV with another EVCCID and the paused SessionID gets a new session with no
 * earlier authorization ([V2G20-2628]), and the paused entry stays for its owner.
 */
public final class WaitSessionSetup implements SessionState {

    private static final Logger LOG = Logger.getLogger(WaitSessionSetup.class.getName());

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (!(req instanceof SessionSetupReqType)) {
            return Optional.empty();
        }
        byte[] asked = req.Header().SessionID();
        String evcc = ((SessionSetupReqType) req).EVCCID();
        ctx.evccId = evcc == null ? new byte[0] : evcc.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (asked != null && asked.length == 8 && !Arrays.equals(asked, new byte[8])) {
            Optional<PausedSessions.Paused> p = ctx.paused.take(asked, ctx.evccId);
            if (p.isPresent()) {
                PausedSessions.Paused old = p.get();
                ctx.sessionId = old.sessionId();
                ctx.offeredServices = old.offeredServices();
                ctx.selectedService = old.selectedService();
                ctx.selectedParameters = old.parameters();
                ctx.resumed = true;
                LOG.info(() -> "resuming paused session, service " + old.selectedService());
                return Optional.of(Step.to(new SessionSetupResType(ctx.header(), responseCodeType.OK_OldSessionJoined,
                        ctx.config.evseId()), new WaitChargeParameterDiscovery()));
            }
        }
        return Optional.of(Step.to(new SessionSetupResType(ctx.header(), responseCodeType.OK_NewSessionEstablished,
                ctx.config.evseId()), new WaitAuthorizationSetup()));
    }

    @Override
    public String name() {
        return "WaitSessionSetup";
    }
}
