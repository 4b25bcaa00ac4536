package org.secc.app.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.secc.app.charge.ChargeSettings;
import org.secc.app.policy.Policy;
import org.secc.app.policy.PolicyFile;
import org.secc.app.run.ChargePoint;
import org.secc.app.session.Outcome;
import org.secc.app.session.PausedSessions;
import org.secc.app.session.RationalNumbers;
import org.secc.app.session.ServiceOffer;
import org.secc.app.session.SessionConfig;
import org.secc.app.session.V2gSession;
import org.secc.exi.ExiCodec;
import org.secc.exi.SchemaKind;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;
import org.secc.hal.config.Hal;
import org.secc.hal.config.HalConfig;
import org.secc.hal.config.HalFactory;
import org.secc.hal.grid.GridSample;
import org.secc.hal.sim.SimBench;

/**
 * A real SECC session on the simulated bench, driven with the V2gSession API into the charge loop of
 * one service and control mode, plus that loop's request pre-encoded as EXI. The wiring is the one of
 * the stepped bench tests (SimBench HAL, ChargePoint with HalChargeControl, PausedSessions); the
 * request builders follow PowerTransferStatesTest. The bench clock only moves while the rig steps it
 * (setup), so a benchmark can reuse the session for as long as it likes.
 */
final class LoopRig implements AutoCloseable {

    static final long EPOCH_MS = 1_700_000_000_000L;

    /** Service (1 AC, 2 DC, 5 AC_BPT, 6 DC_BPT) × control mode (parameter set 1 Scheduled, 2 Dynamic). */
    enum Variant {
        DC_Scheduled(2, false), DC_Dynamic(2, true), DC_BPT_Scheduled(6, false), DC_BPT_Dynamic(6, true),
        AC_Scheduled(1, false), AC_Dynamic(1, true), AC_BPT_Scheduled(5, false), AC_BPT_Dynamic(5, true);

        final int service;
        final boolean dynamic;

        Variant(int service, boolean dynamic) {
            this.service = service;
            this.dynamic = dynamic;
        }

        boolean ac() {
            return service == 1 || service == 5;
        }

        boolean bpt() {
            return service == 5 || service == 6;
        }
    }

    static final String HAL = org.secc.bench.BenchPack.HAL;
    static final String POLICY = org.secc.bench.BenchPack.policy(0, 1);

    final Variant variant;
    private final ChargePoint.SupervisorMode mode;
    final SimBench bench;
    final ChargePoint cp;
    V2gSession session;
    private final SessionConfig config;
    private final PausedSessions paused;
    private final Clock wall;
    final ExiCodec codec;
    /** The loop request as it arrives on the wire. */
    byte[] loopRequestExi;

    /**
     * @param mode        INLINE for the per-message benchmark (deterministic); THREAD for the trip path
     * @param policyExtra settings appended to {@link #POLICY}
     */
    LoopRig(Variant variant, ChargePoint.SupervisorMode mode, String policyExtra) {
        this(variant, mode, policyExtra, s -> { });
    }

    /**
     * @param monitorTap sees every grid sample just before the supervisor does (it is registered
     *                   first), for timing the hand-over
     */
    LoopRig(Variant variant, ChargePoint.SupervisorMode mode, String policyExtra, Consumer<GridSample> monitorTap) {
        this(variant, mode, policyExtra, monitorTap, SimBench::powerStage);
    }

    /** @param stage the power stage of the rig (the bench's simulated one, or a Modbus stage on a real server) */
    LoopRig(Variant variant, ChargePoint.SupervisorMode mode, String policyExtra, Consumer<GridSample> monitorTap,
            java.util.function.Function<SimBench, org.secc.hal.power.PowerStage> stage) {
        this.variant = variant;
        this.mode = mode;
        HalConfig hc = HalConfig.parse(HAL);
        bench = HalFactory.simBench(hc);
        Hal hal = new Hal(bench.controlPilot(), hc.cp(), bench.contactors(), stage.apply(bench), bench.grid(), bench.isolationMonitor(),
                bench.temperatures(), bench.emergencyStop(), Optional.of(bench));
        bench.grid().addListener(monitorTap);
        PolicyFile.Result parsed = PolicyFile.parse(POLICY + policyExtra);
        if (!(parsed instanceof PolicyFile.Loaded loaded)) {
            throw new IllegalArgumentException("bench policy: " + ((PolicyFile.Invalid) parsed).errors());
        }
        Policy p = loaded.policy();
        bench.controlPilot().setEv(org.secc.hal.sim.SimControlPilot.EvSide.C); // the car is plugged in and ready
        cp = new ChargePoint(hal, p, ChargeSettings.defaults(), bench::nanos, bench::nanos, mode);
        paused = new PausedSessions(Duration.ofHours(1), 4, bench::nanos);
        for (int i = 0; i < 750; i++) { // enter service (delay 0, 1 s ramp); the pilot reaches C with 5 %
            bench.step(Duration.ofMillis(2));
            cp.pollInline();
        }
        wall = new Clock() {
            public ZoneId getZone() { return ZoneId.of("UTC"); }
            public Clock withZone(ZoneId z) { return this; }
            public Instant instant() { return Instant.ofEpochMilli(EPOCH_MS + bench.nanos() / 1_000_000); }
        };
        config = SessionConfig.defaults().withServices(ServiceOffer.of(false, 6, 2, 5, 1));
        session = new V2gSession(config, cp.charge(), bench::nanos, wall, paused);
        codec = ExiCodec.of(variant.ac() ? SchemaKind.AC : SchemaKind.DC);
        driveToLoop();
        loopRequestExi = codec.encode(variant.ac() ? acLoop() : dcLoop());
        // One round trip as the benchmark does it, so a broken setup fails here and not as a fast error path.
        step();
    }

    /** One message on the wire: decode the request, let the session answer, encode the response. */
    byte[] step() {
        V2GRequestType req = (V2GRequestType) codec.decode(loopRequestExi).value();
        Outcome o = session.handle(req);
        V2GResponseType res = o.response().orElseThrow(() -> new IllegalStateException("session ended in the loop: " + o.actions()));
        if (res.ResponseCode() != responseCodeType.OK) {
            throw new IllegalStateException(variant + ": loop answered " + res.ResponseCode());
        }
        return codec.encode(res);
    }

    /** The response the session gives to the loop request, for harnesses that replay its encoding. */
    V2GResponseType loopResponse() {
        return session.handle((V2GRequestType) codec.decode(loopRequestExi).value()).response().orElseThrow();
    }

    /**
     * The next car on the same charge point: a new session driven into the charge loop. Empty when it is
     * served; otherwise the reason it was refused (the response code and state).
     */
    Optional<String> nextSession() {
        session.connectionLost();
        session = new V2gSession(config, cp.charge(), bench::nanos, wall, paused);
        try {
            driveToLoop();
            loopRequestExi = codec.encode(variant.ac() ? acLoop() : dcLoop());
            step();
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public void close() {
        session.connectionLost();
        cp.close();
    }

    // ------------------------------------------------------------ drive the session

    /** A Scheduled DC charge-loop request carrying exactly these EV values (tests of the EV-value checks). */
    DC_ChargeLoopReqType scheduledDc(RationalNumberType targetCurrent, RationalNumberType targetVoltage, RationalNumberType maxVoltage) {
        return new DC_ChargeLoopReqType(h(), new DisplayParametersType(55, null, 80, null, null, null, null, false, null, null), false, rn(400),
                new DC_ChargeLoopReqType.CLReqControlModeGroup.Scheduled_DC_CLReqControlMode(new Scheduled_DC_CLReqControlModeType(null, null,
                        null, targetCurrent, targetVoltage, rn(100_000), null, rn(250), maxVoltage, rn(200))));
    }

    /**
     * Moves the bench in 2 ms slices, polling what the charge point's threads poll (INLINE); with the
     * service's threads (THREAD) it only moves the bench and leaves them a little real time per slice.
     */
    void advance(int ms) {
        for (int i = 0; i < ms; i += 2) {
            bench.step(Duration.ofMillis(2));
            if (mode == ChargePoint.SupervisorMode.INLINE) {
                cp.pollInline();
            } else {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L); // about twice real time: the supervisor keeps up
            }
        }
    }

    private V2GResponseType ok(V2GRequestType req) {
        Outcome o = session.handle(req);
        long until = System.nanoTime() + 20_000_000_000L;
        for (int i = 0; (i < 5000 || System.nanoTime() < until)
                && o.actions().stream().anyMatch(a -> a instanceof org.secc.app.session.Action.ResponsePending); i++) {
            advance(2); // the contactors close on the bench clock
            o = session.poll();
        }
        V2GResponseType r = o.response().orElseThrow(() -> new IllegalStateException(req.getClass().getSimpleName() + ": no response"));
        if (!r.ResponseCode().name().startsWith("OK")) {
            throw new IllegalStateException(variant + " " + req.getClass().getSimpleName() + " -> " + r.ResponseCode() + " in " + session.stateName());
        }
        return r;
    }

    private void driveToLoop() {
        ok(new SessionSetupReqType(new MessageHeaderType(new byte[8], 0, null), "EV1"));
        ok(new AuthorizationSetupReqType(h()));
        ok(new AuthorizationReqType(h(), authorizationType.EIM,
                new AuthorizationReqType.AReqAuthorizationMode.EIM_AReqAuthorizationMode(new EIM_AReqAuthorizationModeType())));
        ok(new ServiceDiscoveryReqType(h(), null));
        ok(new ServiceSelectionReqType(h(), new SelectedServiceType(variant.service, variant.dynamic ? 2 : 1), null));
        ok(variant.ac() ? acCpd(variant.bpt()) : dcCpd(variant.bpt()));
        ok(scheduleExchange(variant.dynamic));
        if (!variant.ac()) {
            // Cable check and precharge take bench time: ask again while the bench moves on.
            for (int i = 0; session.stateName().equals("WaitCableCheck"); i++) {
                expectProgress(i);
                ok(new DC_CableCheckReqType(h()));
                advance(100);
            }
            for (int i = 0; i < 20; i++) {
                ok(new DC_PreChargeReqType(h(), processingType.Ongoing, rn(400), rn(400)));
                advance(100);
            }
            ok(new DC_PreChargeReqType(h(), processingType.Finished, rn(400), rn(400)));
        }
        ok(start(variant.dynamic));
        String loop = variant.ac() ? "AcChargeLoop" : "DcChargeLoop";
        if (!session.stateName().equals(loop)) {
            throw new IllegalStateException(variant + ": expected " + loop + ", in " + session.stateName());
        }
    }

    private void expectProgress(int i) {
        if (i > (mode == ChargePoint.SupervisorMode.INLINE ? 100 : 300)) {
            throw new IllegalStateException(variant + ": cable check did not finish in 10 s of bench time");
        }
    }

    // ------------------------------------------------------------ requests (as PowerTransferStatesTest)

    MessageHeaderType h() {
        return new MessageHeaderType(session.sessionId(), EPOCH_MS / 1000 + bench.nanos() / 1_000_000_000L, null);
    }

    private static RationalNumberType rn(double v) {
        return RationalNumbers.of(v);
    }

    private ChargeParameterDiscoveryReqType dcCpd(boolean bpt) {
        return bpt ? new DC_ChargeParameterDiscoveryReqType(h(), new DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup.BPT_DC_CPDReqEnergyTransferMode(
                new BPT_DC_CPDReqEnergyTransferModeType(rn(100_000), rn(0), rn(250), rn(0), rn(450), rn(200), 80, rn(20_000), rn(0), rn(50), rn(0))))
                : new DC_ChargeParameterDiscoveryReqType(h(), new DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup.DC_CPDReqEnergyTransferMode(
                new DC_CPDReqEnergyTransferModeType(rn(100_000), rn(0), rn(250), rn(0), rn(450), rn(200), null)));
    }

    private AC_ChargeParameterDiscoveryReqType acCpd(boolean bpt) {
        return bpt ? new AC_ChargeParameterDiscoveryReqType(h(), new AC_ChargeParameterDiscoveryReqType.AC_CPDReqEnergyTransferModeGroup.BPT_AC_CPDReqEnergyTransferMode(
                new BPT_AC_CPDReqEnergyTransferModeType(rn(11_000), null, null, rn(0), null, null, rn(11_000), null, null, rn(0), null, null)))
                : new AC_ChargeParameterDiscoveryReqType(h(), new AC_ChargeParameterDiscoveryReqType.AC_CPDReqEnergyTransferModeGroup.AC_CPDReqEnergyTransferMode(
                new AC_CPDReqEnergyTransferModeType(rn(11_000), null, null, rn(0), null, null)));
    }

    private ScheduleExchangeReqType scheduleExchange(boolean dynamic) {
        return new ScheduleExchangeReqType(h(), 12, dynamic
                ? new ScheduleExchangeReqType.SEReqControlMode.Dynamic_SEReqControlMode(
                        new Dynamic_SEReqControlModeType(3600L, 20, 80, rn(40_000), rn(60_000), rn(0), rn(20_000), rn(0)))
                : new ScheduleExchangeReqType.SEReqControlMode.Scheduled_SEReqControlMode(
                        new Scheduled_SEReqControlModeType(3600L, rn(40_000), rn(60_000), rn(0), null)));
    }

    private PowerDeliveryReqType start(boolean dynamic) {
        EVPowerProfileType.EVPPTControlMode m = dynamic
                ? new EVPowerProfileType.EVPPTControlMode.Dynamic_EVPPTControlMode(new Dynamic_EVPPTControlModeType())
                : new EVPowerProfileType.EVPPTControlMode.Scheduled_EVPPTControlMode(new Scheduled_EVPPTControlModeType(1, null));
        return new PowerDeliveryReqType(h(), processingType.Finished, chargeProgressType.Start,
                new EVPowerProfileType(EPOCH_MS / 1000, m, new EVPowerProfileEntryListType(List.of(
                        new PowerScheduleEntryType(3600, rn(10_000), null, null)))), null);
    }

    private DC_ChargeLoopReqType dcLoop() {
        boolean bpt = variant.bpt();
        boolean dynamic = variant.dynamic;
        double targetI = 20;
        DC_ChargeLoopReqType.CLReqControlModeGroup g;
        if (bpt && dynamic) {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Dynamic_DC_CLReqControlMode(new BPT_Dynamic_DC_CLReqControlModeType(null,
                    rn(-5000), rn(40_000), rn(-8000), rn(100_000), rn(0), rn(250), rn(450), rn(200), rn(20_000), rn(0), rn(50), null, null));
        } else if (bpt) {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Scheduled_DC_CLReqControlMode(new BPT_Scheduled_DC_CLReqControlModeType(null,
                    null, null, rn(targetI), rn(400), rn(100_000), null, rn(250), rn(450), rn(200), rn(20_000), null, rn(50)));
        } else if (dynamic) {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.Dynamic_DC_CLReqControlMode(new Dynamic_DC_CLReqControlModeType(null,
                    rn(5000), rn(40_000), rn(0), rn(100_000), rn(0), rn(250), rn(450), rn(200)));
        } else {
            g = new DC_ChargeLoopReqType.CLReqControlModeGroup.Scheduled_DC_CLReqControlMode(new Scheduled_DC_CLReqControlModeType(null, null,
                    null, rn(targetI), rn(400), rn(100_000), null, rn(250), rn(450), rn(200)));
        }
        return new DC_ChargeLoopReqType(h(), new DisplayParametersType(55, null, 80, null, null, null, null, false, null, null), true, rn(400), g);
    }

    private AC_ChargeLoopReqType acLoop() {
        boolean bpt = variant.bpt();
        boolean dynamic = variant.dynamic;
        var z = rn(0);
        AC_ChargeLoopReqType.CLReqControlModeGroup g;
        if (bpt && dynamic) {
            g = new AC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Dynamic_AC_CLReqControlMode(new BPT_Dynamic_AC_CLReqControlModeType(null,
                    rn(5000), rn(40_000), rn(-5000), rn(11_000), null, null, z, null, null, rn(1000), null, null, z, null, null, rn(11_000), null,
                    null, z, null, null, null, null));
        } else if (bpt) {
            g = new AC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Scheduled_AC_CLReqControlMode(new BPT_Scheduled_AC_CLReqControlModeType(null,
                    null, null, rn(11_000), null, null, null, null, null, rn(1000), null, null, null, null, null, rn(11_000), null, null, null, null, null));
        } else if (dynamic) {
            g = new AC_ChargeLoopReqType.CLReqControlModeGroup.Dynamic_AC_CLReqControlMode(new Dynamic_AC_CLReqControlModeType(null, rn(5000),
                    rn(40_000), z, rn(11_000), null, null, z, null, null, rn(1000), null, null, z, null, null));
        } else {
            g = new AC_ChargeLoopReqType.CLReqControlModeGroup.Scheduled_AC_CLReqControlMode(new Scheduled_AC_CLReqControlModeType(null, null,
                    null, rn(11_000), null, null, null, null, null, rn(1000), null, null, null, null, null));
        }
        return new AC_ChargeLoopReqType(h(), new DisplayParametersType(55, null, 80, null, null, null, null, false, null, null), false, g);
    }
}
