package org.secc.app.session.state;

import java.util.Optional;

import org.secc.exi.iso20.types.V2GRequestType;

/** One state of the -20 session: answers only the requests allowed in it (ISO 15118-20 message sequence, secc-app/README-session.md, "States"). */
public interface SessionState {

    /** The answer to an allowed request, or empty when the request is not allowed here. */
    Optional<Step> handle(V2GRequestType req, SessionContext ctx);

    String name();

    /** True in the AC/DC charge loop, where the loop sequence timeout applies. */
    default boolean inChargeLoop() {
        return false;
    }
}
