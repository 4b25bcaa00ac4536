package org.secc.app.bench;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.secc.app.run.ChargePoint;

/** Keeps the benchmark setup honest: every variant reaches its loop and keeps answering OK on the wire. */
class LoopRigTest {

    @ParameterizedTest
    @EnumSource(LoopRig.Variant.class)
    void everyVariantLoopsOnTheWire(LoopRig.Variant v) {
        try (LoopRig rig = new LoopRig(v, ChargePoint.SupervisorMode.INLINE, "")) {
            for (int i = 0; i < 200; i++) {
                assertTrue(rig.step().length > 0);
            }
            assertFalse(rig.session.ended());
            assertTrue(rig.cp.hal().contactors().state().mirrorClosed(), "energized");
        }
    }
}
