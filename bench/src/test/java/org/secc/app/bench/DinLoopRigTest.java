package org.secc.app.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The DIN benchmark rig reaches the CurrentDemand loop and keeps answering OK (as the benchmark needs). */
class DinLoopRigTest {

    @Test
    void dinRigLoopsOnTheWire() {
        try (DinLoopRig rig = new DinLoopRig()) {
            for (int i = 0; i < 50; i++) {
                assertTrue(rig.step().length > 10);
            }
            assertTrue(rig.session.stateName().equals("DinCurrentDemandOrPowerDelivery"), rig.session.stateName());
        }
    }
}
