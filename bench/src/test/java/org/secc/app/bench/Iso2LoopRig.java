package org.secc.app.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.secc.app.charge.ChargeSettings;
import org.secc.app.iso2.Iso2Outcome;
import org.secc.app.iso2.Iso2Session;
import org.secc.app.iso2.PausedSession;
import org.secc.app.policy.PolicyFile;
import org.secc.app.run.ChargePoint;
import org.secc.app.session.SessionConfig;
import org.secc.exi.ExiCodec;
import org.secc.exi.SchemaKind;
import org.secc.exi.iso2.body.BodyType;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.V2G_Message;
import org.secc.exi.iso2.body.CableCheckReqType;
import org.secc.exi.iso2.body.ChargeParameterDiscoveryReqType;
import org.secc.exi.iso2.body.AuthorizationReqType;
import org.secc.exi.iso2.body.CurrentDemandReqType;
import org.secc.exi.iso2.body.PowerDeliveryReqType;
import org.secc.exi.iso2.body.PreChargeReqType;
import org.secc.exi.iso2.body.ServiceDiscoveryReqType;
import org.secc.exi.iso2.body.PaymentServiceSelectionReqType;
import org.secc.exi.iso2.body.SessionSetupReqType;
import org.secc.exi.iso2.header.MessageHeaderType;
import org.secc.exi.iso2.types.DC_EVChargeParameterType;
import org.secc.exi.iso2.types.DC_EVErrorCodeType;
import org.secc.exi.iso2.types.DC_EVStatusType;
import org.secc.exi.iso2.types.EnergyTransferModeType;
import org.secc.exi.iso2.types.chargeProgressType;
import org.secc.exi.iso2.types.PhysicalValueType;
import org.secc.exi.iso2.types.SelectedServiceListType;
import org.secc.exi.iso2.types.SelectedServiceType;
import org.secc.exi.iso2.types.paymentOptionType;
import org.secc.exi.iso2.types.responseCodeType;
import org.secc.exi.iso2.types.unitSymbolType;
import org.secc.hal.config.Hal;
import org.secc.hal.config.HalConfig;
import org.secc.hal.config.HalFactory;
import org.secc.hal.sim.SimBench;

/**
 * A real ISO 15118-2 DC session on the simulated bench (the wiring of {@link LoopRig}), driven into the
 * CurrentDemand loop, plus the CurrentDemandReq pre-encoded as EXI. The bench clock only moves during
 * setup, so one session serves a whole benchmark trial.
 */
final class Iso2LoopRig implements AutoCloseable {

    final SimBench bench;
    final ChargePoint cp;
    final Iso2Session session;
    final ExiCodec codec = ExiCodec.of(SchemaKind.ISO2);
    final byte[] loopRequestExi;
    /** AC: the ChargingStatus loop instead of CurrentDemand. */
    final boolean ac;

    Iso2LoopRig() {
        this(false);
    }

    /** @param ac an AC session (ChargingStatus loop) instead of DC (CurrentDemand loop) */
    Iso2LoopRig(boolean ac) {
        this.ac = ac;
        HalConfig hc = HalConfig.parse(LoopRig.HAL);
        bench = HalFactory.simBench(hc);
        Hal hal = new Hal(bench.controlPilot(), hc.cp(), bench.contactors(), bench.powerStage(), bench.grid(), bench.isolationMonitor(),
                bench.temperatures(), bench.emergencyStop(), Optional.of(bench));
        var policy = ((PolicyFile.Loaded) PolicyFile.parse(LoopRig.POLICY)).policy();
        bench.controlPilot().setEv(org.secc.hal.sim.SimControlPilot.EvSide.C);
        cp = new ChargePoint(hal, policy, ChargeSettings.defaults(), bench::nanos, bench::nanos, ChargePoint.SupervisorMode.INLINE);
        step(1500, cp); // enter service; the pilot reaches C with 5 %
        SessionConfig sc = SessionConfig.defaults().withServices(org.secc.app.session.ServiceOffer.of(false,
                org.secc.app.session.ServiceOffer.DC, org.secc.app.session.ServiceOffer.AC));
        session = new Iso2Session(sc, cp.charge(), new PausedSession(), bench::nanos);
        if (ac) {
            driveToAcLoop();
            loopRequestExi = codec.encode(msg(new BodyElementGroup.ChargingStatusReq(new org.secc.exi.iso2.body.ChargingStatusReqType())));
        } else {
            driveToLoop();
            loopRequestExi = codec.encode(msg(new BodyElementGroup.CurrentDemandReq(new CurrentDemandReqType(status(), pv(100, unitSymbolType.A),
                    pv(420, unitSymbolType.V), pv(100, unitSymbolType.A), pv(40_000, unitSymbolType.W), null, false, null, null,
                    pv(400, unitSymbolType.V)))));
        }
        step(); // a broken setup fails here, not as a fast error path in the benchmark
    }

    private void step(int ms, ChargePoint c) {
        for (int i = 0; i < ms; i++) {
            bench.step(Duration.ofMillis(1));
            if (c != null) {
                c.pollInline(); // pilot, emergency stop, charge controller
            }
        }
    }

    /** One message on the wire: decode the CurrentDemandReq (ChargingStatusReq), let the session answer, encode the response. */
    byte[] step() {
        V2G_Message req = codec.decode(loopRequestExi, V2G_Message.class);
        Iso2Outcome o = session.handle(req);
        V2G_Message res = o.response().orElseThrow(() -> new IllegalStateException("-2 session ended in the loop: " + o.actions()));
        responseCodeType code = ac ? ((BodyElementGroup.ChargingStatusRes) res.Body().BodyElementGroup()).value().ResponseCode()
                : ((BodyElementGroup.CurrentDemandRes) res.Body().BodyElementGroup()).value().ResponseCode();
        if (code != responseCodeType.OK) {
            throw new IllegalStateException("the loop answered " + code);
        }
        return codec.encode(res);
    }

    @Override
    public void close() {
        session.connectionLost();
        cp.close();
    }

    private static DC_EVStatusType status() {
        return new DC_EVStatusType(true, DC_EVErrorCodeType.NO_ERROR, 50);
    }

    private static PhysicalValueType pv(double v, unitSymbolType u) {
        return v > Short.MAX_VALUE ? new PhysicalValueType(1, u, (int) (v / 10)) : new PhysicalValueType(0, u, (int) v);
    }

    private V2G_Message msg(BodyElementGroup body) {
        byte[] id = body instanceof BodyElementGroup.SessionSetupReq ? new byte[8] : session.sessionId();
        return new V2G_Message(new MessageHeaderType(id, null, null), new BodyType(body));
    }

    private BodyElementGroup ok(BodyElementGroup body) {
        V2G_Message res = session.handle(codec.decode(codec.encode(msg(body)), V2G_Message.class)).response()
                .orElseThrow(() -> new IllegalStateException(body.getClass().getSimpleName() + ": no response"));
        return res.Body().BodyElementGroup();
    }

    private void driveToAcLoop() {
        ok(new BodyElementGroup.SessionSetupReq(new SessionSetupReqType(new byte[] {2, 0, 0, 0, 0, 1})));
        ok(new BodyElementGroup.ServiceDiscoveryReq(new ServiceDiscoveryReqType(null, null)));
        ok(new BodyElementGroup.PaymentServiceSelectionReq(new PaymentServiceSelectionReqType(paymentOptionType.ExternalPayment,
                new SelectedServiceListType(List.of(new SelectedServiceType(1, null))))));
        ok(new BodyElementGroup.AuthorizationReq(new AuthorizationReqType(null, null)));
        EnergyTransferModeType mode = cp.charge().acLimits().phases() == 1 ? EnergyTransferModeType.AC_single_phase_core
                : EnergyTransferModeType.AC_three_phase_core;
        ok(new BodyElementGroup.ChargeParameterDiscoveryReq(new ChargeParameterDiscoveryReqType(null, mode,
                new ChargeParameterDiscoveryReqType.EVChargeParameterGroup.AC_EVChargeParameter(new org.secc.exi.iso2.types.AC_EVChargeParameterType(
                        null, pv(20_000, unitSymbolType.Wh), pv(400, unitSymbolType.V), pv(16, unitSymbolType.A), pv(6, unitSymbolType.A))))));
        // PowerDeliveryRes waits for the contactors: the bench runs while the edge would poll
        Iso2Outcome o = session.handle(codec.decode(codec.encode(msg(new BodyElementGroup.PowerDeliveryReq(
                new PowerDeliveryReqType(chargeProgressType.Start, 1, null, null)))), V2G_Message.class));
        for (int i = 0; i < 5_000 && o.response().isEmpty(); i++) {
            step(1, cp);
            o = session.poll();
        }
        if (!session.stateName().equals("Iso2AcWaitChargingStatus")) {
            throw new IllegalStateException("not in the AC loop: " + session.stateName() + " " + o.actions());
        }
    }

    private void driveToLoop() {
        ok(new BodyElementGroup.SessionSetupReq(new SessionSetupReqType(new byte[] {2, 0, 0, 0, 0, 1})));
        ok(new BodyElementGroup.ServiceDiscoveryReq(new ServiceDiscoveryReqType(null, null)));
        ok(new BodyElementGroup.PaymentServiceSelectionReq(new PaymentServiceSelectionReqType(paymentOptionType.ExternalPayment,
                new SelectedServiceListType(List.of(new SelectedServiceType(1, null))))));
        ok(new BodyElementGroup.AuthorizationReq(new AuthorizationReqType(null, null)));
        ok(new BodyElementGroup.ChargeParameterDiscoveryReq(new ChargeParameterDiscoveryReqType(null, EnergyTransferModeType.DC_extended,
                new ChargeParameterDiscoveryReqType.EVChargeParameterGroup.DC_EVChargeParameter(new DC_EVChargeParameterType(null, status(),
                        pv(100, unitSymbolType.A), null, pv(420, unitSymbolType.V), null, null, null, null)))));
        for (int i = 0; i < 200 && !session.stateName().equals("Iso2WaitPreCharge"); i++) {
            ok(new BodyElementGroup.CableCheckReq(new CableCheckReqType(status())));
            step(100, cp);
        }
        for (int i = 0; i < 100; i++) {
            ok(new BodyElementGroup.PreChargeReq(new PreChargeReqType(status(), pv(385, unitSymbolType.V), pv(2, unitSymbolType.A))));
            step(50, cp);
        }
        ok(new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(chargeProgressType.Start, 1, null, null)));
        if (!session.stateName().equals("Iso2WaitCurrentDemand")) {
            throw new IllegalStateException("not in the loop: " + session.stateName());
        }
    }
}
