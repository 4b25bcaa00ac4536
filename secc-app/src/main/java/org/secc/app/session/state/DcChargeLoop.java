package org.secc.app.session.state;

import java.util.Optional;

import org.secc.app.charge.DcLimits;
import org.secc.app.charge.LoopRequest;
import org.secc.app.charge.LoopResult;
import org.secc.exi.iso20.common.PowerDeliveryReqType;
import org.secc.exi.iso20.dc.BPT_Dynamic_DC_CLResControlModeType;
import org.secc.exi.iso20.dc.BPT_Scheduled_DC_CLResControlModeType;
import org.secc.exi.iso20.dc.DC_ChargeLoopReqType;
import org.secc.exi.iso20.dc.DC_ChargeLoopReqType.CLReqControlModeGroup;
import org.secc.exi.iso20.dc.DC_ChargeLoopResType;
import org.secc.exi.iso20.dc.DC_ChargeLoopResType.CLResControlModeGroup;
import org.secc.exi.iso20.dc.Dynamic_DC_CLResControlModeType;
import org.secc.exi.iso20.dc.Scheduled_DC_CLResControlModeType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.responseCodeType;

import static org.secc.app.session.RationalNumbers.of;
import static org.secc.app.session.state.Loops.abs;
import static org.secc.app.session.state.Loops.nan;

/**
 * After PowerDeliveryRes(Start) or DC_ChargeLoopRes in a DC or DC_BPT session: DC_ChargeLoopReq or
 * PowerDeliveryReq ([V2G20-2009/2012/2013]); a repeated Start is answered again (secc-app/README-session.md). The
 * request's control-mode element must match the selected service and control mode, else FAILED
 * (libiso); the response uses the same variant. Limits come from ChargeControl each step (policy and
 * grid included), discharge limits with the configured sign (the standard leaves their sign open, secc-app/README-session.md).
 */
public final class DcChargeLoop implements SessionState {

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (req instanceof PowerDeliveryReqType pd) {
            return PowerDeliveries.handle(pd, ctx, true, this);
        }
        if (!(req instanceof DC_ChargeLoopReqType cl)) {
            return Optional.empty();
        }
        CLReqControlModeGroup g = cl.CLReqControlModeGroup();
        boolean bpt = g instanceof CLReqControlModeGroup.BPT_Dynamic_DC_CLReqControlMode
                || g instanceof CLReqControlModeGroup.BPT_Scheduled_DC_CLReqControlMode;
        boolean dynamic = g instanceof CLReqControlModeGroup.BPT_Dynamic_DC_CLReqControlMode
                || g instanceof CLReqControlModeGroup.Dynamic_DC_CLReqControlMode;
        if (ctx.ac() || bpt != ctx.bpt() || dynamic != ctx.dynamic()) {
            return Loops.end(ctx, failed(ctx, responseCodeType.FAILED),
                    "DC_ChargeLoopReq control mode " + g.getClass().getSimpleName() + " does not match the session");
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
        DcLimits l = r.dc();
        double s = ctx.config.negativeDischargeLimits() ? -1 : 1;
        CLResControlModeGroup mode;
        if (bpt && dynamic) {
            mode = new CLResControlModeGroup.BPT_Dynamic_DC_CLResControlMode(new BPT_Dynamic_DC_CLResControlModeType(null, null, null, null,
                    of(l.maxChargePower()), of(l.minChargePower()), of(l.maxChargeCurrent()), of(l.maxVoltage()),
                    of(s * l.maxDischargePower()), of(s * l.minDischargePower()), of(s * l.maxDischargeCurrent()), of(l.minVoltage())));
        } else if (bpt) {
            mode = new CLResControlModeGroup.BPT_Scheduled_DC_CLResControlMode(new BPT_Scheduled_DC_CLResControlModeType(
                    of(l.maxChargePower()), of(l.minChargePower()), of(l.maxChargeCurrent()), of(l.maxVoltage()),
                    of(s * l.maxDischargePower()), of(s * l.minDischargePower()), of(s * l.maxDischargeCurrent()), of(l.minVoltage())));
        } else if (dynamic) {
            mode = new CLResControlModeGroup.Dynamic_DC_CLResControlMode(new Dynamic_DC_CLResControlModeType(null, null, null, null,
                    of(l.maxChargePower()), of(l.minChargePower()), of(l.maxChargeCurrent()), of(l.maxVoltage())));
        } else {
            mode = new CLResControlModeGroup.Scheduled_DC_CLResControlMode(new Scheduled_DC_CLResControlModeType(
                    of(l.maxChargePower()), of(l.minChargePower()), of(l.maxChargeCurrent()), of(l.maxVoltage())));
        }
        var res = new DC_ChargeLoopResType(ctx.header(), responseCodeType.OK, Loops.status(ctx),
                cl.MeterInfoRequested() ? Loops.meter(ctx, r) : null, null, of(r.presentCurrentA()), of(r.presentVoltageV()),
                r.powerLimitAchieved(), r.currentLimitAchieved(), r.voltageLimitAchieved(), mode);
        return Optional.of(Step.to(res, this));
    }

    static LoopRequest request(DC_ChargeLoopReqType cl) {
        double soc = cl.DisplayParameters() != null && cl.DisplayParameters().PresentSOC() != null
                ? cl.DisplayParameters().PresentSOC() : Double.NaN;
        double presentV = nan(cl.EVPresentVoltage());
        CLReqControlModeGroup g = cl.CLReqControlModeGroup();
        if (g instanceof CLReqControlModeGroup.Scheduled_DC_CLReqControlMode m) {
            var v = m.value();
            return LoopRequest.builder(false, false, false).evPresentVoltageV(presentV).evTargetCurrentA(nan(v.EVTargetCurrent()))
                    .evTargetVoltageV(nan(v.EVTargetVoltage())).evMaxChargePowerW(abs(v.EVMaximumChargePower()))
                    .evMinChargePowerW(abs(v.EVMinimumChargePower())).evMaxChargeCurrentA(abs(v.EVMaximumChargeCurrent()))
                    .evMaxVoltageV(nan(v.EVMaximumVoltage())).socPct(soc).evTargetEnergyRequestWh(nan(v.EVTargetEnergyRequest())).build();
        }
        if (g instanceof CLReqControlModeGroup.BPT_Scheduled_DC_CLReqControlMode m) {
            var v = m.value();
            return LoopRequest.builder(false, false, true).evPresentVoltageV(presentV).evTargetCurrentA(nan(v.EVTargetCurrent()))
                    .evTargetVoltageV(nan(v.EVTargetVoltage())).evMaxChargePowerW(abs(v.EVMaximumChargePower()))
                    .evMinChargePowerW(abs(v.EVMinimumChargePower())).evMaxChargeCurrentA(abs(v.EVMaximumChargeCurrent()))
                    .evMaxVoltageV(nan(v.EVMaximumVoltage())).evMaxDischargePowerW(abs(v.EVMaximumDischargePower()))
                    .evMinDischargePowerW(abs(v.EVMinimumDischargePower())).evMaxDischargeCurrentA(abs(v.EVMaximumDischargeCurrent()))
                    .socPct(soc).evTargetEnergyRequestWh(nan(v.EVTargetEnergyRequest())).build();
        }
        if (g instanceof CLReqControlModeGroup.Dynamic_DC_CLReqControlMode m) {
            var v = m.value();
            return LoopRequest.builder(false, true, false).evPresentVoltageV(presentV).evMaxChargePowerW(abs(v.EVMaximumChargePower()))
                    .evMinChargePowerW(abs(v.EVMinimumChargePower())).evMaxChargeCurrentA(abs(v.EVMaximumChargeCurrent()))
                    .evMaxVoltageV(nan(v.EVMaximumVoltage())).socPct(soc).evTargetEnergyRequestWh(nan(v.EVTargetEnergyRequest())).build();
        }
        var v = ((CLReqControlModeGroup.BPT_Dynamic_DC_CLReqControlMode) g).value();
        return LoopRequest.builder(false, true, true).evPresentVoltageV(presentV).evMaxChargePowerW(abs(v.EVMaximumChargePower()))
                .evMinChargePowerW(abs(v.EVMinimumChargePower())).evMaxChargeCurrentA(abs(v.EVMaximumChargeCurrent()))
                .evMaxVoltageV(nan(v.EVMaximumVoltage())).evMaxDischargePowerW(abs(v.EVMaximumDischargePower()))
                .evMinDischargePowerW(abs(v.EVMinimumDischargePower())).evMaxDischargeCurrentA(abs(v.EVMaximumDischargeCurrent()))
                .socPct(soc).evTargetEnergyRequestWh(nan(v.EVTargetEnergyRequest())).build();
    }

    /** Minimal schema-valid DC_ChargeLoopRes for a FAILED code ([V2G20-736]). */
    static DC_ChargeLoopResType failed(SessionContext ctx, responseCodeType code) {
        return new DC_ChargeLoopResType(ctx.header(), code, null, null, null, of(0), of(0), false, false, false,
                new CLResControlModeGroup.Scheduled_DC_CLResControlMode(new Scheduled_DC_CLResControlModeType(null, null, null, null)));
    }

    @Override
    public boolean inChargeLoop() {
        return true;
    }

    @Override
    public String name() {
        return "DcChargeLoop";
    }
}
