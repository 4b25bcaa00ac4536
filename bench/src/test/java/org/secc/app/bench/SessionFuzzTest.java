package org.secc.app.bench;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.secc.app.charge.ChargeSettings;
import org.secc.app.policy.PolicyFile;
import org.secc.app.run.ChargePoint;
import org.secc.app.session.Action;
import org.secc.app.session.Outcome;
import org.secc.app.session.PausedSessions;
import org.secc.app.session.RationalNumbers;
import org.secc.app.session.ServiceOffer;
import org.secc.app.session.SessionConfig;
import org.secc.app.session.V2gSession;
import org.secc.app.session.state.WaitCableCheck;
import org.secc.exi.ExiCodec;
import org.secc.exi.ExiDecodeException;
import org.secc.exi.ExiEncodeException;
import org.secc.exi.SchemaKind;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;
import org.secc.hal.config.Hal;
import org.secc.hal.config.HalConfig;
import org.secc.hal.config.HalFactory;
import org.secc.hal.contactor.ContactorState;
import org.secc.hal.power.PowerTarget;
import org.secc.hal.sim.SimBench;
import org.secc.hal.sim.SimControlPilot;

/**
 * Coverage-guided fuzzing of the ISO 15118-20 session on the simulated bench (SimBench HAL, the
 * charge point with its charge controller and pilot supervisor, stepped inline). The fuzzer picks a
 * service and control mode, how far along the happy path to go first (so every state is reached),
 * then a sequence of requests of any type with any field values the grammar can carry (each one
 * encoded and decoded, as it arrives from the wire), bench time, pilot changes (unplug, B, C, D,
 * short to PE) and timer ticks. Invariants checked after every step:
 * <ul>
 * <li>no exception escapes the session, the charge control or the controller;</li>
 * <li>the contactors are closed only while the pilot is in C or D (IEC 61851-1; the supervisor's
 *     bound is 100 ms) and the session is in an energized state, or within the power-off's bound after
 *     it left one (secc-app/README-session.md). A ScheduleExchange that a PowerDeliveryReq
 *     ScheduleRenegotiation opened from the charge loop ([V2G20-2012/2013]: PowerDeliveryReq after a
 *     ChargeLoopRes) is energized: the contactors stay closed and the present limits apply until the new
 *     schedule's PowerDelivery (README-session.md, DcChargeLoop row); the first ScheduleExchange is not;</li>
 * <li>the stage's voltage target is never above the EV's maximum voltage that the session accepted
 *     ([V2G20-…] EVMaximumVoltage; issue S3), except the insulation test voltage of the cable check
 *     (IEC 61851-23 CC.1, {@link WaitCableCheck#testVoltage}).</li>
 * </ul>
 * secc-app/README-bench.md, "Fuzzing", has the long-run command.
 */
class SessionFuzzTest {

    /** Held: a logger nobody references may be collected, and its level with it. */
    private static final Logger QUIET = Logger.getLogger("org.secc");
    private static Level before;

    /**
     * Many sessions per second: the session's warnings (sequence errors, timeouts) are expected here. Restored
     * afterwards: the tests that run later in this JVM read the service's log lines (DemoCommandTest failed in CI
     * when this class left "org.secc" switched off).
     */
    @org.junit.jupiter.api.BeforeAll
    static void quiet() {
        before = QUIET.getLevel();
        QUIET.setLevel(Level.OFF);
    }

    @org.junit.jupiter.api.AfterAll
    static void loud() {
        QUIET.setLevel(before);
    }

    private static final long EPOCH_MS = 1_700_000_000_000L;
    /** The pilot supervisor opens within 100 ms (PilotSupervisor); measured on the 2 ms bench slices. */
    private static final long PILOT_BOUND_NANOS = 110_000_000L;
    /** A power-off ramps for at most 1 s before the contactors open; slack for the controller's poll. */
    private static final long POWER_OFF_BOUND_NANOS = 1_600_000_000L;
    private static final List<String> ENERGIZED = List.of("WaitCableCheck", "WaitPreCharge", "WaitPowerDelivery", "DcChargeLoop",
            "AcChargeLoop");
    private static final List<String> LOOPS = List.of("DcChargeLoop", "AcChargeLoop");
    private static final double[] NICE_VOLTS = {0, 1, 50, 200, 350, 400, 420, 450, 500, 600, 920, 1000};

    private enum Kind {
        SESSION_SETUP, AUTH_SETUP, AUTH, SERVICE_DISCOVERY, SERVICE_DETAIL, SERVICE_SELECTION, CPD, SCHEDULE_EXCHANGE, CABLE_CHECK,
        PRE_CHARGE, POWER_DELIVERY, CHARGE_LOOP, WELDING, SESSION_STOP
    }

    /** The happy path of one service: the kinds in order, with the repeats the bench's timing needs. */
    private static final List<Kind> DC_PATH = List.of(Kind.SESSION_SETUP, Kind.AUTH_SETUP, Kind.AUTH, Kind.SERVICE_DISCOVERY,
            Kind.SERVICE_SELECTION, Kind.CPD, Kind.SCHEDULE_EXCHANGE, Kind.CABLE_CHECK, Kind.CABLE_CHECK, Kind.CABLE_CHECK,
            Kind.PRE_CHARGE, Kind.PRE_CHARGE, Kind.PRE_CHARGE, Kind.POWER_DELIVERY, Kind.CHARGE_LOOP, Kind.CHARGE_LOOP);
    private static final List<Kind> AC_PATH = List.of(Kind.SESSION_SETUP, Kind.AUTH_SETUP, Kind.AUTH, Kind.SERVICE_DISCOVERY,
            Kind.SERVICE_SELECTION, Kind.CPD, Kind.SCHEDULE_EXCHANGE, Kind.POWER_DELIVERY, Kind.CHARGE_LOOP, Kind.CHARGE_LOOP);

    @FuzzTest(maxDuration = "10s")
    void session(FuzzedDataProvider data) {
        try (Run run = new Run(data)) {
            run.play();
        }
    }

    /** The bench's HAL settings, parsed once (an immutable value; parsing it per input was a tenth of the cost). */
    private static final HalConfig HAL_CONFIG = HalConfig.parse(LoopRig.HAL);
    /** The bench's policy, parsed once for the same reason (a record of immutable values). */
    private static final org.secc.app.policy.Policy POLICY = ((PolicyFile.Loaded) PolicyFile.parse(LoopRig.POLICY)).policy();

    /** One charge point, one session, one fuzzer input. */
    private static final class Run implements AutoCloseable {
        final FuzzedDataProvider data;
        final SimBench bench;
        final ChargePoint cp;
        final V2gSession session;
        final Clock wall;
        final LoopRig.Variant variant;
        final ExiCodec common = ExiCodec.of(SchemaKind.COMMON);
        final ExiCodec dc = ExiCodec.of(SchemaKind.DC);
        final ExiCodec ac = ExiCodec.of(SchemaKind.AC);
        /** The largest EV maximum voltage any request answered OK carried (NaN: none yet). */
        double evMaxAccepted = Double.NaN;
        /** Bench time since the contactors have been closed outside C/D, or outside an energized state (-1: not). */
        long closedOutsideCdSince = -1;
        long closedOutsideStateSince = -1;
        boolean shortToPe;
        /** The session state the last check saw, and whether the ScheduleExchange it is in was entered from a charge loop. */
        String lastState = "";
        boolean renegotiation;
        /** The last stage target checked: a target is checked when it is commanded, in the state it was commanded in. */
        PowerTarget lastTarget;

        Run(FuzzedDataProvider data) {
            this.data = data;
            HalConfig hc = HAL_CONFIG;
            bench = HalFactory.simBench(hc);
            Hal hal = new Hal(bench.controlPilot(), hc.cp(), bench.contactors(), bench.powerStage(), bench.grid(), bench.isolationMonitor(),
                    bench.temperatures(), bench.emergencyStop(), Optional.of(bench));
            var policy = POLICY;
            bench.controlPilot().setEv(SimControlPilot.EvSide.C);
            cp = new ChargePoint(hal, policy, ChargeSettings.defaults(), bench::nanos, bench::nanos, ChargePoint.SupervisorMode.INLINE);
            // enter service (delay 0, 1 s ramp), as LoopRig, but in 10 ms slices (the grid's sample period): before
            // any session nothing but the grid moves, and this set-up is most of a short input's cost
            for (int i = 0; i < 300 && (i < 100 || !inService()); i++) {
                bench.step(Duration.ofMillis(10));
                cp.pollInline();
            }
            if (!inService()) {
                throw new IllegalStateException("the bench grid did not enter service: " + cp.gridStatus());
            }
            wall = new Clock() {
                public ZoneId getZone() { return ZoneId.of("UTC"); }
                public Clock withZone(ZoneId z) { return this; }
                public Instant instant() { return Instant.ofEpochMilli(EPOCH_MS + bench.nanos() / 1_000_000); }
            };
            PausedSessions paused = new PausedSessions(Duration.ofHours(1), 4, bench::nanos);
            session = new V2gSession(SessionConfig.defaults().withServices(ServiceOffer.of(false, 6, 2, 5, 1)), cp.charge(), bench::nanos,
                    wall, paused);
            variant = data.pickValue(LoopRig.Variant.values());
        }

        void play() {
            List<Kind> path = variant.ac() ? AC_PATH : DC_PATH;
            int prefix = data.consumeInt(0, path.size());
            for (int i = 0; i < prefix; i++) {
                send(path.get(i), false);
                advance(100);
            }
            for (int op = 0; op < 64 && data.remainingBytes() > 0; op++) {
                switch (data.consumeInt(0, 7)) {
                    case 0, 1, 2 -> send(data.pickValue(Kind.values()), true);
                    case 3 -> send(path.get(data.consumeInt(0, path.size() - 1)), true);
                    case 4 -> advance(data.consumeInt(0, 1500));
                    case 5 -> {
                        bench.controlPilot().setEv(data.pickValue(SimControlPilot.EvSide.values()));
                        advance(data.consumeInt(0, 300));
                    }
                    case 6 -> {
                        shortToPe = !shortToPe;
                        bench.controlPilot().injectShortToPe(shortToPe);
                        advance(data.consumeInt(0, 300));
                    }
                    default -> {
                        for (Action a : session.tick()) {
                            if (a instanceof Action.CloseConnection) {
                                session.connectionLost();
                            }
                        }
                        check();
                    }
                }
            }
            session.connectionLost();
            // the power-off completes, or the invariant fails; once the contactors are open (commanded and confirmed)
            // with the session over, 100 ms more and nothing is left to happen
            long quietSince = -1;
            for (int ms = 0; ms < POWER_OFF_BOUND_NANOS / 1_000_000 + 100; ms += 2) {
                advance(2);
                ContactorState c = bench.contactors().state();
                boolean quiet = session.ended() && !c.commandedClosed() && !c.mirrorClosed();
                quietSince = quiet ? (quietSince < 0 ? ms : quietSince) : -1;
                if (quietSince >= 0 && ms - quietSince >= 100) {
                    break;
                }
            }
        }

        boolean inService() {
            var g = cp.gridStatus();
            return g != null && g.powerFraction() >= 1.0;
        }

        /** Moves the bench in 2 ms slices, as the service's threads poll, checking the invariants at each. */
        void advance(int ms) {
            for (int i = 0; i < ms; i += 2) {
                bench.step(Duration.ofMillis(2));
                cp.pollInline();
                check();
            }
        }

        void send(Kind kind, boolean fuzzValues) {
            V2GRequestType req = request(kind, fuzzValues);
            ExiCodec codec = codecOf(req);
            byte[] exi;
            try {
                exi = codec.encode(req);
            } catch (ExiEncodeException e) {
                return; // a value the grammar cannot carry never arrives
            }
            V2GRequestType decoded;
            try {
                decoded = (V2GRequestType) codec.decode(exi).value();
            } catch (ExiDecodeException e) {
                throw new AssertionError("a request the codec encoded does not decode: " + e.getMessage(), e);
            }
            Outcome o = session.handle(decoded);
            for (int i = 0; i < 3000 && o.actions().stream().anyMatch(a -> a instanceof Action.ResponsePending); i++) {
                advance(2);
                o = session.poll();
            }
            Optional<V2GResponseType> res = o.response();
            if (res.isPresent() && res.get().ResponseCode().name().startsWith("OK")) {
                double evMax = evMaxVoltage(decoded);
                if (!Double.isNaN(evMax)) {
                    evMaxAccepted = Double.isNaN(evMaxAccepted) ? evMax : Math.max(evMaxAccepted, evMax);
                }
            }
            if (o.actions().stream().anyMatch(a -> a instanceof Action.CloseConnection)) {
                session.connectionLost();
            }
            check();
        }

        void check() {
            long now = bench.nanos();
            ContactorState c = bench.contactors().state();
            boolean closed = c.commandedClosed() || c.mirrorClosed();
            SimControlPilot.EvSide ev = bench.controlPilot().ev();
            boolean cd = !shortToPe && (ev == SimControlPilot.EvSide.C || ev == SimControlPilot.EvSide.D);
            closedOutsideCdSince = closed && !cd ? (closedOutsideCdSince < 0 ? now : closedOutsideCdSince) : -1;
            if (closedOutsideCdSince >= 0 && now - closedOutsideCdSince > PILOT_BOUND_NANOS) {
                throw new AssertionError("contactors closed for " + (now - closedOutsideCdSince) / 1_000_000 + " ms with the pilot in "
                        + ev + (shortToPe ? " (short to PE)" : "") + ", session " + session.stateName() + ", " + variant);
            }
            String state = session.stateName();
            if (!state.equals(lastState)) {
                // a renegotiation: PowerDeliveryReq ScheduleRenegotiation answered in the loop, contactors kept closed
                renegotiation = state.equals("WaitScheduleExchange") && LOOPS.contains(lastState);
                lastState = state;
            }
            boolean energized = !session.ended() && (ENERGIZED.contains(state) || renegotiation);
            closedOutsideStateSince = closed && !energized ? (closedOutsideStateSince < 0 ? now : closedOutsideStateSince) : -1;
            if (closedOutsideStateSince >= 0 && now - closedOutsideStateSince > POWER_OFF_BOUND_NANOS) {
                throw new AssertionError("contactors closed for " + (now - closedOutsideStateSince) / 1_000_000 + " ms in session state "
                        + session.stateName() + ", " + variant);
            }
            PowerTarget t = bench.powerStage().target();
            if (t != null && t != lastTarget && t.voltageV() > 0) {
                lastTarget = t;
                double bound = Double.isNaN(evMaxAccepted) ? 0 : evMaxAccepted;
                if (session.stateName().equals("WaitCableCheck") || session.stateName().equals("WaitPreCharge")) {
                    bound = Math.max(bound, WaitCableCheck.testVoltage(bound, cp.charge().dcLimits().maxVoltage()));
                }
                if (t.voltageV() > bound + 0.5) {
                    throw new AssertionError("stage voltage target " + t.voltageV() + " V above the EV's maximum " + evMaxAccepted + " V in "
                            + session.stateName() + ", " + variant);
                }
            }
        }

        private ExiCodec codecOf(V2GRequestType req) {
            String pkg = req.getClass().getPackageName();
            return pkg.endsWith(".dc") ? dc : pkg.endsWith(".ac") ? ac : common;
        }

        // ------------------------------------------------------------ requests

        MessageHeaderType h(boolean fuzz) {
            byte[] id = session.sessionId();
            if (fuzz && data.consumeInt(0, 15) == 0) {
                id = data.consumeBytes(8);
            }
            return new MessageHeaderType(id, EPOCH_MS / 1000 + bench.nanos() / 1_000_000_000L, null);
        }

        /** A rational number: a realistic value, or any the grammar carries (short value, byte exponent). */
        RationalNumberType rn(double nice, boolean fuzz) {
            if (!fuzz) {
                return RationalNumbers.of(nice);
            }
            return switch (data.consumeInt(0, 3)) {
                case 0 -> RationalNumbers.of(nice);
                case 1 -> RationalNumbers.of(data.pickValue(NICE_VOLTS));
                case 2 -> new RationalNumberType(data.consumeInt(-3, 3), data.consumeInt(-32768, 32767));
                default -> new RationalNumberType(data.consumeInt(-128, 127), data.consumeInt(-32768, 32767));
            };
        }

        processingType processing(boolean fuzz, processingType dflt) {
            return fuzz ? data.pickValue(processingType.values()) : dflt;
        }

        V2GRequestType request(Kind kind, boolean f) {
            boolean dyn = variant.dynamic;
            return switch (kind) {
                case SESSION_SETUP -> new SessionSetupReqType(new MessageHeaderType(f && data.consumeBoolean() ? session.sessionId() : new byte[8],
                        EPOCH_MS / 1000, null), "EV1");
                case AUTH_SETUP -> new AuthorizationSetupReqType(h(f));
                case AUTH -> new AuthorizationReqType(h(f), authorizationType.EIM,
                        new AuthorizationReqType.AReqAuthorizationMode.EIM_AReqAuthorizationMode(new EIM_AReqAuthorizationModeType()));
                case SERVICE_DISCOVERY -> new ServiceDiscoveryReqType(h(f), null);
                case SERVICE_DETAIL -> new ServiceDetailReqType(h(f), f ? data.consumeInt(0, 7) : variant.service);
                case SERVICE_SELECTION -> new ServiceSelectionReqType(h(f), new SelectedServiceType(f ? data.consumeInt(0, 7) : variant.service,
                        f ? data.consumeInt(0, 3) : dyn ? 2 : 1), null);
                case CPD -> variant.ac() ? acCpd(f) : dcCpd(f);
                case SCHEDULE_EXCHANGE -> new ScheduleExchangeReqType(h(f), 12, dyn
                        ? new ScheduleExchangeReqType.SEReqControlMode.Dynamic_SEReqControlMode(new Dynamic_SEReqControlModeType(3600L, 20, 80,
                                rn(40_000, f), rn(60_000, f), rn(0, f), rn(20_000, f), rn(0, f)))
                        : new ScheduleExchangeReqType.SEReqControlMode.Scheduled_SEReqControlMode(
                                new Scheduled_SEReqControlModeType(3600L, rn(40_000, f), rn(60_000, f), rn(0, f), null)));
                case CABLE_CHECK -> new DC_CableCheckReqType(h(f));
                case PRE_CHARGE -> new DC_PreChargeReqType(h(f), processing(f, processingType.Ongoing), rn(400, f), rn(400, f));
                case POWER_DELIVERY -> powerDelivery(f);
                case CHARGE_LOOP -> variant.ac() ? acLoop(f) : dcLoop(f);
                case WELDING -> new DC_WeldingDetectionReqType(h(f), processing(f, processingType.Finished));
                case SESSION_STOP -> new SessionStopReqType(h(f), f ? data.pickValue(chargingSessionType.values()) : chargingSessionType.Terminate,
                        null, null);
            };
        }

        V2GRequestType dcCpd(boolean f) {
            return variant.bpt()
                    ? new DC_ChargeParameterDiscoveryReqType(h(f), new DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup.BPT_DC_CPDReqEnergyTransferMode(
                            new BPT_DC_CPDReqEnergyTransferModeType(rn(100_000, f), rn(0, f), rn(250, f), rn(0, f), rn(450, f), rn(200, f), 80,
                                    rn(20_000, f), rn(0, f), rn(50, f), rn(0, f))))
                    : new DC_ChargeParameterDiscoveryReqType(h(f), new DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup.DC_CPDReqEnergyTransferMode(
                            new DC_CPDReqEnergyTransferModeType(rn(100_000, f), rn(0, f), rn(250, f), rn(0, f), rn(450, f), rn(200, f), null)));
        }

        V2GRequestType acCpd(boolean f) {
            return variant.bpt()
                    ? new AC_ChargeParameterDiscoveryReqType(h(f), new AC_ChargeParameterDiscoveryReqType.AC_CPDReqEnergyTransferModeGroup.BPT_AC_CPDReqEnergyTransferMode(
                            new BPT_AC_CPDReqEnergyTransferModeType(rn(11_000, f), null, null, rn(0, f), null, null, rn(11_000, f), null, null, rn(0, f),
                                    null, null)))
                    : new AC_ChargeParameterDiscoveryReqType(h(f), new AC_ChargeParameterDiscoveryReqType.AC_CPDReqEnergyTransferModeGroup.AC_CPDReqEnergyTransferMode(
                            new AC_CPDReqEnergyTransferModeType(rn(11_000, f), null, null, rn(0, f), null, null)));
        }

        V2GRequestType powerDelivery(boolean f) {
            boolean dyn = variant.dynamic;
            EVPowerProfileType.EVPPTControlMode m = dyn
                    ? new EVPowerProfileType.EVPPTControlMode.Dynamic_EVPPTControlMode(new Dynamic_EVPPTControlModeType())
                    : new EVPowerProfileType.EVPPTControlMode.Scheduled_EVPPTControlMode(new Scheduled_EVPPTControlModeType(1, null));
            chargeProgressType progress = f ? data.pickValue(chargeProgressType.values()) : chargeProgressType.Start;
            return new PowerDeliveryReqType(h(f), processing(f, processingType.Finished), progress,
                    new EVPowerProfileType(EPOCH_MS / 1000, m, new EVPowerProfileEntryListType(List.of(
                            new PowerScheduleEntryType(3600, rn(10_000, f), null, null)))), null);
        }

        V2GRequestType dcLoop(boolean f) {
            DC_ChargeLoopReqType.CLReqControlModeGroup g;
            if (variant.bpt() && variant.dynamic) {
                g = new DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Dynamic_DC_CLReqControlMode(new BPT_Dynamic_DC_CLReqControlModeType(null,
                        rn(-5000, f), rn(40_000, f), rn(-8000, f), rn(100_000, f), rn(0, f), rn(250, f), rn(450, f), rn(200, f), rn(20_000, f),
                        rn(0, f), rn(50, f), null, null));
            } else if (variant.bpt()) {
                g = new DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Scheduled_DC_CLReqControlMode(new BPT_Scheduled_DC_CLReqControlModeType(
                        null, null, null, rn(20, f), rn(400, f), rn(100_000, f), null, rn(250, f), rn(450, f), rn(200, f), rn(20_000, f), null,
                        rn(50, f)));
            } else if (variant.dynamic) {
                g = new DC_ChargeLoopReqType.CLReqControlModeGroup.Dynamic_DC_CLReqControlMode(new Dynamic_DC_CLReqControlModeType(null,
                        rn(5000, f), rn(40_000, f), rn(0, f), rn(100_000, f), rn(0, f), rn(250, f), rn(450, f), rn(200, f)));
            } else {
                g = new DC_ChargeLoopReqType.CLReqControlModeGroup.Scheduled_DC_CLReqControlMode(new Scheduled_DC_CLReqControlModeType(null,
                        null, null, rn(20, f), rn(400, f), rn(100_000, f), null, rn(250, f), rn(450, f), rn(200, f)));
            }
            return new DC_ChargeLoopReqType(h(f), new DisplayParametersType(55, null, 80, null, null, null, null, false, null, null),
                    f ? data.consumeBoolean() : true, rn(400, f), g);
        }

        V2GRequestType acLoop(boolean f) {
            var z = rn(0, f);
            AC_ChargeLoopReqType.CLReqControlModeGroup g;
            if (variant.bpt() && variant.dynamic) {
                g = new AC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Dynamic_AC_CLReqControlMode(new BPT_Dynamic_AC_CLReqControlModeType(null,
                        rn(5000, f), rn(40_000, f), rn(-5000, f), rn(11_000, f), null, null, z, null, null, rn(1000, f), null, null, z, null, null,
                        rn(11_000, f), null, null, z, null, null, null, null));
            } else if (variant.bpt()) {
                g = new AC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Scheduled_AC_CLReqControlMode(new BPT_Scheduled_AC_CLReqControlModeType(
                        null, null, null, rn(11_000, f), null, null, null, null, null, rn(1000, f), null, null, null, null, null, rn(11_000, f), null,
                        null, null, null, null));
            } else if (variant.dynamic) {
                g = new AC_ChargeLoopReqType.CLReqControlModeGroup.Dynamic_AC_CLReqControlMode(new Dynamic_AC_CLReqControlModeType(null,
                        rn(5000, f), rn(40_000, f), z, rn(11_000, f), null, null, z, null, null, rn(1000, f), null, null, z, null, null));
            } else {
                g = new AC_ChargeLoopReqType.CLReqControlModeGroup.Scheduled_AC_CLReqControlMode(new Scheduled_AC_CLReqControlModeType(null,
                        null, null, rn(11_000, f), null, null, null, null, null, rn(1000, f), null, null, null, null, null));
            }
            return new AC_ChargeLoopReqType(h(f), new DisplayParametersType(55, null, 80, null, null, null, null, false, null, null),
                    f ? data.consumeBoolean() : false, g);
        }

        /** The EV maximum voltage a request carries (NaN: none). */
        static double evMaxVoltage(V2GRequestType r) {
            RationalNumberType v = null;
            if (r instanceof DC_ChargeParameterDiscoveryReqType c) {
                var g = c.DC_CPDReqEnergyTransferModeGroup();
                v = g instanceof DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup.BPT_DC_CPDReqEnergyTransferMode b
                        ? b.value().EVMaximumVoltage()
                        : ((DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup.DC_CPDReqEnergyTransferMode) g).value().EVMaximumVoltage();
            } else if (r instanceof DC_ChargeLoopReqType l) {
                var g = l.CLReqControlModeGroup();
                if (g instanceof DC_ChargeLoopReqType.CLReqControlModeGroup.Scheduled_DC_CLReqControlMode s) {
                    v = s.value().EVMaximumVoltage();
                } else if (g instanceof DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Scheduled_DC_CLReqControlMode s) {
                    v = s.value().EVMaximumVoltage();
                } else if (g instanceof DC_ChargeLoopReqType.CLReqControlModeGroup.Dynamic_DC_CLReqControlMode s) {
                    v = s.value().EVMaximumVoltage();
                } else if (g instanceof DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Dynamic_DC_CLReqControlMode s) {
                    v = s.value().EVMaximumVoltage();
                }
            }
            return v == null ? Double.NaN : RationalNumbers.toDouble(v);
        }

        @Override
        public void close() {
            cp.close();
        }
    }
}
