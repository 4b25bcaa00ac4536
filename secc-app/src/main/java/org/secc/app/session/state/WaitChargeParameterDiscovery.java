package org.secc.app.session.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.secc.app.charge.AcLimits;
import org.secc.app.charge.DcLimits;
import org.secc.app.charge.EnergyTransfer;
import org.secc.app.session.RationalNumbers;
import org.secc.exi.iso20.ac.AC_CPDResEnergyTransferModeType;
import org.secc.exi.iso20.ac.AC_ChargeParameterDiscoveryReqType;
import org.secc.exi.iso20.ac.AC_ChargeParameterDiscoveryResType;
import org.secc.exi.iso20.ac.BPT_AC_CPDResEnergyTransferModeType;
import org.secc.app.session.Action;
import org.secc.app.session.ServiceOffer;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.dc.BPT_DC_CPDResEnergyTransferModeType;
import org.secc.exi.iso20.dc.DC_CPDResEnergyTransferModeType;
import org.secc.exi.iso20.dc.DC_ChargeParameterDiscoveryReqType;
import org.secc.exi.iso20.dc.DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup;
import org.secc.exi.iso20.dc.DC_ChargeParameterDiscoveryResType;
import org.secc.exi.iso20.dc.DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup;
import org.secc.exi.iso20.types.RationalNumberType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.responseCodeType;

import static org.secc.app.session.RationalNumbers.of;

/**
 * After ServiceSelectionRes (or a resume): DC_ or AC_ChargeParameterDiscoveryReq, or SessionStopReq. The response element must match the selected service: BPT element for DC_BPT,
 * plain DC element for DC; a mismatch or a BPT session on a stage without discharge limits is
 * FAILED_WrongChargeParameter (libiso).
 */
public final class WaitChargeParameterDiscovery implements SessionState {

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (req instanceof SessionStopReqType stop) {
            return Stops.beforePower(stop, ctx);
        }
        if (req instanceof AC_ChargeParameterDiscoveryReqType ac) {
            return acCpd(ac, ctx);
        }
        if (!(req instanceof DC_ChargeParameterDiscoveryReqType cpd)) {
            return Optional.empty();
        }
        DcLimits l = ctx.charge.dcLimits();
        boolean bptSession = ctx.selectedService == ServiceOffer.DC_BPT;
        boolean bptReq = cpd.DC_CPDReqEnergyTransferModeGroup() instanceof DC_CPDReqEnergyTransferModeGroup.BPT_DC_CPDReqEnergyTransferMode;
        boolean dcSession = !ctx.ac();
        if (!dcSession || bptReq != bptSession || (bptSession && !l.canDischarge())) {
            String why = "DC_ChargeParameterDiscoveryReq does not match service " + ctx.selectedService;
            ctx.charge.powerOffAndOpenContactors(why);
            return Optional.of(new Step(response(ctx, responseCodeType.FAILED_WrongChargeParameter, l, bptSession), null,
                    List.of(new Action.SessionEnded(why), new Action.CloseConnection(Duration.ZERO))));
        }
        ctx.evCpd = cpd;
        double evMaxCharge, evMaxDischarge = 0;
        if (cpd.DC_CPDReqEnergyTransferModeGroup() instanceof DC_CPDReqEnergyTransferModeGroup.BPT_DC_CPDReqEnergyTransferMode b) {
            evMaxCharge = RationalNumbers.abs(b.value().EVMaximumChargePower());
            evMaxDischarge = RationalNumbers.abs(b.value().EVMaximumDischargePower());
        } else {
            evMaxCharge = RationalNumbers.abs(((DC_CPDReqEnergyTransferModeGroup.DC_CPDReqEnergyTransferMode) cpd.DC_CPDReqEnergyTransferModeGroup())
                    .value().EVMaximumChargePower());
        }
        ctx.charge.energyTransferSelected(new EnergyTransfer(ctx.selectedService, ctx.dynamic(), evMaxCharge, evMaxDischarge, ctx.resumed));
        return Optional.of(Step.to(response(ctx, responseCodeType.OK, l, bptSession), new WaitScheduleExchange()));
    }

    /** AC and AC_BPT: the same matching rules as DC; EVSENominalFrequency is mandatory. */
    private static Optional<Step> acCpd(AC_ChargeParameterDiscoveryReqType cpd, SessionContext ctx) {
        AcLimits l = ctx.charge.acLimits();
        boolean bptSession = ctx.selectedService == ServiceOffer.AC_BPT;
        var g = cpd.AC_CPDReqEnergyTransferModeGroup();
        boolean bptReq = g instanceof AC_ChargeParameterDiscoveryReqType.AC_CPDReqEnergyTransferModeGroup.BPT_AC_CPDReqEnergyTransferMode;
        if (!ctx.ac() || bptReq != bptSession || (bptSession && !l.canDischarge())) {
            String why = "AC_ChargeParameterDiscoveryReq does not match service " + ctx.selectedService;
            ctx.charge.powerOffAndOpenContactors(why);
            return Optional.of(new Step(acResponse(ctx, responseCodeType.FAILED_WrongChargeParameter, l, bptSession), null,
                    List.of(new Action.SessionEnded(why), new Action.CloseConnection(Duration.ZERO))));
        }
        ctx.evAcCpd = cpd;
        double evMaxCharge, evMaxDischarge = 0;
        if (g instanceof AC_ChargeParameterDiscoveryReqType.AC_CPDReqEnergyTransferModeGroup.BPT_AC_CPDReqEnergyTransferMode b) {
            evMaxCharge = RationalNumbers.abs(b.value().EVMaximumChargePower());
            evMaxDischarge = RationalNumbers.abs(b.value().EVMaximumDischargePower());
        } else {
            evMaxCharge = RationalNumbers.abs(((AC_ChargeParameterDiscoveryReqType.AC_CPDReqEnergyTransferModeGroup.AC_CPDReqEnergyTransferMode) g)
                    .value().EVMaximumChargePower());
        }
        ctx.charge.energyTransferSelected(new EnergyTransfer(ctx.selectedService, ctx.dynamic(), evMaxCharge, evMaxDischarge, ctx.resumed));
        return Optional.of(Step.to(acResponse(ctx, responseCodeType.OK, l, bptSession), new WaitScheduleExchange()));
    }

    static AC_ChargeParameterDiscoveryResType acResponse(SessionContext ctx, responseCodeType code, AcLimits l, boolean bpt) {
        double s = ctx.config.negativeDischargeLimits() ? -1 : 1;
        AC_ChargeParameterDiscoveryResType.AC_CPDResEnergyTransferModeGroup g = bpt
                ? new AC_ChargeParameterDiscoveryResType.AC_CPDResEnergyTransferModeGroup.BPT_AC_CPDResEnergyTransferMode(
                        new BPT_AC_CPDResEnergyTransferModeType(of(l.maxChargePower()), null, null, of(l.minChargePower()), null, null,
                                of(l.nominalFrequencyHz()), null, null, null, null, null,
                                of(s * l.maxDischargePower()), null, null, of(s * l.minDischargePower()), null, null))
                : new AC_ChargeParameterDiscoveryResType.AC_CPDResEnergyTransferModeGroup.AC_CPDResEnergyTransferMode(
                        new AC_CPDResEnergyTransferModeType(of(l.maxChargePower()), null, null, of(l.minChargePower()), null, null,
                                of(l.nominalFrequencyHz()), null, null, null, null, null));
        return new AC_ChargeParameterDiscoveryResType(ctx.header(), code, g);
    }

    static DC_ChargeParameterDiscoveryResType response(SessionContext ctx, responseCodeType code, DcLimits l, boolean bpt) {
        DC_CPDResEnergyTransferModeGroup g;
        if (bpt) {
            double s = ctx.config.negativeDischargeLimits() ? -1 : 1;
            g = new DC_CPDResEnergyTransferModeGroup.BPT_DC_CPDResEnergyTransferMode(new BPT_DC_CPDResEnergyTransferModeType(
                    of(l.maxChargePower()), of(l.minChargePower()), of(l.maxChargeCurrent()), of(l.minChargeCurrent()),
                    of(l.maxVoltage()), of(l.minVoltage()), null,
                    of(s * l.maxDischargePower()), of(s * l.minDischargePower()),
                    of(s * l.maxDischargeCurrent()), of(s * l.minDischargeCurrent())));
        } else {
            g = new DC_CPDResEnergyTransferModeGroup.DC_CPDResEnergyTransferMode(new DC_CPDResEnergyTransferModeType(
                    of(l.maxChargePower()), of(l.minChargePower()), of(l.maxChargeCurrent()), of(l.minChargeCurrent()),
                    of(l.maxVoltage()), of(l.minVoltage()), null));
        }
        return new DC_ChargeParameterDiscoveryResType(ctx.header(), code, g);
    }

    static RationalNumberType zero() {
        return new RationalNumberType(0, 0);
    }

    @Override
    public String name() {
        return "WaitChargeParameterDiscovery";
    }
}
