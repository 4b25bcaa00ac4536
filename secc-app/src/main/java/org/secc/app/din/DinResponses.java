package org.secc.app.din;

import java.util.List;
import java.util.Optional;

import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.body.CableCheckResType;
import org.secc.exi.din.body.ChargeParameterDiscoveryResType;
import org.secc.exi.din.body.ContractAuthenticationResType;
import org.secc.exi.din.body.CurrentDemandResType;
import org.secc.exi.din.body.PowerDeliveryResType;
import org.secc.exi.din.body.PreChargeResType;
import org.secc.exi.din.body.ServiceDiscoveryResType;
import org.secc.exi.din.body.ServicePaymentSelectionResType;
import org.secc.exi.din.body.SessionSetupResType;
import org.secc.exi.din.body.SessionStopResType;
import org.secc.exi.din.body.WeldingDetectionResType;
import org.secc.exi.din.types.DC_EVSEStatusCodeType;
import org.secc.exi.din.types.DC_EVSEStatusType;
import org.secc.exi.din.types.EVSENotificationType;
import org.secc.exi.din.types.EVSEProcessingType;
import org.secc.exi.din.types.EVSESupportedEnergyTransferType;
import org.secc.exi.din.types.PaymentOptionsType;
import org.secc.exi.din.types.ServiceChargeType;
import org.secc.exi.din.types.ServiceTagType;
import org.secc.exi.din.types.isolationLevelType;
import org.secc.exi.din.types.paymentOptionType;
import org.secc.exi.din.types.responseCodeType;
import org.secc.exi.din.types.serviceCategoryType;
import org.secc.exi.din.types.unitSymbolType;

/**
 * Responses that end a DIN session: the response type matching the request with a FAILED code and
 * minimal schema-valid content ([V2G-DC-390]; Josev builds them the same way). Requests DIN does not
 * use (ServiceDetail, PaymentDetails, Certificate*, ChargingStatus, MeteringReceipt) have no
 * answer: the session ends without a response, as EVerest does not answer them either.
 */
public final class DinResponses {

    private DinResponses() {
    }

    static DC_EVSEStatusType shutdown() {
        return new DC_EVSEStatusType(isolationLevelType.Invalid, DC_EVSEStatusCodeType.EVSE_Shutdown, 0, EVSENotificationType.None);
    }

    /** ServiceDiscoveryRes content: ExternalPayment only ([V2G-DC-252]), ServiceID 1 without name or scope ([V2G-DC-628/629]). */
    static ServiceChargeType chargeService() {
        return new ServiceChargeType(new ServiceTagType(DinContext.CHARGE_SERVICE_ID, null, serviceCategoryType.EVCharging, null), false,
                EVSESupportedEnergyTransferType.DC_extended);
    }

    static PaymentOptionsType paymentOptions() {
        return new PaymentOptionsType(List.of(paymentOptionType.ExternalPayment));
    }

    /** The FAILED response matching the request, or empty for requests DIN does not use. */
    public static Optional<BodyElementGroup> failed(BodyElementGroup req, responseCodeType code, DinContext ctx) {
        var zeroV = DinValues.of(0, unitSymbolType.V);
        var zeroA = DinValues.of(0, unitSymbolType.A);
        BodyElementGroup res = null;
        if (req instanceof BodyElementGroup.SessionSetupReq) {
            res = new BodyElementGroup.SessionSetupRes(
                    new SessionSetupResType(code, DinValues.evseId(ctx.config.evseId()), null));
        } else if (req instanceof BodyElementGroup.ServiceDiscoveryReq) {
            res = new BodyElementGroup.ServiceDiscoveryRes(
                    new ServiceDiscoveryResType(code, paymentOptions(), chargeService(), null));
        } else if (req instanceof BodyElementGroup.ServicePaymentSelectionReq) {
            res = new BodyElementGroup.ServicePaymentSelectionRes(
                    new ServicePaymentSelectionResType(code));
        } else if (req instanceof BodyElementGroup.ContractAuthenticationReq) {
            res = new BodyElementGroup.ContractAuthenticationRes(
                    new ContractAuthenticationResType(code, EVSEProcessingType.Finished));
        } else if (req instanceof BodyElementGroup.ChargeParameterDiscoveryReq) {
            res = new BodyElementGroup.ChargeParameterDiscoveryRes(
                    new ChargeParameterDiscoveryResType(code, EVSEProcessingType.Finished,
                            new ChargeParameterDiscoveryResType.SASchedulesGroup.SAScheduleList(ctx.schedule()),
                            new ChargeParameterDiscoveryResType.EVSEChargeParameterGroup.DC_EVSEChargeParameter(
                                    ctx.chargeParameter(shutdown()))));
        } else if (req instanceof BodyElementGroup.CableCheckReq) {
            res = new BodyElementGroup.CableCheckRes(
                    new CableCheckResType(code, shutdown(), EVSEProcessingType.Finished));
        } else if (req instanceof BodyElementGroup.PreChargeReq) {
            res = new BodyElementGroup.PreChargeRes(new PreChargeResType(code, shutdown(), zeroV));
        } else if (req instanceof BodyElementGroup.PowerDeliveryReq) {
            res = new BodyElementGroup.PowerDeliveryRes(
                    new PowerDeliveryResType(code, new PowerDeliveryResType.EVSEStatusGroup.DC_EVSEStatus(shutdown())));
        } else if (req instanceof BodyElementGroup.CurrentDemandReq) {
            res = new BodyElementGroup.CurrentDemandRes(
                    new CurrentDemandResType(code, shutdown(), zeroV, zeroA, false, false, false, null, null, null));
        } else if (req instanceof BodyElementGroup.WeldingDetectionReq) {
            res = new BodyElementGroup.WeldingDetectionRes(
                    new WeldingDetectionResType(code, shutdown(), zeroV));
        } else if (req instanceof BodyElementGroup.SessionStopReq) {
            res = new BodyElementGroup.SessionStopRes(new SessionStopResType(code));
        }
        return Optional.ofNullable(res);
    }

    /** True for the request elements of the DIN body (the EV must never send a response element). */
    public static boolean isRequest(BodyElementGroup b) {
        return b.getClass().getSimpleName().endsWith("Req");
    }
}
