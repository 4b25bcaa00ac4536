package org.secc.app.iso2;

import java.util.Optional;

import org.secc.app.charge.EnergyTransfer;
import org.secc.app.din.DinValues.BadValue;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.ChargeParameterDiscoveryReqType;
import org.secc.exi.iso2.body.ChargeParameterDiscoveryResType;
import org.secc.exi.iso2.types.DC_EVChargeParameterType;
import org.secc.exi.iso2.types.DC_EVSEStatusCodeType;
import org.secc.exi.iso2.types.EVSEProcessingType;
import org.secc.exi.iso2.types.EnergyTransferModeType;
import org.secc.exi.iso2.types.isolationLevelType;
import org.secc.exi.iso2.types.responseCodeType;
import org.secc.exi.iso2.types.unitSymbolType;

/**
 * After AuthorizationRes Finished: ChargeParameterDiscoveryReq or SessionStopReq. A mode other than
 * DC_extended → FAILED_WrongEnergyTransferMode ([V2G2-476]); AC parameters in this DC session, a
 * wrong Unit, negative limits or an EV maximum voltage below the charger's minimum →
 * FAILED_WrongChargeParameter ([V2G2-477]). Finished carries the SAScheduleList and the DC_EVSEChargeParameter.
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
        if (r.RequestedEnergyTransferMode() != EnergyTransferModeType.DC_extended) {
            return Iso2Stops.failed(req, responseCodeType.FAILED_WrongEnergyTransferMode,
                    "requested " + r.RequestedEnergyTransferMode().literal() + ", offered DC_extended", ctx);
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

    @Override
    public String name() {
        return "Iso2WaitChargeParameterDiscovery";
    }
}
