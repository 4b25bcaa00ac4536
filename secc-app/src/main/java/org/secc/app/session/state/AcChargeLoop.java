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
        LoopResult r = ctx.charge.chargeLoop(request(cl));
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

    private static LoopRequest request(AC_ChargeLoopReqType cl) {
        double soc = cl.DisplayParameters() != null && cl.DisplayParameters().PresentSOC() != null
                ? cl.DisplayParameters().PresentSOC() : Double.NaN;
        CLReqControlModeGroup g = cl.CLReqControlModeGroup();
        if (g instanceof CLReqControlModeGroup.Scheduled_AC_CLReqControlMode m) {
            var v = m.value();
            return new LoopRequest(true, false, false, Double.NaN, Double.NaN, Double.NaN, abs(v.EVMaximumChargePower()),
                    abs(v.EVMinimumChargePower()), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, nan(v.EVPresentActivePower()),
                    soc, nan(v.EVTargetEnergyRequest()));
        }
        if (g instanceof CLReqControlModeGroup.BPT_Scheduled_AC_CLReqControlMode m) {
            var v = m.value();
            return new LoopRequest(true, false, true, Double.NaN, Double.NaN, Double.NaN, abs(v.EVMaximumChargePower()),
                    abs(v.EVMinimumChargePower()), Double.NaN, Double.NaN, abs(v.EVMaximumDischargePower()), abs(v.EVMinimumDischargePower()),
                    Double.NaN, nan(v.EVPresentActivePower()), soc, nan(v.EVTargetEnergyRequest()));
        }
        if (g instanceof CLReqControlModeGroup.Dynamic_AC_CLReqControlMode m) {
            var v = m.value();
            return new LoopRequest(true, true, false, Double.NaN, Double.NaN, Double.NaN, abs(v.EVMaximumChargePower()),
                    abs(v.EVMinimumChargePower()), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, nan(v.EVPresentActivePower()),
                    soc, nan(v.EVTargetEnergyRequest()));
        }
        var v = ((CLReqControlModeGroup.BPT_Dynamic_AC_CLReqControlMode) g).value();
        return new LoopRequest(true, true, true, Double.NaN, Double.NaN, Double.NaN, abs(v.EVMaximumChargePower()),
                abs(v.EVMinimumChargePower()), Double.NaN, Double.NaN, abs(v.EVMaximumDischargePower()), abs(v.EVMinimumDischargePower()),
                Double.NaN, nan(v.EVPresentActivePower()), soc, nan(v.EVTargetEnergyRequest()));
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
