package org.secc.app.din;

import java.util.Optional;

import org.secc.app.charge.ChargeControl.IsolationResult;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.CableCheckResType;
import org.secc.exi.din.types.DC_EVSEStatusCodeType;
import org.secc.exi.din.types.EVSEProcessingType;
import org.secc.exi.din.types.isolationLevelType;
import org.secc.exi.din.types.responseCodeType;

/**
 * After ChargeParameterDiscoveryRes: CableCheckReq (repeated while Ongoing) or SessionStopReq
 * ([V2G-DC-455]). While the insulation test runs: Ongoing, isolation Invalid,
 * EVSE_IsolationMonitoringActive; passed: Finished, Valid, EVSE_Ready ([V2G-DC-418/499]; what ABB and
 * Alpitronic send). The test voltage follows IEC 61851-23:2023 CC.1 as in -20. Still Ongoing after
 * {@code session.cable_check_cap_s} (below the EV's 40 s) or a fault: FAILED.
 */
final class WaitCableCheck implements DinState {

    @Override
    public Optional<DinStep> handle(BodyElementGroup req, DinContext ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq) {
            return DinStops.stop(ctx);
        }
        if (!(req instanceof BodyElementGroup.CableCheckReq)) {
            return Optional.empty();
        }
        double testV = org.secc.app.session.state.WaitCableCheck.testVoltage(ctx.evMaxVoltageV, ctx.charge.dcLimits().maxVoltage());
        IsolationResult r = ctx.charge.cableCheck(testV);
        if (r == IsolationResult.FAULT) {
            return DinStops.failed(req, responseCodeType.FAILED, "cable check: insulation fault", ctx);
        }
        if (r == IsolationResult.ONGOING) {
            if (ctx.cableCheckSince < 0) {
                ctx.cableCheckSince = ctx.nowNanos;
            } else if (ctx.nowNanos - ctx.cableCheckSince > ctx.config.cableCheckCap().toNanos()) {
                return DinStops.failed(req, responseCodeType.FAILED, "cable check still ongoing after "
                        + ctx.config.cableCheckCap().toSeconds() + " s", ctx);
            }
            return Optional.of(DinStep.to(new BodyElementGroup.CableCheckRes(new CableCheckResType(responseCodeType.OK,
                    ctx.status(isolationLevelType.Invalid, DC_EVSEStatusCodeType.EVSE_IsolationMonitoringActive), EVSEProcessingType.Ongoing)),
                    this));
        }
        ctx.cableCheckSince = -1;
        return Optional.of(DinStep.to(new BodyElementGroup.CableCheckRes(new CableCheckResType(responseCodeType.OK,
                ctx.status(isolationLevelType.Valid, DC_EVSEStatusCodeType.EVSE_Ready), EVSEProcessingType.Finished)),
                new WaitPreCharge(false)));
    }

    @Override
    public String name() {
        return "DinWaitCableCheck";
    }
}
