package org.secc.app.bench;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.secc.app.run.ChargePoint;
import org.secc.app.session.Outcome;
import org.secc.app.session.RationalNumbers;
import org.secc.exi.iso20.dc.DC_ChargeLoopResType;
import org.secc.exi.iso20.types.RationalNumberType;
import org.secc.exi.iso20.types.responseCodeType;

/**
 * Every EV value that feeds a setpoint is capped or refused: a DC Scheduled session in its charge loop
 * on the stepped bench (session → HalChargeControl → charge controller → simulated stage), checked on
 * the operating point the stage was really told.
 */
class EvValueLimitsTest {

    private static LoopRig rig() {
        return new LoopRig(LoopRig.Variant.DC_Scheduled, ChargePoint.SupervisorMode.INLINE, "", s -> { });
    }

    private static DC_ChargeLoopResType loop(LoopRig rig, RationalNumberType targetI, RationalNumberType targetV, RationalNumberType maxV) {
        Outcome o = rig.session.handle(rig.scheduledDc(targetI, targetV, maxV));
        rig.advance(50);
        return (DC_ChargeLoopResType) o.response().orElseThrow();
    }

    @Test
    void theVoltageTargetNeverExceedsTheEvMaximum() {
        try (LoopRig rig = rig()) {
            // EVTargetVoltage 600 V with EVMaximumVoltage 420 V: the stage is told 420 V, not 600 V.
            for (int i = 0; i < 10; i++) {
                DC_ChargeLoopResType res = loop(rig, RationalNumbers.of(99), RationalNumbers.of(600), RationalNumbers.of(420));
                assertEquals(responseCodeType.OK, res.ResponseCode());
                assertTrue(res.EVSEVoltageLimitAchieved(), "the response says the voltage is limited");
            }
            double commanded = rig.bench.powerStage().target().voltageV();
            assertEquals(420, commanded, 1e-9, "stage voltage target = min(EV target, EV maximum, EVSE maximum)");
        }
    }

    @Test
    void theCurrentTargetNeverExceedsTheEvMaximumCurrent() {
        try (LoopRig rig = rig()) {
            // EVMaximumChargeCurrent is 250 A in the rig's request; the EV asks 400 A.
            for (int i = 0; i < 5; i++) {
                loop(rig, RationalNumbers.of(400), RationalNumbers.of(420), RationalNumbers.of(450));
            }
            assertTrue(rig.bench.powerStage().target().currentA() <= 250, "current ≤ EV maximum: " + rig.bench.powerStage().target());
        }
    }

    @Test
    void anAbsurdExponentIsRefusedNotObeyed() {
        try (LoopRig rig = rig()) {
            // 3.3·10^131 V: an exponent no vehicle means.
            DC_ChargeLoopResType res = loop(rig, RationalNumbers.of(20), new RationalNumberType(127, 33), RationalNumbers.of(450));
            assertEquals(responseCodeType.FAILED_WrongChargeParameter, res.ResponseCode());
            assertTrue(rig.session.ended(), "the session ends");
            rig.advance(1500);
            assertFalse(rig.bench.contactors().state().commandedClosed(), "power off, contactors open");
            assertTrue(rig.bench.powerStage().target().voltageV() < 1000, "never a setpoint from it: " + rig.bench.powerStage().target());
        }
    }

    @Test
    void aZeroMaximumVoltageEndsThePowerTransfer() {
        try (LoopRig rig = rig()) {
            loop(rig, RationalNumbers.of(50), RationalNumbers.of(420), RationalNumbers.of(450));
            rig.advance(500);
            assertTrue(rig.bench.powerStage().present().currentA() > 10, "power flows first");
            DC_ChargeLoopResType res = loop(rig, RationalNumbers.of(50), RationalNumbers.of(420), RationalNumbers.of(0));
            assertEquals(responseCodeType.FAILED_WrongChargeParameter, res.ResponseCode());
            rig.advance(1500);
            assertEquals(0, rig.bench.powerStage().present().currentA(), 1e-9, "no current keeps flowing");
            assertFalse(rig.bench.contactors().state().commandedClosed());
        }
    }

    @Test
    void aNegativeTargetVoltageIsAnsweredNotThrown() {
        try (LoopRig rig = rig()) {
            Outcome o = rig.session.handle(rig.scheduledDc(RationalNumbers.of(20), RationalNumbers.of(-385), RationalNumbers.of(450)));
            DC_ChargeLoopResType res = (DC_ChargeLoopResType) o.response().orElseThrow(() -> new AssertionError("a response is sent"));
            assertEquals(responseCodeType.FAILED_WrongChargeParameter, res.ResponseCode());
            assertTrue(rig.session.ended());
        }
    }
}
