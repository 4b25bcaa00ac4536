package org.secc.app.iso2;

import java.util.Optional;

import org.secc.app.charge.EnergyTransfer;
import org.secc.app.din.DinValues.BadValue;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.ChargeParameterDiscoveryReqType;
import org.secc.exi.iso2.body.ChargeParameterDiscoveryResType;
import org.secc.exi.iso2.types.AC_EVChargeParameterType;
import org.secc.exi.iso2.types.DC_EVChargeParameterType;
import org.secc.exi.iso2.types.DC_EVSEStatusCodeType;
import org.secc.exi.iso2.types.EVSEProcessingType;
import org.secc.exi.iso2.types.isolationLevelType;
import org.secc.exi.iso2.types.responseCodeType;
import org.secc.exi.iso2.types.unitSymbolType;

/**
 * After AuthorizationRes Finished: ChargeParameterDiscoveryReq or SessionStopReq. A mode not offered
 * → FAILED_WrongEnergyTransferMode ([V2G2-476]); the request's mode makes the session DC or AC. DC:
 * AC parameters, a wrong Unit, negative limits or an EV maximum voltage below the charger's minimum →
 * FAILED_WrongChargeParameter ([V2G2-477]); Finished carries the SAScheduleList and the
 * DC_EVSEChargeParameter, next the cable check. AC: see {@link #ac}; next PowerDelivery.
 */
final class WaitChargeParameterDiscovery implements Iso2State {

    @Override
    public Optional<Iso2Step> handle(BodyElementGroup req, Iso2Context ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq s) {
            return Iso2Stops.stop(s.value(), ctx, false);
        }
        if (!(req instanceof BodyElementGroup.ChargeParameterDiscoveryReq cpd)) {
            return Optional.empty();
        }
        ChargeParameterDiscoveryReqType r = cpd.value();
        if (!ctx.offeredModes().contains(r.RequestedEnergyTransferMode())) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_WrongEnergyTransferMode,
                    "requested " + r.RequestedEnergyTransferMode().literal() + ", offered " + ctx.offeredModes(), ctx);
        }
        ctx.mode = r.RequestedEnergyTransferMode();
        if (ctx.ac()) {
            return ac(req, r, ctx);
        }
        if (!(r.EVChargeParameterGroup() instanceof ChargeParameterDiscoveryReqType.EVChargeParameterGroup.DC_EVChargeParameter dc)) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_WrongChargeParameter, "no DC_EVChargeParameter in a DC session", ctx);
        }
        DC_EVChargeParameterType p = dc.value();
        try {
            ctx.evMaxCurrentA = Iso2Values.magnitude(p.EVMaximumCurrentLimit(), unitSymbolType.A, "EVMaximumCurrentLimit");
            ctx.evMaxVoltageV = Iso2Values.magnitude(p.EVMaximumVoltageLimit(), unitSymbolType.V, "EVMaximumVoltageLimit");
            ctx.evMaxPowerW = Iso2Values.optional(p.EVMaximumPowerLimit(), unitSymbolType.W, "EVMaximumPowerLimit");
            Iso2Values.optional(p.EVEnergyCapacity(), unitSymbolType.Wh, "EVEnergyCapacity");
            Iso2Values.optional(p.EVEnergyRequest(), unitSymbolType.Wh, "EVEnergyRequest");
        } catch (BadValue e) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_WrongChargeParameter, e.getMessage(), ctx);
        }
        if (ctx.evMaxVoltageV < ctx.charge.dcLimits().minVoltage()) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_WrongChargeParameter, "EV maximum voltage " + ctx.evMaxVoltageV
                    + " V below the charger's minimum " + ctx.charge.dcLimits().minVoltage() + " V", ctx);
        }
        double evPower = Double.isNaN(ctx.evMaxPowerW) ? ctx.evMaxCurrentA * ctx.evMaxVoltageV : ctx.evMaxPowerW;
        ctx.charge.energyTransferSelected(new EnergyTransfer(2, false, evPower, 0, false));
        var status = ctx.status(isolationLevelType.Invalid, DC_EVSEStatusCodeType.EVSE_Ready);
        return Optional.of(Iso2Step.to(new BodyElementGroup.ChargeParameterDiscoveryRes(new ChargeParameterDiscoveryResType(
                responseCodeType.OK, EVSEProcessingType.Finished,
                new ChargeParameterDiscoveryResType.SASchedulesGroup.SAScheduleList(ctx.schedule()),
                new ChargeParameterDiscoveryResType.EVSEChargeParameterGroup.DC_EVSEChargeParameter(ctx.chargeParameter(status)))),
                new WaitCableCheck()));
    }

    /**
     * AC: AC_EVChargeParameter required ([V2G2-477]); EAmount, EVMaxVoltage, EVMaxCurrent, EVMinCurrent
     * in their units and not negative, EVMinCurrent not above EVMaxCurrent and EVMaxVoltage not below
     * the nominal voltage, else FAILED_WrongChargeParameter. Finished with the SAScheduleList (PMax =
     * the AC limit in W over 24 h) and AC_EVSEChargeParameter (EVSENominalVoltage, EVSEMaxCurrent per
     * phase).
     */
    private static Optional<Iso2Step> ac(BodyElementGroup req, ChargeParameterDiscoveryReqType r, Iso2Context ctx) {
        if (!(r.EVChargeParameterGroup() instanceof ChargeParameterDiscoveryReqType.EVChargeParameterGroup.AC_EVChargeParameter acp)) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_WrongChargeParameter, "no AC_EVChargeParameter in an AC session", ctx);
        }
        AC_EVChargeParameterType p = acp.value();
        double maxV;
        try {
            Iso2Values.magnitude(p.EAmount(), unitSymbolType.Wh, "EAmount");
            maxV = Iso2Values.magnitude(p.EVMaxVoltage(), unitSymbolType.V, "EVMaxVoltage");
            ctx.evMaxAcCurrentA = Iso2Values.magnitude(p.EVMaxCurrent(), unitSymbolType.A, "EVMaxCurrent");
            ctx.evMinAcCurrentA = Iso2Values.magnitude(p.EVMinCurrent(), unitSymbolType.A, "EVMinCurrent");
        } catch (BadValue e) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_WrongChargeParameter, e.getMessage(), ctx);
        }
        if (ctx.evMinAcCurrentA > ctx.evMaxAcCurrentA) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_WrongChargeParameter,
                    "EVMinCurrent " + ctx.evMinAcCurrentA + " A above EVMaxCurrent " + ctx.evMaxAcCurrentA + " A", ctx);
        }
        double nominal = ctx.charge.acLimits().nominalVoltageV();
        if (maxV < nominal) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_WrongChargeParameter,
                    "EVMaxVoltage " + maxV + " V below the nominal voltage " + nominal + " V", ctx);
        }
        double evPower = ctx.evMaxAcCurrentA * nominal * ctx.charge.acLimits().phases();
        ctx.charge.energyTransferSelected(new EnergyTransfer(1, false, evPower, 0, false));
        return Optional.of(Iso2Step.to(new BodyElementGroup.ChargeParameterDiscoveryRes(new ChargeParameterDiscoveryResType(
                responseCodeType.OK, EVSEProcessingType.Finished,
                new ChargeParameterDiscoveryResType.SASchedulesGroup.SAScheduleList(ctx.schedule()),
                new ChargeParameterDiscoveryResType.EVSEChargeParameterGroup.AC_EVSEChargeParameter(ctx.acChargeParameter()))),
                new AcWaitPowerDelivery()));
    }

    @Override
    public String name() {
        return "Iso2WaitChargeParameterDiscovery";
    }
}
