package org.secc.app.session.state;

import java.util.Optional;

import org.secc.app.charge.LoopRequest;
import org.secc.app.charge.LoopResult;
import org.secc.exi.iso20.ac.AC_ChargeLoopReqType;
import org.secc.exi.iso20.ac.AC_ChargeLoopReqType.CLReqControlModeGroup;
import org.secc.exi.iso20.ac.AC_ChargeLoopResType;
import org.secc.exi.iso20.ac.AC_ChargeLoopResType.CLResControlModeGroup;
import org.secc.exi.iso20.ac.BPT_Dynamic_AC_CLResControlModeType;
import org.secc.exi.iso20.ac.BPT_Scheduled_AC_CLResControlModeType;
import org.secc.exi.iso20.ac.Dynamic_AC_CLResControlModeType;
import org.secc.exi.iso20.ac.Scheduled_AC_CLResControlModeType;
import org.secc.exi.iso20.common.PowerDeliveryReqType;
import org.secc.exi.iso20.types.RationalNumberType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.responseCodeType;

import static org.secc.app.session.RationalNumbers.of;
import static org.secc.app.session.state.Loops.abs;
import static org.secc.app.session.state.Loops.nan;

/**
 * After PowerDeliveryRes(Start) or AC_ChargeLoopRes in an AC or AC_BPT session: AC_ChargeLoopReq or
 * PowerDeliveryReq. Dynamic: EVSETargetActivePower (mandatory) commands power and direction (sign,
 * README "Hardware abstraction": + charges the EV); Scheduled: the target is sent as well, so that limits set by the policy or a grid event
 * reach the car at once, plus the present power. Variant mismatch → FAILED (libiso).
 */
public final class AcChargeLoop implements SessionState {

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (req instanceof PowerDeliveryReqType pd) {
            return PowerDeliveries.handle(pd, ctx, true, this);
        }
        if (!(req instanceof AC_ChargeLoopReqType cl)) {
            return Optional.empty();
        }
        CLReqControlModeGroup g = cl.CLReqControlModeGroup();
        boolean bpt = g instanceof CLReqControlModeGroup.BPT_Dynamic_AC_CLReqControlMode
                || g instanceof CLReqControlModeGroup.BPT_Scheduled_AC_CLReqControlMode;
        boolean dynamic = g instanceof CLReqControlModeGroup.BPT_Dynamic_AC_CLReqControlMode
                || g instanceof CLReqControlModeGroup.Dynamic_AC_CLReqControlMode;
        if (!ctx.ac() || bpt != ctx.bpt() || dynamic != ctx.dynamic()) {
            return Loops.end(ctx, failed(ctx, responseCodeType.FAILED),
                    "AC_ChargeLoopReq control mode " + g.getClass().getSimpleName() + " does not match the session");
        }
        if (Loops.notificationIgnored(ctx)) {
            return Loops.end(ctx, failed(ctx, responseCodeType.FAILED), "EV kept charging past NotificationMaxDelay");
        }
        LoopRequest lr = request(cl);
        java.util.Optional<String> bad = lr.nonPhysical();
        if (bad.isPresent()) {
            // Never a setpoint from a value no vehicle can mean (ISO 15118-20 FAILED_WrongChargeParameter).
            return Loops.end(ctx, failed(ctx, responseCodeType.FAILED_WrongChargeParameter), "non-physical EV value: " + bad.get());
        }
        LoopResult r = ctx.charge.chargeLoop(lr);
        RationalNumberType target = of(r.targetPowerW());
        // No AC meter: EVSEPresentActivePower is sent only when measured.
        RationalNumberType present = Double.isNaN(r.presentPowerW()) ? null : of(r.presentPowerW());
        CLResControlModeGroup mode;
        if (bpt && dynamic) {
            mode = new CLResControlModeGroup.BPT_Dynamic_AC_CLResControlMode(new BPT_Dynamic_AC_CLResControlModeType(null, null, null, null,
                    target, null, null, null, null, null, present, null, null));
        } else if (bpt) {
            mode = new CLResControlModeGroup.BPT_Scheduled_AC_CLResControlMode(new BPT_Scheduled_AC_CLResControlModeType(target, null, null,
                    null, null, null, present, null, null));
        } else if (dynamic) {
            mode = new CLResControlModeGroup.Dynamic_AC_CLResControlMode(new Dynamic_AC_CLResControlModeType(null, null, null, null,
                    target, null, null, null, null, null, present, null, null));
        } else {
            mode = new CLResControlModeGroup.Scheduled_AC_CLResControlMode(new Scheduled_AC_CLResControlModeType(target, null, null,
                    null, null, null, present, null, null));
        }
        var res = new AC_ChargeLoopResType(ctx.header(), responseCodeType.OK, Loops.status(ctx),
                cl.MeterInfoRequested() ? Loops.meter(ctx, r) : null, null, null, mode);
        return Optional.of(Step.to(res, this));
    }

    static LoopRequest request(AC_ChargeLoopReqType cl) {
        double soc = cl.DisplayParameters() != null && cl.DisplayParameters().PresentSOC() != null
                ? cl.DisplayParameters().PresentSOC() : Double.NaN;
        CLReqControlModeGroup g = cl.CLReqControlModeGroup();
        if (g instanceof CLReqControlModeGroup.Scheduled_AC_CLReqControlMode m) {
            var v = m.value();
            return LoopRequest.builder(true, false, false).evMaxChargePowerW(abs(v.EVMaximumChargePower()))
                    .evMinChargePowerW(abs(v.EVMinimumChargePower())).evPresentActivePowerW(nan(v.EVPresentActivePower())).socPct(soc)
                    .evTargetEnergyRequestWh(nan(v.EVTargetEnergyRequest())).build();
        }
        if (g instanceof CLReqControlModeGroup.BPT_Scheduled_AC_CLReqControlMode m) {
            var v = m.value();
            return LoopRequest.builder(true, false, true).evMaxChargePowerW(abs(v.EVMaximumChargePower()))
                    .evMinChargePowerW(abs(v.EVMinimumChargePower())).evMaxDischargePowerW(abs(v.EVMaximumDischargePower()))
                    .evMinDischargePowerW(abs(v.EVMinimumDischargePower())).evPresentActivePowerW(nan(v.EVPresentActivePower()))
                    .socPct(soc).evTargetEnergyRequestWh(nan(v.EVTargetEnergyRequest())).build();
        }
        if (g instanceof CLReqControlModeGroup.Dynamic_AC_CLReqControlMode m) {
            var v = m.value();
            return LoopRequest.builder(true, true, false).evMaxChargePowerW(abs(v.EVMaximumChargePower()))
                    .evMinChargePowerW(abs(v.EVMinimumChargePower())).evPresentActivePowerW(nan(v.EVPresentActivePower())).socPct(soc)
                    .evTargetEnergyRequestWh(nan(v.EVTargetEnergyRequest())).build();
        }
        var v = ((CLReqControlModeGroup.BPT_Dynamic_AC_CLReqControlMode) g).value();
        return LoopRequest.builder(true, true, true).evMaxChargePowerW(abs(v.EVMaximumChargePower()))
                .evMinChargePowerW(abs(v.EVMinimumChargePower())).evMaxDischargePowerW(abs(v.EVMaximumDischargePower()))
                .evMinDischargePowerW(abs(v.EVMinimumDischargePower())).evPresentActivePowerW(nan(v.EVPresentActivePower()))
                .socPct(soc).evTargetEnergyRequestWh(nan(v.EVTargetEnergyRequest())).build();
    }

    /** Minimal schema-valid AC_ChargeLoopRes for a FAILED code ([V2G20-736]). */
    static AC_ChargeLoopResType failed(SessionContext ctx, responseCodeType code) {
        return new AC_ChargeLoopResType(ctx.header(), code, null, null, null, null,
                new CLResControlModeGroup.Scheduled_AC_CLResControlMode(new Scheduled_AC_CLResControlModeType(null, null, null, null, null,
                        null, null, null, null)));
    }

    @Override
    public boolean inChargeLoop() {
        return true;
    }

    @Override
    public String name() {
        return "AcChargeLoop";
    }
}
