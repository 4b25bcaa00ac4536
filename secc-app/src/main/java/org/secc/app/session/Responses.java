package org.secc.app.session;

import java.util.List;
import java.util.Optional;

import org.secc.exi.iso20.common.AuthorizationReqType;
import org.secc.exi.iso20.common.AuthorizationResType;
import org.secc.exi.iso20.common.AuthorizationSetupReqType;
import org.secc.exi.iso20.common.AuthorizationSetupResType;
import org.secc.exi.iso20.common.EIM_ASResAuthorizationModeType;
import org.secc.exi.iso20.common.SessionSetupReqType;
import org.secc.exi.iso20.common.SessionSetupResType;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.common.SessionStopResType;
import org.secc.exi.iso20.common.authorizationType;
import org.secc.exi.iso20.types.MessageHeaderType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.V2GResponseType;
import org.secc.exi.iso20.types.processingType;
import org.secc.exi.iso20.types.responseCodeType;

/**
 * Minimal schema-valid responses carrying a FAILED code, in the response type matching the
 * request ([V2G20-459], [V2G20-736]). Covers every request type of the DC and AC sessions; for any
 * other (PnC certificate messages, VAS, WPT, ACDP) it returns empty and the session closes without a
 * response.
 */
public final class Responses {

    private Responses() {}

    public static MessageHeaderType header(byte[] sessionId, long epochSeconds) {
        return new MessageHeaderType(sessionId.clone(), epochSeconds, null);
    }

    public static Optional<V2GResponseType> failed(V2GRequestType req, responseCodeType code, MessageHeaderType h, String evseId) {
        if (req instanceof SessionSetupReqType) {
            return Optional.of(new SessionSetupResType(h, code, evseId));
        }
        if (req instanceof AuthorizationSetupReqType) {
            return Optional.of(new AuthorizationSetupResType(h, code, List.of(authorizationType.EIM), false,
                    new AuthorizationSetupResType.ASResAuthorizationMode.EIM_ASResAuthorizationMode(new EIM_ASResAuthorizationModeType())));
        }
        if (req instanceof AuthorizationReqType) {
            return Optional.of(new AuthorizationResType(h, code, processingType.Finished));
        }
        if (req instanceof org.secc.exi.iso20.common.ServiceDiscoveryReqType) {
            return Optional.of(new org.secc.exi.iso20.common.ServiceDiscoveryResType(h, code, false,
                    new org.secc.exi.iso20.common.ServiceListType(List.of(new org.secc.exi.iso20.common.ServiceType(2, false))), null));
        }
        if (req instanceof org.secc.exi.iso20.common.ServiceDetailReqType d) {
            return Optional.of(new org.secc.exi.iso20.common.ServiceDetailResType(h, code, d.ServiceID(),
                    new org.secc.exi.iso20.common.ServiceParameterListType(List.of(
                            org.secc.app.session.EnergyParameterSet.defaults(2).get(0).toXml(2)))));
        }
        if (req instanceof org.secc.exi.iso20.common.ServiceSelectionReqType) {
            return Optional.of(new org.secc.exi.iso20.common.ServiceSelectionResType(h, code));
        }
        if (req instanceof org.secc.exi.iso20.dc.DC_ChargeParameterDiscoveryReqType) {
            var z = new org.secc.exi.iso20.types.RationalNumberType(0, 0);
            return Optional.of(new org.secc.exi.iso20.dc.DC_ChargeParameterDiscoveryResType(h, code,
                    new org.secc.exi.iso20.dc.DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup.DC_CPDResEnergyTransferMode(
                            new org.secc.exi.iso20.dc.DC_CPDResEnergyTransferModeType(z, z, z, z, z, z, null))));
        }
        if (req instanceof org.secc.exi.iso20.common.ScheduleExchangeReqType) {
            return Optional.of(new org.secc.exi.iso20.common.ScheduleExchangeResType(h, code, processingType.Finished, null,
                    new org.secc.exi.iso20.common.ScheduleExchangeResType.SEResControlMode.Dynamic_SEResControlMode(
                            new org.secc.exi.iso20.common.Dynamic_SEResControlModeType(null, null, null, null))));
        }
        if (req instanceof org.secc.exi.iso20.dc.DC_CableCheckReqType) {
            return Optional.of(new org.secc.exi.iso20.dc.DC_CableCheckResType(h, code, processingType.Finished));
        }
        if (req instanceof org.secc.exi.iso20.dc.DC_PreChargeReqType) {
            return Optional.of(new org.secc.exi.iso20.dc.DC_PreChargeResType(h, code, new org.secc.exi.iso20.types.RationalNumberType(0, 0)));
        }
        if (req instanceof SessionStopReqType) {
            return Optional.of(new SessionStopResType(h, code));
        }
        var z = new org.secc.exi.iso20.types.RationalNumberType(0, 0);
        if (req instanceof org.secc.exi.iso20.ac.AC_ChargeParameterDiscoveryReqType) {
            return Optional.of(new org.secc.exi.iso20.ac.AC_ChargeParameterDiscoveryResType(h, code,
                    new org.secc.exi.iso20.ac.AC_ChargeParameterDiscoveryResType.AC_CPDResEnergyTransferModeGroup.AC_CPDResEnergyTransferMode(
                            new org.secc.exi.iso20.ac.AC_CPDResEnergyTransferModeType(z, null, null, z, null, null, z, null, null, null, null, null))));
        }
        if (req instanceof org.secc.exi.iso20.common.PowerDeliveryReqType) {
            return Optional.of(new org.secc.exi.iso20.common.PowerDeliveryResType(h, code, null));
        }
        if (req instanceof org.secc.exi.iso20.dc.DC_ChargeLoopReqType) {
            return Optional.of(new org.secc.exi.iso20.dc.DC_ChargeLoopResType(h, code, null, null, null, z, z, false, false, false,
                    new org.secc.exi.iso20.dc.DC_ChargeLoopResType.CLResControlModeGroup.Scheduled_DC_CLResControlMode(
                            new org.secc.exi.iso20.dc.Scheduled_DC_CLResControlModeType(null, null, null, null))));
        }
        if (req instanceof org.secc.exi.iso20.ac.AC_ChargeLoopReqType) {
            return Optional.of(new org.secc.exi.iso20.ac.AC_ChargeLoopResType(h, code, null, null, null, null,
                    new org.secc.exi.iso20.ac.AC_ChargeLoopResType.CLResControlModeGroup.Scheduled_AC_CLResControlMode(
                            new org.secc.exi.iso20.ac.Scheduled_AC_CLResControlModeType(null, null, null, null, null, null, null, null, null))));
        }
        if (req instanceof org.secc.exi.iso20.dc.DC_WeldingDetectionReqType) {
            return Optional.of(new org.secc.exi.iso20.dc.DC_WeldingDetectionResType(h, code, z));
        }
        return Optional.empty();
    }
}
