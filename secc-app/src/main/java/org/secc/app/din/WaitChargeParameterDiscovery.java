package org.secc.app.din;

import java.util.Optional;

import org.secc.app.charge.EnergyTransfer;
import org.secc.app.din.DinValues.BadValue;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.ChargeParameterDiscoveryReqType;
import org.secc.exi.din.body.ChargeParameterDiscoveryResType;
import org.secc.exi.din.types.DC_EVChargeParameterType;
import org.secc.exi.din.types.DC_EVSEStatusCodeType;
import org.secc.exi.din.types.EVRequestedEnergyTransferType;
import org.secc.exi.din.types.EVSEProcessingType;
import org.secc.exi.din.types.isolationLevelType;
import org.secc.exi.din.types.responseCodeType;
import org.secc.exi.din.types.unitSymbolType;

/**
 * After ContractAuthenticationRes Finished: ChargeParameterDiscoveryReq or SessionStopReq
 * ([V2G-DC-453]). A requested transfer other than DC_core/DC_extended is
 * FAILED_WrongEnergyTransferType ([V2G-DC-397]); AC parameters, a wrong Unit, negative limits or an
 * EV maximum voltage below the charger's minimum are FAILED_WrongChargeParameter ([V2G-DC-398]). The
 * response always carries the SAScheduleList and DC_EVSEChargeParameter (mandatory in DIN).
 */
final class WaitChargeParameterDiscovery implements DinState {

    @Override
    public Optional<DinStep> handle(BodyElementGroup req, DinContext ctx) {
        if (req instanceof BodyElementGroup.SessionStopReq) {
            return DinStops.stop(ctx);
        }
        if (!(req instanceof BodyElementGroup.ChargeParameterDiscoveryReq cpd)) {
            return Optional.empty();
        }
        ChargeParameterDiscoveryReqType r = cpd.value();
        if (r.EVRequestedEnergyTransferType() != EVRequestedEnergyTransferType.DC_extended
                && r.EVRequestedEnergyTransferType() != EVRequestedEnergyTransferType.DC_core) {
            return DinStops.failed(req, responseCodeType.FAILED_WrongEnergyTransferType,
                    "requested " + r.EVRequestedEnergyTransferType().literal() + ", offered DC_extended", ctx);
        }
        if (!(r.EVChargeParameterGroup() instanceof ChargeParameterDiscoveryReqType.EVChargeParameterGroup.DC_EVChargeParameter dc)) {
            return DinStops.failed(req, responseCodeType.FAILED_WrongChargeParameter, "AC_EVChargeParameter in a DC session", ctx);
        }
        DC_EVChargeParameterType p = dc.value();
        try {
            ctx.evMaxCurrentA = DinValues.magnitude(p.EVMaximumCurrentLimit(), unitSymbolType.A, "EVMaximumCurrentLimit");
            ctx.evMaxVoltageV = DinValues.magnitude(p.EVMaximumVoltageLimit(), unitSymbolType.V, "EVMaximumVoltageLimit");
            ctx.evMaxPowerW = DinValues.optional(p.EVMaximumPowerLimit(), unitSymbolType.W, "EVMaximumPowerLimit");
            DinValues.optional(p.EVEnergyCapacity(), unitSymbolType.Wh, "EVEnergyCapacity");
            DinValues.optional(p.EVEnergyRequest(), unitSymbolType.Wh, "EVEnergyRequest");
        } catch (BadValue e) {
            return DinStops.failed(req, responseCodeType.FAILED_WrongChargeParameter, e.getMessage(), ctx);
        }
        if (ctx.evMaxVoltageV < ctx.charge.dcLimits().minVoltage()) {
            return DinStops.failed(req, responseCodeType.FAILED_WrongChargeParameter, "EV maximum voltage " + ctx.evMaxVoltageV
                    + " V below the charger's minimum " + ctx.charge.dcLimits().minVoltage() + " V", ctx);
        }
        double evPower = Double.isNaN(ctx.evMaxPowerW) ? ctx.evMaxCurrentA * ctx.evMaxVoltageV : ctx.evMaxPowerW;
        ctx.charge.energyTransferSelected(new EnergyTransfer(2, false, evPower, 0, false));
        var status = ctx.status(isolationLevelType.Invalid, DC_EVSEStatusCodeType.EVSE_Ready);
        return Optional.of(DinStep.to(new BodyElementGroup.ChargeParameterDiscoveryRes(new ChargeParameterDiscoveryResType(
                responseCodeType.OK, EVSEProcessingType.Finished,
                new ChargeParameterDiscoveryResType.SASchedulesGroup.SAScheduleList(ctx.schedule()),
                new ChargeParameterDiscoveryResType.EVSEChargeParameterGroup.DC_EVSEChargeParameter(ctx.chargeParameter(status)))),
                new WaitCableCheck()));
    }

    @Override
    public String name() {
        return "DinWaitChargeParameterDiscovery";
    }
}
