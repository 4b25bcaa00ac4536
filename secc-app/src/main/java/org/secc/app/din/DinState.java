package org.secc.app.din;

import java.util.Optional;

import org.secc.exi.din.BodyType.BodyElementGroup;

/** One state of the DIN 70121 session: answers only the requests allowed in it (state table of [V2G-DC-436..469]). */
public interface DinState {

    /** The answer to an allowed request, or empty when the request is not allowed here ([V2G-DC-390]). */
    Optional<DinStep> handle(BodyElementGroup req, DinContext ctx);

    String name();

    /** True inside the CurrentDemand loop, where the loop sequence timeout applies. */
    default boolean inChargeLoop() {
        return false;
    }
}
