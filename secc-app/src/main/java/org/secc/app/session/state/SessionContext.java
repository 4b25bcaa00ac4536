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
    /** The EV's AC charge parameters from AC_ChargeParameterDiscoveryReq. */
    org.secc.exi.iso20.ac.AC_ChargeParameterDiscoveryReqType evAcCpd;
    /** Where paused sessions are kept for a later resume (shared by the connector's connections). */
    final org.secc.app.session.PausedSessions paused;
    /** The EVCCID of this session's SessionSetupReq (UTF-8 bytes, as on the wire); stored with a pause. */
    byte[] evccId = new byte[0];
    /** This session was resumed with OK_OldSessionJoined. */
    boolean resumed;
    /** A ScheduleExchange inside the loop (PowerDelivery ScheduleRenegotiation) is in progress. */
    boolean renegotiating;
    /** When the first DC_CableCheckReq answered Ongoing; -1 when none is pending. */
    long cableCheckSince = -1;
    /** When an EVSENotification Terminate/Pause was first sent in the loop; -1 when none. */
    long notifiedSince = -1;
    int notifiedMaxDelay;

    public boolean bpt() {
        return selectedService == org.secc.app.session.ServiceOffer.DC_BPT || selectedService == org.secc.app.session.ServiceOffer.AC_BPT;
    }

    public boolean ac() {
        return selectedService == org.secc.app.session.ServiceOffer.AC || selectedService == org.secc.app.session.ServiceOffer.AC_BPT;
    }

    public boolean dynamic() {
        return selectedParameters != null && selectedParameters.controlMode() == org.secc.app.session.EnergyParameterSet.DYNAMIC;
    }

    public long nowNanos() {
        return nowNanos;
    }

    public int selectedService() {
        return selectedService;
    }

    public org.secc.app.session.EnergyParameterSet selectedParameters() {
        return selectedParameters;
    }

    public SessionContext(SessionConfig config, ChargeControl charge, byte[] sessionId, org.secc.app.session.PausedSessions paused) {
        this.config = config;
        this.charge = charge;
        this.sessionId = sessionId.clone();
        this.paused = paused;
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
