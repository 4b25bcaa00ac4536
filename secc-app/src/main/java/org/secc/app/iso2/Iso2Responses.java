package org.secc.app.iso2;

import java.util.List;
import java.util.Optional;

import org.secc.exi.iso2.body.AuthorizationResType;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.body.CableCheckResType;
import org.secc.exi.iso2.body.ChargeParameterDiscoveryResType;
import org.secc.exi.iso2.body.ChargingStatusResType;
import org.secc.exi.iso2.body.CurrentDemandResType;
import org.secc.exi.iso2.body.PaymentServiceSelectionResType;
import org.secc.exi.iso2.body.PowerDeliveryResType;
import org.secc.exi.iso2.body.PreChargeResType;
import org.secc.exi.iso2.body.ServiceDetailResType;
import org.secc.exi.iso2.body.ServiceDiscoveryResType;
import org.secc.exi.iso2.body.SessionSetupResType;
import org.secc.exi.iso2.body.SessionStopResType;
import org.secc.exi.iso2.body.WeldingDetectionResType;
import org.secc.exi.iso2.types.AC_EVSEChargeParameterType;
import org.secc.exi.iso2.types.AC_EVSEStatusType;
import org.secc.exi.iso2.types.ChargeServiceType;
import org.secc.exi.iso2.types.DC_EVSEStatusCodeType;
import org.secc.exi.iso2.types.DC_EVSEStatusType;
import org.secc.exi.iso2.types.EVSENotificationType;
import org.secc.exi.iso2.types.EVSEProcessingType;
import org.secc.exi.iso2.types.EnergyTransferModeType;
import org.secc.exi.iso2.types.PaymentOptionListType;
import org.secc.exi.iso2.types.SupportedEnergyTransferModeType;
import org.secc.exi.iso2.types.isolationLevelType;
import org.secc.exi.iso2.types.paymentOptionType;
import org.secc.exi.iso2.types.responseCodeType;
import org.secc.exi.iso2.types.serviceCategoryType;
import org.secc.exi.iso2.types.unitSymbolType;

/**
 * Responses that end a -2 session: the response type matching the request with a FAILED code and
 * minimal schema-valid content ([V2G2-538/539/736]). Plug & Charge is not offered, so its requests
 * (PaymentDetails, Certificate*) and MeteringReceipt (no receipt without PnC, [V2G2-691]) have no
 * answer: the session ends without a response.
 */
public final class Iso2Responses {

    private Iso2Responses() {
    }

    static DC_EVSEStatusType shutdown() {
        return new DC_EVSEStatusType(0, EVSENotificationType.StopCharging, isolationLevelType.Invalid, DC_EVSEStatusCodeType.EVSE_Shutdown);
    }

    /** The charge service: ServiceID 1, EVCharging, not free, the offered modes ([V2G2-417]; DC_extended and/or AC). */
    static ChargeServiceType chargeService(Iso2Context ctx) {
        List<EnergyTransferModeType> modes = ctx.offeredModes();
        return new ChargeServiceType(Iso2Context.CHARGE_SERVICE_ID, null, serviceCategoryType.EVCharging, null, false,
                new SupportedEnergyTransferModeType(modes.isEmpty() ? List.of(EnergyTransferModeType.DC_extended) : modes));
    }

    /** A FAILED AC_EVSEStatus: StopCharging. */
    static AC_EVSEStatusType acShutdown() {
        return new AC_EVSEStatusType(0, EVSENotificationType.StopCharging, false);
    }

    /** ExternalPayment only: Plug & Charge is not offered (Contract needs TLS and the PKI). */
    static PaymentOptionListType paymentOptions() {
        return new PaymentOptionListType(List.of(paymentOptionType.ExternalPayment));
    }

    public static Optional<BodyElementGroup> failed(BodyElementGroup req, responseCodeType code, Iso2Context ctx) {
        var zeroV = Iso2Values.of(0, unitSymbolType.V);
        var zeroA = Iso2Values.of(0, unitSymbolType.A);
        BodyElementGroup res = null;
        if (req instanceof BodyElementGroup.SessionSetupReq) {
            res = new BodyElementGroup.SessionSetupRes(new SessionSetupResType(code, ctx.config.evseId(), null));
        } else if (req instanceof BodyElementGroup.ServiceDiscoveryReq) {
            res = new BodyElementGroup.ServiceDiscoveryRes(new ServiceDiscoveryResType(code, paymentOptions(), chargeService(ctx), null));
        } else if (req instanceof BodyElementGroup.ServiceDetailReq sd) {
            res = new BodyElementGroup.ServiceDetailRes(new ServiceDetailResType(code, sd.value().ServiceID(), null));
        } else if (req instanceof BodyElementGroup.PaymentServiceSelectionReq) {
            res = new BodyElementGroup.PaymentServiceSelectionRes(new PaymentServiceSelectionResType(code));
        } else if (req instanceof BodyElementGroup.AuthorizationReq) {
            res = new BodyElementGroup.AuthorizationRes(new AuthorizationResType(code, EVSEProcessingType.Finished));
        } else if (req instanceof BodyElementGroup.ChargeParameterDiscoveryReq cpd) {
            // the parameter type of the request's energy transfer mode (AC or DC)
            boolean ac = cpd.value().RequestedEnergyTransferMode().literal().startsWith("AC");
            res = new BodyElementGroup.ChargeParameterDiscoveryRes(new ChargeParameterDiscoveryResType(code, EVSEProcessingType.Finished, null,
                    ac ? new ChargeParameterDiscoveryResType.EVSEChargeParameterGroup.AC_EVSEChargeParameter(new AC_EVSEChargeParameterType(
                            acShutdown(), Iso2Values.of(ctx.charge.acLimits().nominalVoltageV(), unitSymbolType.V), zeroA))
                            : new ChargeParameterDiscoveryResType.EVSEChargeParameterGroup.DC_EVSEChargeParameter(ctx.chargeParameter(shutdown()))));
        } else if (req instanceof BodyElementGroup.CableCheckReq) {
            res = new BodyElementGroup.CableCheckRes(new CableCheckResType(code, shutdown(), EVSEProcessingType.Finished));
        } else if (req instanceof BodyElementGroup.PreChargeReq) {
            res = new BodyElementGroup.PreChargeRes(new PreChargeResType(code, shutdown(), zeroV));
        } else if (req instanceof BodyElementGroup.PowerDeliveryReq) {
            res = new BodyElementGroup.PowerDeliveryRes(new PowerDeliveryResType(code, ctx.ac()
                    ? new PowerDeliveryResType.EVSEStatusGroup.AC_EVSEStatus(acShutdown())
                    : new PowerDeliveryResType.EVSEStatusGroup.DC_EVSEStatus(shutdown())));
        } else if (req instanceof BodyElementGroup.ChargingStatusReq) {
            // ReceiptRequired is always present in ChargingStatusRes ([V2G2-691]: false with EIM)
            res = new BodyElementGroup.ChargingStatusRes(new ChargingStatusResType(code, ctx.config.evseId(), Iso2Context.SA_SCHEDULE_TUPLE_ID,
                    null, null, false, acShutdown()));
        } else if (req instanceof BodyElementGroup.CurrentDemandReq) {
            res = new BodyElementGroup.CurrentDemandRes(new CurrentDemandResType(code, shutdown(), zeroV, zeroA, false, false, false, null, null,
                    null, ctx.config.evseId(), Iso2Context.SA_SCHEDULE_TUPLE_ID, null, null));
        } else if (req instanceof BodyElementGroup.WeldingDetectionReq) {
            res = new BodyElementGroup.WeldingDetectionRes(new WeldingDetectionResType(code, shutdown(), zeroV));
        } else if (req instanceof BodyElementGroup.SessionStopReq) {
            res = new BodyElementGroup.SessionStopRes(new SessionStopResType(code));
        }
        return Optional.ofNullable(res);
    }

    public static boolean isRequest(BodyElementGroup b) {
        return b.getClass().getSimpleName().endsWith("Req");
    }
}
