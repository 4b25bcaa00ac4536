package org.secc.app.iso2;

import java.util.Optional;

import org.secc.exi.iso2.body.BodyType.BodyElementGroup;

/** One state of the ISO 15118-2 DC session: answers only the requests allowed in it ([V2G2-538]). */
public interface Iso2State {

    /** The answer to an allowed request, or empty when the request is not allowed here (FAILED_SequenceError, [V2G2-538]). */
    Optional<Iso2Step> handle(BodyElementGroup req, Iso2Context ctx);

    String name();

    /** True inside the CurrentDemand loop, where the loop sequence timeout applies. */
    default boolean inChargeLoop() {
        return false;
    }
}
