package org.secc.app.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The ISO 15118-2 benchmark rigs reach the CurrentDemand (DC) and ChargingStatus (AC) loops and keep answering OK. */
class Iso2LoopRigTest {

    @Test
    void iso2RigLoopsOnTheWire() {
        try (Iso2LoopRig rig = new Iso2LoopRig()) {
            for (int i = 0; i < 50; i++) {
                assertTrue(rig.step().length > 10);
            }
            assertTrue(rig.session.stateName().equals("Iso2CurrentDemandOrPowerDelivery"), rig.session.stateName());
        }
    }

    @Test
    void iso2AcRigLoopsOnTheWire() {
        try (Iso2LoopRig rig = new Iso2LoopRig(true)) {
            for (int i = 0; i < 50; i++) {
                assertTrue(rig.step().length > 10);
            }
            assertTrue(rig.session.stateName().equals("Iso2AcChargingStatusOrPowerDelivery"), rig.session.stateName());
        }
    }
}
