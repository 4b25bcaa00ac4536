package org.secc.app.session.state;

import org.secc.app.charge.ChargeControl;
import org.secc.app.session.Responses;
import org.secc.app.session.SessionConfig;
import org.secc.exi.iso20.types.MessageHeaderType;

/** What the states share: the session's identity, configuration, hardware bridge and "now". */
public final class SessionContext {

    final SessionConfig config;
    final ChargeControl charge;
    byte[] sessionId;
    long nowNanos;
    long epochSeconds;
    /** When the first AuthorizationReq answered Ongoing; -1 when none is pending. */
    long authOngoingSince = -1;
    /** ServiceIDs sent in ServiceDiscoveryRes. */
    java.util.List<Integer> offeredServices = java.util.List.of();
    /** ServiceID and parameter set chosen in ServiceSelectionReq (kept for resume). */
    int selectedService = -1;
    org.secc.app.session.EnergyParameterSet selectedParameters;
    /** The EV's charge parameters from DC_ChargeParameterDiscoveryReq. */
    org.secc.exi.iso20.dc.DC_ChargeParameterDiscoveryReqType evCpd;
    /** ScheduleTupleIDs offered in ScheduleExchangeRes (Scheduled mode). */
    java.util.List<Long> scheduleTupleIds = java.util.List.of();

    public int selectedService() {
        return selectedService;
    }

    public org.secc.app.session.EnergyParameterSet selectedParameters() {
        return selectedParameters;
    }

    public SessionContext(SessionConfig config, ChargeControl charge, byte[] sessionId) {
        this.config = config;
        this.charge = charge;
        this.sessionId = sessionId.clone();
    }

    public void now(long nanos, long epochSeconds) {
        this.nowNanos = nanos;
        this.epochSeconds = epochSeconds;
    }

    public byte[] sessionId() {
        return sessionId.clone();
    }

    public SessionConfig config() {
        return config;
    }

    public ChargeControl charge() {
        return charge;
    }

    public MessageHeaderType header() {
        return Responses.header(sessionId, epochSeconds);
    }
}
