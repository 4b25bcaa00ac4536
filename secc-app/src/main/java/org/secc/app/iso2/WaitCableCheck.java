package org.secc.app.iso2;

import java.util.Optional;

import org.secc.app.charge.ChargeControl.IsolationResult;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.CableCheckResType;
import org.secc.exi.iso2.types.DC_EVSEStatusCodeType;
import org.secc.exi.iso2.types.EVSEProcessingType;
import org.secc.exi.iso2.types.isolationLevelType;
import org.secc.exi.iso2.types.responseCodeType;

/**
 * After ChargeParameterDiscoveryRes: CableCheckReq (repeated while Ongoing) or SessionStopReq. As
 * DIN: the insulation test at the IEC 61851-23 CC.1 voltage; Ongoing with isolation Invalid and
 * EVSE_IsolationMonitoringActive, Finished with Valid and EVSE_Ready; a fault or still Ongoing after
 * {@code session.cable_check_cap_s} → FAILED.
 */
final class WaitCableCheck implements Iso2State {

    @Override
    public Optional<Iso2Step> handle(BodyElementGroup req, Iso2Context ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq s) {
            return Iso2Stops.stop(s.value(), ctx, false);
        }
        if (!(req instanceof BodyElementGroup.CableCheckReq)) {
            return Optional.empty();
        }
        double testV = org.secc.app.session.state.WaitCableCheck.testVoltage(ctx.evMaxVoltageV, ctx.charge.dcLimits().maxVoltage());
        IsolationResult r = ctx.charge.cableCheck(testV);
        if (r == IsolationResult.FAULT) {
            return Iso2Stops.failed(req, responseCodeType.FAILED, "cable check: insulation fault", ctx);
        }
        if (r == IsolationResult.ONGOING) {
            if (ctx.cableCheckSince < 0) {
                ctx.cableCheckSince = ctx.nowNanos;
            } else if (ctx.nowNanos - ctx.cableCheckSince > ctx.config.cableCheckCap().toNanos()) {
                return Iso2Stops.failed(req, responseCodeType.FAILED, "cable check still ongoing after "
                        + ctx.config.cableCheckCap().toSeconds() + " s", ctx);
            }
            return Optional.of(Iso2Step.to(new BodyElementGroup.CableCheckRes(new CableCheckResType(responseCodeType.OK,
                    ctx.status(isolationLevelType.Invalid, DC_EVSEStatusCodeType.EVSE_IsolationMonitoringActive), EVSEProcessingType.Ongoing)),
                    this));
        }
        ctx.cableCheckSince = -1;
        return Optional.of(Iso2Step.to(new BodyElementGroup.CableCheckRes(new CableCheckResType(responseCodeType.OK,
                ctx.status(isolationLevelType.Valid, DC_EVSEStatusCodeType.EVSE_Ready), EVSEProcessingType.Finished)),
                new WaitPreCharge(false)));
    }

    @Override
    public String name() {
        return "Iso2WaitCableCheck";
    }
}
