package org.secc.ev.conformance.cases;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.secc.ev.conformance.Walk;
import org.secc.ev.conformance.Walk.Stage;
import org.secc.ev.session.ControlMode;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.types.processingType;
import org.secc.exi.iso20.types.responseCodeType;

/** SessionSetup, service discovery/detail/selection and EIM authorization (facts sheet 4.4). */
final class SessionCases {
    private SessionCases() {
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> l = new ArrayList<>();
        l.add(ConformanceCase.of("SES-01", "SessionSetup: a new session with a fresh SessionID and an EVSEID")
                .req("[V2G20-192]")
                .stimulus("supportedAppProtocolReq, SessionSetupReq with SessionID 0000000000000000 and an EVCCID")
                .expect("OK_NewSessionEstablished, an 8-byte SessionID that is not all zeros, an EVSEID of 1-255 characters")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.SAP);
                    SessionSetupResType r = w.sessionSetup();
                    ctx.check(r.Header().SessionID().length == 8, "SessionID has " + r.Header().SessionID().length + " bytes, expected 8");
                    ctx.check(r.EVSEID() != null && !r.EVSEID().isEmpty() && r.EVSEID().length() <= 255, "EVSEID '" + r.EVSEID() + "'");
                }));
        l.add(ConformanceCase.of("SES-02", "SessionSetup with an unknown SessionID starts a new session with a new SessionID")
                .req("[V2G20-2628]")
                .stimulus("SessionSetupReq carrying a random SessionID the charger never issued")
                .expect("OK_NewSessionEstablished and a SessionID different from the one sent")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.SAP);
                    byte[] bogus = new byte[8];
                    ctx.random().nextBytes(bogus);
                    bogus[0] |= 1;
                    var r = w.send(new SessionSetupReqType(Walk.header(bogus), "WMIV1234567890ABCDEX"), SessionSetupResType.class);
                    ctx.checkEquals(responseCodeType.OK_NewSessionEstablished, r.ResponseCode(), "SessionSetupRes to an unknown SessionID");
                    ctx.check(!Arrays.equals(bogus, r.Header().SessionID()), "the charger adopted the EV's unknown SessionID "
                            + Walk.hex(bogus) + " instead of issuing a new one");
                }));
        l.add(ConformanceCase.of("SVC-01", "ServiceDiscovery lists the energy services with valid IDs")
                .req("[V2G20-459]")
                .stimulus("a valid sequence up to ServiceDiscoveryReq (no SupportedServiceIDs)")
                .expect("OK, 1-8 energy services with ServiceIDs among 1-10, no duplicates")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.AUTHORIZATION);
                    var r = w.send(new ServiceDiscoveryReqType(w.header(), null), ServiceDiscoveryResType.class);
                    ctx.checkEquals(responseCodeType.OK, r.ResponseCode(), "ServiceDiscoveryRes ResponseCode");
                    List<Integer> ids = r.EnergyTransferServiceList().Service().stream().map(ServiceType::ServiceID).toList();
                    ctx.check(!ids.isEmpty() && ids.size() <= 8, "energy services " + ids);
                    ctx.check(ids.stream().allMatch(i -> i >= 1 && i <= 10), "energy ServiceIDs outside 1-10: " + ids);
                    ctx.check(ids.stream().distinct().count() == ids.size(), "duplicate energy ServiceIDs: " + ids);
                }));
        l.add(ConformanceCase.of("SVC-02", "ServiceDetail of every offered energy service: parameter sets with ControlMode (and BPT parameters)")
                .req("[V2G20-464]")
                .stimulus("ServiceDetailReq for each energy service ServiceDiscoveryRes listed, on one session")
                .expect("OK, ServiceID echoed, every parameter set carries ControlMode 1 or 2; BPT services also BPTChannel and GeneratorMode")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.SERVICE_DISCOVERY);
                    for (int id : ctx.identity().energyServices()) {
                        var r = w.send(new ServiceDetailReqType(w.header(), id), ServiceDetailResType.class);
                        ctx.checkEquals(responseCodeType.OK, r.ResponseCode(), "ServiceDetailRes for ServiceID " + id);
                        ctx.checkEquals(id, r.ServiceID(), "ServiceDetailRes ServiceID");
                        for (ParameterSetType set : r.ServiceParameterList().ParameterSet()) {
                            List<String> names = set.Parameter().stream().map(ParameterType::Name).toList();
                            ctx.check(set.Parameter().stream().anyMatch(p -> "ControlMode".equals(p.Name())
                                    && p.Choice() instanceof ParameterType.Choice.intValue iv && (iv.value() == 1 || iv.value() == 2)),
                                    "ServiceID " + id + " parameter set " + set.ParameterSetID() + " lacks ControlMode 1|2: " + names);
                            if (id == 5 || id == 6) {
                                ctx.check(names.contains("BPTChannel") && names.contains("GeneratorMode"),
                                        "BPT ServiceID " + id + " parameter set " + set.ParameterSetID() + " lacks BPTChannel/GeneratorMode: " + names);
                            }
                        }
                    }
                }));
        l.add(ConformanceCase.of("SVC-03", "ServiceDetail for a service that was not offered: FAILED_ServiceIDInvalid")
                .req("[V2G20-464]")
                .stimulus("ServiceDetailReq for an energy ServiceID (1-10) that ServiceDiscoveryRes did not list")
                .expect("ServiceDetailRes FAILED_ServiceIDInvalid")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.SERVICE_DISCOVERY);
                    int missing = firstNotOffered(ctx.identity().energyServices());
                    var r = w.send(new ServiceDetailReqType(w.header(), missing), ServiceDetailResType.class);
                    ctx.checkEquals(responseCodeType.FAILED_ServiceIDInvalid, r.ResponseCode(), "ServiceDetailRes for ServiceID " + missing);
                }));
        l.add(ConformanceCase.of("SVC-04", "ServiceSelection of a service that was not offered: FAILED_NoEnergyTransferServiceSelected")
                .req("[V2G20-459]")
                .stimulus("after ServiceDetail, ServiceSelectionReq for an energy ServiceID not offered")
                .expect("ServiceSelectionRes FAILED_NoEnergyTransferServiceSelected")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.SERVICE_DETAIL);
                    int missing = firstNotOffered(ctx.identity().energyServices());
                    var r = w.send(w.serviceSelectionRequest(missing, 1), ServiceSelectionResType.class);
                    ctx.checkEquals(responseCodeType.FAILED_NoEnergyTransferServiceSelected, r.ResponseCode(),
                            "ServiceSelectionRes for ServiceID " + missing);
                }));
        l.add(ConformanceCase.of("SVC-05", "ServiceSelection with a ParameterSetID that was not offered: FAILED_ServiceSelectionInvalid")
                .req("[V2G20-459]")
                .stimulus("after ServiceDetail, ServiceSelectionReq for the service with ParameterSetID 999")
                .expect("ServiceSelectionRes FAILED_ServiceSelectionInvalid")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.SERVICE_DETAIL);
                    var r = w.send(w.serviceSelectionRequest(w.service().id, 999), ServiceSelectionResType.class);
                    ctx.checkEquals(responseCodeType.FAILED_ServiceSelectionInvalid, r.ResponseCode(), "ServiceSelectionRes for ParameterSetID 999");
                }));
        l.add(ConformanceCase.of("AUT-01", "AuthorizationSetup offers EIM with the EIM element, and no PnC without TLS")
                .req("[V2G20-1219]", "[V2G20-1220]", "[V2G20-2567]", "[V2G20-2568]")
                .stimulus("a valid sequence up to AuthorizationSetupReq")
                .expect("OK; AuthorizationServices contains EIM; EIM_ASResAuthorizationMode when PnC is not offered; PnC only over TLS")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.SESSION_SETUP);
                    var r = w.authorizationSetup();
                    boolean pnc = r.AuthorizationServices().contains(authorizationType.PnC);
                    if (!pnc) {
                        ctx.check(r.ASResAuthorizationMode() instanceof AuthorizationSetupResType.ASResAuthorizationMode.EIM_ASResAuthorizationMode,
                                "EIM only, but the mode element is " + r.ASResAuthorizationMode().getClass().getSimpleName());
                    }
                    ctx.check(!pnc || ctx.target().tls(), "PnC offered over a connection without TLS");
                }));
        l.add(ConformanceCase.of("AUT-02", "EIM authorization: Ongoing answers are repeated until Finished + OK")
                .req("[V2G20-2230]")
                .stimulus("AuthorizationReq (EIM), repeated every 100 ms while the charger answers Ongoing")
                .expect("every AuthorizationRes OK; Finished within V2G_EVCC_Ongoing_Timeout; the SessionID echoed")
                .timing("each response within 2 s; Finished within 60 s")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.AUTHORIZATION_SETUP);
                    var r = w.authorization();
                    ctx.checkEquals(processingType.Finished, r.EVSEProcessing(), "AuthorizationRes EVSEProcessing");
                    w.serviceDiscovery();
                }));
        l.add(ConformanceCase.of("AUT-03", "An AuthorizationReq after Finished + OK is out of sequence")
                .req("[V2G20-459]")
                .stimulus("after AuthorizationRes Finished + OK, another AuthorizationReq")
                .expect("AuthorizationRes FAILED_SequenceError")
                .body(ctx -> {
                    Walk w = ctx.walkDc(ControlMode.DYNAMIC).to(Stage.AUTHORIZATION);
                    var r = w.send(w.authorizationRequest(), AuthorizationResType.class);
                    ctx.checkEquals(responseCodeType.FAILED_SequenceError, r.ResponseCode(), "second AuthorizationReq after Finished");
                }));
        return l;
    }

    static int firstNotOffered(List<Integer> offered) {
        for (int id : new int[] {3, 4, 7, 8, 9, 10, 1, 2, 5, 6}) {
            if (!offered.contains(id)) {
                return id;
            }
        }
        return 3;
    }
}
