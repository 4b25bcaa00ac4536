package org.secc.ev.session;

import java.util.List;

import org.secc.exi.SchemaKind;

/**
 * What the edge ({@code ScenarioRunner}, the benches) needs of an EV-side session, whatever the
 * protocol: ISO 15118-20 ({@link EvSession}), DIN 70121 or ISO 15118-2 (both on {@link LegacyEvSession}).
 */
public interface EvClient {

    /** The SupportedAppProtocolReq that opens a connection. */
    Action start();

    /** After a paused session ended, the first request of the new connection. */
    Action resume();

    /** A decoded response (typed record) arrived. */
    Action onResponse(Object msg);

    /** The response deadline passed without a response. */
    Action onTimeout();

    /** The SECC closed the connection. */
    Action onPeerClosed();

    /** The edge performed a transport fault (malformed EXI sent, silence started, TCP dropped). */
    Action onTransportFault();

    boolean inChargeLoop();

    List<String> failures();

    List<String> notes();

    List<Sample> timeline();

    boolean paused();

    boolean endedOk();

    String stopReason();

    /**
     * The grammar of a response that arrived with this V2GTP payload type. -20 names it by the
     * payload type; DIN and -2 use 0x8001 for SAP and for every later message, so the session says.
     */
    default SchemaKind responseKind(int payloadType) {
        return switch (payloadType) {
            case Outgoing.SAP -> SchemaKind.SAP;
            case Outgoing.COMMON -> SchemaKind.COMMON;
            case Outgoing.DC -> SchemaKind.DC;
            case Outgoing.AC -> SchemaKind.AC;
            default -> throw new org.secc.exi.ExiDecodeException(0, String.format("unexpected V2GTP payload type 0x%04x", payloadType));
        };
    }
}
