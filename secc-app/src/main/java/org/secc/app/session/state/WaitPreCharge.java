package org.secc.app.session.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.secc.app.session.Action;
import org.secc.app.session.RationalNumbers;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.dc.DC_PreChargeReqType;
import org.secc.exi.iso20.dc.DC_PreChargeResType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.processingType;
import org.secc.exi.iso20.types.responseCodeType;

/**
 * After DC_CableCheckRes Finished or DC_PreChargeRes to EVProcessing = Ongoing: DC_PreChargeReq
 * ([V2G20-2004/2005]; after Ongoing nothing else, EVerest #2305). SessionStopReq is acceptable until
 * PowerDelivery(Start) ([V2G20-2645]). A target above the EVSE maximum voltage → FAILED.
 */
public final class WaitPreCharge implements SessionState {

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (req instanceof SessionStopReqType stop) {
            return Stops.beforePower(stop, ctx);
        }
        if (!(req instanceof DC_PreChargeReqType pc)) {
            return Optional.empty();
        }
        double target = RationalNumbers.toDouble(pc.EVTargetVoltage());
        if (!(target >= 0 && target <= org.secc.app.charge.LoopRequest.MAX_PLAUSIBLE_V)) {
            // Negative, infinite or beyond any vehicle: never a setpoint (FAILED_WrongChargeParameter).
            String why = "non-physical precharge target " + target + " V";
            ctx.charge.powerOffAndOpenContactors(why);
            return Optional.of(new Step(new DC_PreChargeResType(ctx.header(), responseCodeType.FAILED_WrongChargeParameter,
                    RationalNumbers.of(0)), null, List.of(new Action.SessionEnded(why), new Action.CloseConnection(Duration.ZERO))));
        }
        if (target > ctx.charge.dcLimits().maxVoltage()) {
            String why = "precharge target " + target + " V above EVSE maximum";
            ctx.charge.powerOffAndOpenContactors(why);
            return Optional.of(new Step(new DC_PreChargeResType(ctx.header(), responseCodeType.FAILED, RationalNumbers.of(0)), null,
                    List.of(new Action.SessionEnded(why), new Action.CloseConnection(Duration.ZERO))));
        }
        // The EV's own maximum (DC_ChargeParameterDiscoveryReq) caps the target as well.
        if (ctx.evCpd != null) {
            target = Math.min(target, WaitCableCheck.evMaxVoltage(ctx));
        }
        double present = ctx.charge.preCharge(target);
        SessionState next = pc.EVProcessing() == processingType.Finished ? new WaitPowerDelivery() : this;
        return Optional.of(Step.to(new DC_PreChargeResType(ctx.header(), responseCodeType.OK, RationalNumbers.of(present)), next));
    }

    @Override
    public String name() {
        return "WaitPreCharge";
    }
}
