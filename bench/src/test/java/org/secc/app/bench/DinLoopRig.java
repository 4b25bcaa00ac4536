package org.secc.app.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.secc.app.charge.ChargeSettings;
import org.secc.app.din.DinOutcome;
import org.secc.app.din.DinSession;
import org.secc.app.policy.PolicyFile;
import org.secc.app.run.ChargePoint;
import org.secc.app.session.SessionConfig;
import org.secc.exi.ExiCodec;
import org.secc.exi.SchemaKind;
import org.secc.exi.din.BodyType;
import org.secc.exi.din.BodyType.BodyElementGroup;
import org.secc.exi.din.V2G_Message;
import org.secc.exi.din.body.CableCheckReqType;
import org.secc.exi.din.body.ChargeParameterDiscoveryReqType;
import org.secc.exi.din.body.ContractAuthenticationReqType;
import org.secc.exi.din.body.CurrentDemandReqType;
import org.secc.exi.din.body.PowerDeliveryReqType;
import org.secc.exi.din.body.PreChargeReqType;
import org.secc.exi.din.body.ServiceDiscoveryReqType;
import org.secc.exi.din.body.ServicePaymentSelectionReqType;
import org.secc.exi.din.body.SessionSetupReqType;
import org.secc.exi.din.header.MessageHeaderType;
import org.secc.exi.din.types.DC_EVChargeParameterType;
import org.secc.exi.din.types.DC_EVErrorCodeType;
import org.secc.exi.din.types.DC_EVStatusType;
import org.secc.exi.din.types.EVRequestedEnergyTransferType;
import org.secc.exi.din.types.PhysicalValueType;
import org.secc.exi.din.types.SelectedServiceListType;
import org.secc.exi.din.types.SelectedServiceType;
import org.secc.exi.din.types.paymentOptionType;
import org.secc.exi.din.types.responseCodeType;
import org.secc.exi.din.types.unitSymbolType;
import org.secc.hal.config.Hal;
import org.secc.hal.config.HalConfig;
import org.secc.hal.config.HalFactory;
import org.secc.hal.sim.SimBench;

/**
 * A real DIN 70121 session on the simulated bench (the wiring of {@link LoopRig}), driven into the
 * CurrentDemand loop, plus the CurrentDemandReq pre-encoded as EXI. The bench clock only moves during
 * setup, so one session serves a whole benchmark trial.
 */
final class DinLoopRig implements AutoCloseable {

    final SimBench bench;
    final ChargePoint cp;
    final DinSession session;
    final ExiCodec codec = ExiCodec.of(SchemaKind.DIN);
    final byte[] loopRequestExi;

    DinLoopRig() {
        HalConfig hc = HalConfig.parse(LoopRig.HAL);
        bench = HalFactory.simBench(hc);
        Hal hal = new Hal(bench.controlPilot(), hc.cp(), bench.contactors(), bench.powerStage(), bench.grid(), bench.isolationMonitor(),
                bench.temperatures(), bench.emergencyStop(), Optional.of(bench));
        var policy = ((PolicyFile.Loaded) PolicyFile.parse(LoopRig.POLICY)).policy();
        bench.controlPilot().setEv(org.secc.hal.sim.SimControlPilot.EvSide.C);
        cp = new ChargePoint(hal, policy, ChargeSettings.defaults(), bench::nanos, bench::nanos, ChargePoint.SupervisorMode.INLINE);
        step(1500, cp); // enter service; the pilot reaches C with 5 %
        session = new DinSession(SessionConfig.defaults(), cp.charge(), bench::nanos);
        driveToLoop();
        loopRequestExi = codec.encode(msg(new BodyElementGroup.CurrentDemandReq(new CurrentDemandReqType(status(), pv(100, unitSymbolType.A),
                pv(420, unitSymbolType.V), pv(100, unitSymbolType.A), pv(40_000, unitSymbolType.W), false, false, null, null,
                pv(400, unitSymbolType.V)))));
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

    /** One message on the wire: decode the CurrentDemandReq, let the session answer, encode the response. */
    byte[] step() {
        V2G_Message req = codec.decode(loopRequestExi, V2G_Message.class);
        DinOutcome o = session.handle(req);
        V2G_Message res = o.response().orElseThrow(() -> new IllegalStateException("DIN session ended in the loop: " + o.actions()));
        var cd = ((BodyElementGroup.CurrentDemandRes) res.Body().BodyElementGroup()).value();
        if (cd.ResponseCode() != responseCodeType.OK) {
            throw new IllegalStateException("CurrentDemand answered " + cd.ResponseCode());
        }
        return codec.encode(res);
    }

    @Override
    public void close() {
        session.connectionLost();
        cp.close();
    }

    private static DC_EVStatusType status() {
        return new DC_EVStatusType(true, null, null, DC_EVErrorCodeType.NO_ERROR, 50);
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

    private void driveToLoop() {
        ok(new BodyElementGroup.SessionSetupReq(new SessionSetupReqType(new byte[] {2, 0, 0, 0, 0, 1})));
        ok(new BodyElementGroup.ServiceDiscoveryReq(new ServiceDiscoveryReqType(null, null)));
        ok(new BodyElementGroup.ServicePaymentSelectionReq(new ServicePaymentSelectionReqType(paymentOptionType.ExternalPayment,
                new SelectedServiceListType(List.of(new SelectedServiceType(1, null))))));
        ok(new BodyElementGroup.ContractAuthenticationReq(new ContractAuthenticationReqType(null, null)));
        ok(new BodyElementGroup.ChargeParameterDiscoveryReq(new ChargeParameterDiscoveryReqType(EVRequestedEnergyTransferType.DC_extended,
                new ChargeParameterDiscoveryReqType.EVChargeParameterGroup.DC_EVChargeParameter(new DC_EVChargeParameterType(status(),
                        pv(100, unitSymbolType.A), null, pv(420, unitSymbolType.V), null, null, null, null)))));
        for (int i = 0; i < 200 && !session.stateName().equals("DinWaitPreCharge"); i++) {
            ok(new BodyElementGroup.CableCheckReq(new CableCheckReqType(status())));
            step(100, cp);
        }
        for (int i = 0; i < 100; i++) {
            ok(new BodyElementGroup.PreChargeReq(new PreChargeReqType(status(), pv(385, unitSymbolType.V), pv(2, unitSymbolType.A))));
            step(50, cp);
        }
        ok(new BodyElementGroup.PowerDeliveryReq(new PowerDeliveryReqType(true, null, null)));
        if (!session.stateName().equals("DinWaitCurrentDemand")) {
            throw new IllegalStateException("not in the loop: " + session.stateName());
        }
    }
}
