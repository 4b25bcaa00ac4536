package org.secc.app.session.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.secc.app.charge.ChargeControl.IsolationResult;
import org.secc.app.session.Action;
import org.secc.app.session.RationalNumbers;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.dc.DC_CableCheckReqType;
import org.secc.exi.iso20.dc.DC_CableCheckResType;
import org.secc.exi.iso20.dc.DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.processingType;
import org.secc.exi.iso20.types.responseCodeType;

/**
 * After ScheduleExchangeRes Finished (DC) or DC_CableCheckRes Ongoing: DC_CableCheckReq
 * ([V2G20-1611], [V2G20-2003]); SessionStopReq too, since it is acceptable until the first
 * PowerDeliveryReq(Start) ([V2G20-2645]). The insulation test runs in ChargeControl at the
 * IEC 61851-23:2023 CC.1 test voltage; a fault answers FAILED and ends the session (Josev).
 */
public final class WaitCableCheck implements SessionState {

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (req instanceof SessionStopReqType stop) {
            return Stops.beforePower(stop, ctx);
        }
        if (!(req instanceof DC_CableCheckReqType)) {
            return Optional.empty();
        }
        IsolationResult r = ctx.charge.cableCheck(testVoltage(evMaxVoltage(ctx), ctx.charge.dcLimits().maxVoltage()));
        if (r == IsolationResult.ONGOING) {
            if (ctx.cableCheckSince < 0) {
                ctx.cableCheckSince = ctx.nowNanos;
            } else if (ctx.nowNanos - ctx.cableCheckSince > ctx.config.cableCheckCap().toNanos()) {
                // SECC ongoing budget spent (ISO 15118-20 timers, secc-app/README-session.md, "Timers"): FAILED before the EV's own 40 s timeout.
                ctx.charge.powerOffAndOpenContactors("cable check still ongoing after " + ctx.config.cableCheckCap().toSeconds() + " s");
                return Optional.of(new Step(new DC_CableCheckResType(ctx.header(), responseCodeType.FAILED, processingType.Finished), null,
                        List.of(new Action.SessionEnded("cable check timeout"), new Action.CloseConnection(Duration.ZERO))));
            }
        } else {
            ctx.cableCheckSince = -1;
        }
        return switch (r) {
            case ONGOING -> Optional.of(Step.to(new DC_CableCheckResType(ctx.header(), responseCodeType.OK, processingType.Ongoing), this));
            case PASSED -> Optional.of(Step.to(new DC_CableCheckResType(ctx.header(), responseCodeType.OK, processingType.Finished),
                    new WaitPreCharge()));
            case FAULT -> {
                ctx.charge.powerOffAndOpenContactors("cable check: insulation fault");
                yield Optional.of(new Step(new DC_CableCheckResType(ctx.header(), responseCodeType.FAILED, processingType.Finished), null,
                        List.of(new Action.SessionEnded("insulation fault"), new Action.CloseConnection(Duration.ZERO))));
            }
        };
    }

    /** IEC 61851-23:2023 CC.1: EV max ≤ 500 V → min(EV max + 50, 500, EVSE max); else min(1.1 × EV max, EVSE max). */
    public static double testVoltage(double evMax, double evseMax) {
        return evMax <= 500 ? Math.min(Math.min(evMax + 50, 500), evseMax) : Math.min(1.1 * evMax, evseMax);
    }

    static double evMaxVoltage(SessionContext ctx) {
        var g = ctx.evCpd.DC_CPDReqEnergyTransferModeGroup();
        if (g instanceof DC_CPDReqEnergyTransferModeGroup.BPT_DC_CPDReqEnergyTransferMode b) {
            return RationalNumbers.abs(b.value().EVMaximumVoltage());
        }
        return RationalNumbers.abs(((DC_CPDReqEnergyTransferModeGroup.DC_CPDReqEnergyTransferMode) g).value().EVMaximumVoltage());
    }

    @Override
    public String name() {
        return "WaitCableCheck";
    }
}
