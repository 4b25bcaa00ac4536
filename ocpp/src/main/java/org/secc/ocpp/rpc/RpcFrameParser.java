package org.secc.ocpp.rpc;

import org.secc.common.json.JsonNode;

/**
 * Reads one received text frame. Malformed input never throws: it becomes the CALLERROR to send back
 * (or nothing, where OCPP-J says to ignore it).
 */
public final class RpcFrameParser {
    /** OCPP-J 2.1 §4.1.4: a message id is at most 36 characters. */
    public static final int MAX_ID_LENGTH = 36;
    /** The id to answer with when the id of the message cannot be read (OCPP-J 2.1 §4.2.3). */
    public static final String UNKNOWN_ID = "-1";

    private RpcFrameParser() {}

    public sealed interface Parsed {}

    /** A well-formed frame. */
    public record Frame(RpcFrame frame) implements Parsed {}

    /** Malformed: answer with this CALLERROR (when {@code reply} answers a CALL) or drop it ({@code reply == null}). */
    public record Malformed(String reason, RpcFrame.CallError reply) implements Parsed {}

    public static Parsed parse(String text) {
        JsonNode root;
        try {
            root = JsonNode.parse(text);
        } catch (IllegalArgumentException e) {
            return new Malformed("not JSON", new RpcFrame.CallError(UNKNOWN_ID, RpcErrorCode.RpcFrameworkError, "message is not valid JSON"));
        }
        if (root == null || !root.isArray() || root.isEmpty() || !root.get(0).isInt()) {
            return new Malformed("not an OCPP-J array", new RpcFrame.CallError(UNKNOWN_ID, RpcErrorCode.RpcFrameworkError, "message is not an OCPP-J array"));
        }
        int type = root.get(0).intValue();
        String id = root.size() > 1 && root.get(1).isString() ? root.get(1).stringValue() : null;
        boolean idOk = id != null && !id.isEmpty() && id.length() <= MAX_ID_LENGTH;
        switch (type) {
            case RpcFrame.CALL -> {
                if (!idOk) return new Malformed("CALL without a readable id", new RpcFrame.CallError(UNKNOWN_ID, RpcErrorCode.RpcFrameworkError, "message id missing or longer than 36 characters"));
                if (root.size() != 4 || !root.get(2).isString()) return new Malformed("CALL of the wrong shape", new RpcFrame.CallError(id, RpcErrorCode.ProtocolError, "a CALL is [2, id, action, payload]"));
                if (!root.get(3).isObject()) return new Malformed("CALL payload not an object", new RpcFrame.CallError(id, RpcErrorCode.FormatViolation, "payload must be a JSON object"));
                return new Frame(new RpcFrame.Call(id, root.get(2).stringValue(), root.get(3)));
            }
            case RpcFrame.CALLRESULT -> {
                // A CALLERROR never answers a CALLRESULT (OCPP-J 2.1 §4.2.3): drop it with a log line.
                if (!idOk || root.size() != 3 || !root.get(2).isObject()) return new Malformed("CALLRESULT of the wrong shape", null);
                return new Frame(new RpcFrame.CallResult(id, root.get(2)));
            }
            case RpcFrame.CALLERROR -> {
                if (!idOk || root.size() != 5 || !root.get(2).isString()) return new Malformed("CALLERROR of the wrong shape", null);
                RpcErrorCode code = RpcErrorCode.parse(root.get(2).stringValue()).orElse(RpcErrorCode.GenericError);
                String description = root.get(3).isString() ? root.get(3).stringValue() : "";
                return new Frame(new RpcFrame.CallError(id, code, description, root.get(4)));
            }
            default -> {
                // OCPP-J 2.1 §4.1.3: an unknown message type number is ignored. A CALLRESULTERROR (5) or SEND (6)
                // from a 2.1 CSMS needs no answer either.
                return new Malformed("message type " + type + " ignored", null);
            }
        }
    }
}
