package org.secc.ocpp.rpc;

import org.secc.common.json.JsonNode;
import org.secc.common.json.ArrayNode;

/** One OCPP-J message (OCPP-J 2.1 §4.2): CALL [2,id,action,payload], CALLRESULT [3,id,payload], CALLERROR [4,id,code,description,details]. */
public sealed interface RpcFrame {
    int CALL = 2, CALLRESULT = 3, CALLERROR = 4;
    /** OCPP-J 2.1 §4.1.3: the description of a CALLERROR is at most 255 characters. */
    int MAX_ERROR_DESCRIPTION = 255;

    String id();

    String toJson();

    record Call(String id, String action, JsonNode payload) implements RpcFrame {
        public String toJson() {
            ArrayNode a = JsonNode.array();
            a.add(CALL).add(id).add(action).add(payload);
            return a.toString();
        }
    }

    record CallResult(String id, JsonNode payload) implements RpcFrame {
        public String toJson() {
            ArrayNode a = JsonNode.array();
            a.add(CALLRESULT).add(id).add(payload);
            return a.toString();
        }
    }

    record CallError(String id, RpcErrorCode code, String description, JsonNode details) implements RpcFrame {
        public CallError {
            if (description == null) description = "";
            if (description.length() > MAX_ERROR_DESCRIPTION) description = description.substring(0, MAX_ERROR_DESCRIPTION);
            if (details == null) details = JsonNode.object();
        }

        public CallError(String id, RpcErrorCode code, String description) {
            this(id, code, description, null);
        }

        public String toJson() {
            ArrayNode a = JsonNode.array();
            a.add(CALLERROR).add(id).add(code.name()).add(description).add(details);
            return a.toString();
        }
    }
}
