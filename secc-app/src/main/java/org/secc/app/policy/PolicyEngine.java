package org.secc.app.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import org.secc.app.grid.GridSafetySupervisor;
import org.secc.app.grid.GridStatus;
import org.secc.common.config.ConfigException;

/**
 * The discharge policy engine: pure logic with injected time. Call {@link #step} once per control step
 * (each charge-loop message); commands, heartbeats and reloads may come from other threads and take
 * effect at the next step. Every public method is synchronized; none blocks.
 *
 * <p>The one command path: {@code secc ctl}, the MQTT site interface and OCPP all call
 * {@link #handle(PolicyCommand, CommandSource, long)}, {@link #heartbeat(CommandSource, long)} and
 * {@link #link(CommandSource, boolean, long)}. The precedence of what they set is documented once, in
 * secc-app/README-grid.md ("Precedence").
 */
public final class PolicyEngine {
    private static final Logger LOG = Logger.getLogger(PolicyEngine.class.getName());
    private static final int REMEMBERED_IDS = 1024;
    private static final long NS = 1_000_000_000L;
    /** The longest validity a limit or setpoint may claim: a day; a site controller renews more often. */
    public static final double MAX_VALIDITY_S = 86_400;
    public static final int MAX_REASON = 120;

    private Policy policy;
    private Policy pending;

    // Commands.
    private final Map<String, CommandResult> seen = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CommandResult> e) {
            return size() > REMEMBERED_IDS;
        }
    };
    private double price = Double.NaN;
    private CommandSource priceSource;
    /** When the price lapses (monotonic ns); Long.MAX_VALUE = it does not. */
    private long priceExpiresAt = Long.MAX_VALUE;
    /** A price that lapsed unrenewed: its source's charge-only fail-safe until a new price or clear-limits. */
    private final EnumMap<CommandSource, String> priceLapsed = new EnumMap<>(CommandSource.class);
    private PolicyCommand.Manual manual;
    private PolicyCommand.ForceDischarge force;
    private CommandSource operatorSource;
    private boolean emergencyStop;

    // Per source: heartbeat (armed by the first one: no site controller, no fail-safe), connection lost
    // since, site limits, dispatch setpoint, and the reason of a lapse fail-safe.
    private final EnumMap<CommandSource, Long> lastHeartbeat = new EnumMap<>(CommandSource.class);
    private final EnumMap<CommandSource, Long> linkDownSince = new EnumMap<>(CommandSource.class);
    private final EnumMap<CommandSource, ExternalLimit> limits = new EnumMap<>(CommandSource.class);
    private final EnumMap<CommandSource, ExternalLimit> setpoints = new EnumMap<>(CommandSource.class);
    private final EnumMap<CommandSource, String> lapsed = new EnumMap<>(CommandSource.class);

    // Session, thermal, reversal hold.
    private double sessionStartSoc = Double.NaN;
    private double thermalFactor = 1.0;
    private long lastChargeNanos = Long.MIN_VALUE;
    private long lastDischargeNanos = Long.MIN_VALUE;

    // The CSMS (OCPP): its composite schedule now, and whether it has been unreachable too long.
    private CsmsInput csms;
    private boolean csmsFailsafe;
    // LocalFrequency (OCPP Q08): the curve the setpoint was computed for, the frequency then, and the setpoint.
    private FrequencySetpoint lfFor;
    private double lfHz = Double.NaN;
    private double lfSetpointW = Double.NaN;

    private String lastChargeLine = "";
    private String lastDischargeLine = "";
    private String lastModeLine = "";

    public PolicyEngine(Policy initial) {
        this.policy = initial;
    }

    public synchronized Policy policy() {
        return pending != null ? pending : policy;
    }

    /** Replaces the policy at the next step (the session keeps running). */
    public synchronized void applyAtNextStep(Policy p) {
        pending = p;
    }

    /**
     * Reloads the file: valid → applied at the next step; invalid → the old policy stays and the result
     * says exactly what is wrong.
     */
    public PolicyFile.Result reload(Path file) {
        PolicyFile.Result r = PolicyFile.load(file);
        if (r instanceof PolicyFile.Loaded l) {
            applyAtNextStep(l.policy());
            LOG.info("policy " + file + " loaded; applies at the next control step");
        } else if (r instanceof PolicyFile.Invalid inv) {
            LOG.warning("policy " + file + " rejected, keeping the old policy: " + String.join("; ", ConfigException.shown(inv.errors())));
        }
        return r;
    }

    /** A heartbeat from the local operator's site controller script ({@code secc ctl heartbeat}). */
    public synchronized void heartbeat(long nowNanos) {
        heartbeat(CommandSource.CTL, nowNanos);
    }

    /**
     * A heartbeat from a source. The first one arms the supervision of that source: from then on, no
     * heartbeat for {@code site_heartbeat_timeout_s} means charge-only until the next one.
     */
    public synchronized void heartbeat(CommandSource source, long nowNanos) {
        lastHeartbeat.put(source, nowNanos);
    }

    /**
     * The connection to a source (the MQTT broker, the CSMS) went down or came back. Down for longer than
     * {@code site_heartbeat_timeout_s} means charge-only until it is back; the heartbeat then lifts the
     * fail-safe once it arrives again.
     */
    public synchronized void link(CommandSource source, boolean up, long nowNanos) {
        if (up) {
            linkDownSince.remove(source);
        } else {
            linkDownSince.putIfAbsent(source, nowNanos);
        }
    }

    /**
     * The CSMS's composite schedule for this charge point (OCPP K08/Q03): caps and an optional setpoint.
     * It ranks with the site limits: above operator commands and price, below safety and the grid
     * supervisor (precedence: README-grid.md). Null lifts it.
     */
    public synchronized void csms(CsmsInput in) {
        csms = in;
        lfFor = null; // a new LocalFrequency period computes its setpoint at once (Q08.FR.06)
    }

    /** The CSMS has been unreachable for ocpp.offline_failsafe_s: charge-only until it is back. */
    public synchronized void csmsFailsafe(boolean active) {
        csmsFailsafe = active;
    }

    /** What `secc ctl status` shows of the CSMS input. */
    public synchronized CsmsInput csms() {
        return csms;
    }

    public synchronized boolean csmsFailsafe() {
        return csmsFailsafe;
    }

    /** A new session begins: the depth-of-discharge limit counts from this SOC. */
    public synchronized void startSession(double socPct) {
        sessionStartSoc = socPct;
    }

    /**
     * Applies a command from a source at monotonic time {@code nowNanos} (the start of a limit's validity).
     * A repeated id of the same source changes nothing and returns the first result with
     * {@code duplicate = true}; sources have separate id spaces.
     */
    public synchronized CommandResult handle(PolicyCommand c, CommandSource source, long nowNanos) {
        String key = source.wire() + "/" + c.id();
        CommandResult prev = seen.get(key);
        if (prev != null) {
            return new CommandResult(c.id(), prev.accepted(), true, prev.message());
        }
        CommandResult r = apply(c, source, nowNanos);
        seen.put(key, r);
        LOG.info("command from " + source.wire() + " " + c + ": " + r.message());
        return r;
    }

    private CommandResult apply(PolicyCommand c, CommandSource source, long now) {
        if (c instanceof PolicyCommand.SetLimits l) {
            String bad = checkLimit(l.importLimitW(), "import") != null ? checkLimit(l.importLimitW(), "import")
                    : checkLimit(l.exportLimitW(), "export");
            if (bad == null && Double.isNaN(l.importLimitW()) && Double.isNaN(l.exportLimitW())) {
                bad = "limits need an import or an export limit";
            }
            if (bad == null) {
                bad = checkValidity(l.validityS());
            }
            if (bad == null) {
                bad = checkReason(l.reason());
            }
            if (bad != null) {
                return new CommandResult(c.id(), false, false, bad);
            }
            ExternalLimit x = new ExternalLimit(source, c.id(), l.importLimitW(), l.exportLimitW(), Double.NaN,
                    l.reason() == null ? "" : l.reason(), now + (long) (l.validityS() * NS));
            limits.put(source, x);
            lapsed.remove(source);
            return ok(c, x + " for " + fmt(l.validityS()) + " s");
        } else if (c instanceof PolicyCommand.Dispatch d) {
            String bad = !Double.isFinite(d.setpointW()) || Math.abs(d.setpointW()) > 1_000_000
                    ? "dispatch setpoint must be a finite number of W within +-1000000" : checkValidity(d.validityS());
            if (bad == null) {
                bad = checkReason(d.reason());
            }
            if (bad != null) {
                return new CommandResult(c.id(), false, false, bad);
            }
            ExternalLimit x = new ExternalLimit(source, c.id(), Double.NaN, Double.NaN, d.setpointW(),
                    d.reason() == null ? "" : d.reason(), now + (long) (d.validityS() * NS));
            setpoints.put(source, x);
            lapsed.remove(source);
            return ok(c, x + " for " + fmt(d.validityS()) + " s");
        } else if (c instanceof PolicyCommand.ClearLimits) {
            if (source == CommandSource.CTL) {
                limits.clear();
                setpoints.clear();
                lapsed.clear();
                priceLapsed.clear();
                return ok(c, "limits and setpoints of every source cleared");
            }
            limits.remove(source);
            setpoints.remove(source);
            lapsed.remove(source);
            priceLapsed.remove(source);
            return ok(c, "limits and setpoint from " + source.wire() + " cleared");
        }
        if (c instanceof PolicyCommand.SetPrice p && !Double.isNaN(p.validityS())) {
            String bad = checkValidity(p.validityS());
            if (bad != null) {
                return new CommandResult(c.id(), false, false, "price " + bad);
            }
        }
        CommandResult r = applyOperator(c);
        if (r.accepted()) {
            if (c instanceof PolicyCommand.SetPrice p) {
                priceSource = source;
                priceExpiresAt = Double.isNaN(p.validityS()) ? Long.MAX_VALUE : now + (long) (p.validityS() * NS);
                priceLapsed.remove(source);
                if (!Double.isNaN(p.validityS())) {
                    r = new CommandResult(r.id(), true, false, r.message() + " for " + fmt(p.validityS()) + " s");
                }
            } else if (c instanceof PolicyCommand.Manual || c instanceof PolicyCommand.ForceDischarge) {
                operatorSource = source;
            }
        }
        return r;
    }

    private static String checkLimit(double w, String what) {
        if (Double.isNaN(w) || (Double.isFinite(w) && w >= 0 && w <= 1_000_000)) {
            return null;
        }
        return what + " limit must be 0 to 1000000 W";
    }

    private static String checkValidity(double s) {
        return Double.isFinite(s) && s > 0 && s <= MAX_VALIDITY_S ? null
                : "validity must be more than 0 and at most " + (long) MAX_VALIDITY_S + " s";
    }

    private static String checkReason(String r) {
        return r == null || r.length() <= MAX_REASON ? null : "reason longer than " + MAX_REASON + " characters";
    }

    private CommandResult applyOperator(PolicyCommand c) {
        // Java 17: no pattern switch; the interface is sealed, so this chain and apply's are complete.
        if (c instanceof PolicyCommand.SetPrice p) {
            if (!Double.isFinite(p.pricePerKwh())) {
                return new CommandResult(c.id(), false, false, "price must be a finite number");
            }
            price = p.pricePerKwh();
            return ok(c, "price " + fmt(price));
        } else if (c instanceof PolicyCommand.ForceDischarge f) {
            if (!(f.powerW() > 0) || !Double.isFinite(f.powerW())) {
                return new CommandResult(c.id(), false, false, "force-discharge power must be > 0 W");
            }
            force = f;
            manual = null;
            return ok(c, "forced discharge up to " + kw(f.powerW()) + " (down to the hard floor)");
        } else if (c instanceof PolicyCommand.Manual m) {
            if (m.mode() == Mode.STOPPED || m.mode() == null) {
                return new CommandResult(c.id(), false, false, "manual mode must be CHARGE, DISCHARGE or IDLE");
            }
            if (!(m.powerW() >= 0) || !Double.isFinite(m.powerW())) {
                return new CommandResult(c.id(), false, false, "manual power must be >= 0 W");
            }
            manual = m;
            force = null;
            return ok(c, "manual " + m.mode() + " at " + kw(m.powerW()));
        } else if (c instanceof PolicyCommand.Auto) {
            manual = null;
            force = null;
            return ok(c, "automatic");
        } else if (c instanceof PolicyCommand.EmergencyStop) {
            emergencyStop = true;
            return ok(c, "emergency stop");
        } else if (c instanceof PolicyCommand.ResetEmergencyStop) {
            emergencyStop = false;
            return ok(c, "emergency stop reset");
        }
        throw new IllegalArgumentException("unknown command " + c);
    }

    private static CommandResult ok(PolicyCommand c, String msg) {
        return new CommandResult(c.id(), true, false, msg);
    }

    /** A limit being narrowed down; the first constraint that lowers it most gives the reason. */
    private static final class Limit {
        double w;
        String reason;

        Limit(double w, String reason) {
            this.w = w;
            this.reason = reason;
        }

        void cap(double v, String why) {
            v = Math.max(0, v);
            if (v < w) {
                w = v;
                reason = why;
            }
        }
    }

    public synchronized StepOutput step(StepInput in) {
        if (pending != null) {
            policy = pending;
            pending = null;
        }
        DischargePolicy p = policy.discharge();
        long now = in.nowNanos();
        double soc = in.socPct();
        if (Double.isNaN(sessionStartSoc) && !Double.isNaN(soc)) {
            sessionStartSoc = soc;
        }
        Limit ch = new Limit(p.maxChargePowerW(), "max charge power " + kw(p.maxChargePowerW()));
        Limit dis = new Limit(p.maxDischargePowerW(), "max discharge power " + kw(p.maxDischargePowerW()));

        if (emergencyStop) {
            ch.cap(0, "emergency stop");
            dis.cap(0, "emergency stop");
        }
        GridStatus g = in.grid();
        if (policy.gridCode() == null) {
            dis.cap(0, "no grid code set: charge-only");
        } else if (g == null) {
            dis.cap(0, "grid supervisor not running");
        }
        if (g != null) {
            if (g.state() == GridSafetySupervisor.State.TRIPPED
                    || g.state() == GridSafetySupervisor.State.WAITING_TO_ENTER_SERVICE) {
                ch.cap(0, g.reason());
                dis.cap(0, g.reason());
            } else if (g.state() == GridSafetySupervisor.State.RAMPING) {
                ch.cap(g.powerFraction() * p.maxChargePowerW(), "enter-service ramp");
                dis.cap(g.powerFraction() * p.maxDischargePowerW(), "enter-service ramp");
            }
        }
        // Site and CSMS limits (README-grid.md, "Precedence"): below safety, above operator commands.
        expire(now);
        for (ExternalLimit x : limits.values()) {
            if (!Double.isNaN(x.importLimitW())) {
                ch.cap(x.importLimitW(), x.label() + " " + kw(x.importLimitW()));
            }
            if (!Double.isNaN(x.exportLimitW())) {
                dis.cap(x.exportLimitW(), x.label() + " " + kw(x.exportLimitW()));
            }
        }
        List<String> failsafe = failsafeReasons(p, now);
        boolean heartbeatLost = !failsafe.isEmpty();
        if (heartbeatLost) {
            String why = failsafe.get(0);
            dis.cap(0, why);
            ch.cap(p.failsafeChargePowerW(), why);
        }
        if (csmsFailsafe) {
            dis.cap(0, "CSMS unreachable: charge-only fail-safe");
        }
        if (csms != null) {
            if (Double.isFinite(csms.maxChargeW())) {
                ch.cap(csms.maxChargeW(), csms.reason());
            }
            if (Double.isFinite(csms.maxDischargeW())) {
                dis.cap(csms.maxDischargeW(), csms.reason());
            }
        }
        // SOC: the hard floor binds everything; the reserve binds all but a forced discharge; the
        // depth-of-discharge limit is the driver's agreement and binds everything.
        if (Double.isNaN(soc)) {
            dis.cap(0, "SOC unknown");
        } else {
            if (soc <= p.socFloorPct()) {
                dis.cap(0, "SOC " + fmt(soc) + " % at hard floor " + fmt(p.socFloorPct()) + " %");
            }
            if (force == null && soc <= p.socReservePct()) {
                dis.cap(0, "SOC " + fmt(soc) + " % at reserve " + fmt(p.socReservePct()) + " %");
            }
            if (!Double.isNaN(sessionStartSoc) && sessionStartSoc - soc >= p.sessionDodLimitPct()) {
                dis.cap(0, "session depth of discharge " + fmt(sessionStartSoc - soc) + " % reached limit "
                        + fmt(p.sessionDodLimitPct()) + " %");
            }
        }
        updateThermal(p, in.heatSinkC());
        if (Double.isNaN(in.heatSinkC())) {
            ch.cap(0, "heat-sink temperature unknown");
            dis.cap(0, "heat-sink temperature unknown");
        } else if (thermalFactor < 1.0) {
            String why = "heat sink " + Math.round(in.heatSinkC()) + " °C";
            ch.cap(thermalFactor * p.maxChargePowerW(), why);
            dis.cap(thermalFactor * p.maxDischargePowerW(), why);
        }
        // Frequency-watt: over-frequency lowers discharge, under-frequency lowers charge (the target
        // moves with the limit in Dynamic mode). The cap comes from the supervisor's droop value, which
        // follows the frequency with the open-loop response time: the reason names the droop, and the
        // frequency only as the present reading (the cap may lag it, e.g. after the grid recovered).
        if (g != null && policy.gridCode() != null && g.droopPu() != 0) {
            String why = String.format(Locale.ROOT, "frequency-watt droop %.1f %% of rating (grid now %.3f Hz)", Math.abs(g.droopPu()) * 100,
                    g.frequencyHz());
            if (g.droopPu() > 0) {
                dis.cap(p.maxDischargePowerW() * (1 - g.droopPu()), why);
            } else {
                ch.cap(p.maxChargePowerW() * (1 + g.droopPu()), why);
            }
        }

        // Mode.
        Mode mode;
        String modeWhy;
        boolean priceDriven = false;
        double f = g == null ? Double.NaN : g.frequencyHz();
        ExternalLimit sp = currentSetpoint();
        if (emergencyStop) {
            mode = Mode.STOPPED;
            modeWhy = "emergency stop";
        } else if (csms != null && Double.isFinite(csmsSetpoint(f))) {
            // A CSMS setpoint (OCPP 2.1 CentralSetpoint, CentralFrequency, or LocalFrequency computed here from
            // the charger's own frequency measurement) outranks the site dispatch, operator commands and price
            // (SmartChargingCtrlr.SetpointPriority = CSMS, Q06.FR.22); the limits above still bind it.
            double csp = lfFor != null ? lfSetpointW : csms.setpointW();
            String why = lfFor == null ? csms.reason() : Double.isNaN(lfHz) ? csms.reason() + " without a frequency measurement: baseline"
                    : String.format(Locale.ROOT, "%s at %.3f Hz", csms.reason(), lfHz);
            mode = csp > 0 ? Mode.CHARGE : csp < 0 ? Mode.DISCHARGE : Mode.IDLE;
            modeWhy = why;
            if (csp > 0) {
                ch.cap(csp, why + " setpoint " + kw(csp));
            } else if (csp < 0) {
                dis.cap(-csp, why + " setpoint " + kw(csp));
            }
        } else if (sp == null && csms != null && csms.externalSetpoint()) {
            // OCPP ExternalSetpoint (Q05.FR.01): the CSMS leaves the setpoint to the site controller; none yet.
            mode = Mode.IDLE;
            modeWhy = csms.reason() + ": no dispatch setpoint from the site controller";
        } else if (sp != null) {
            double w = sp.setpointW();
            mode = w > 0 ? Mode.CHARGE : w < 0 ? Mode.DISCHARGE : Mode.IDLE;
            modeWhy = sp.label();
            if (w > 0) {
                ch.cap(w, sp.label() + " " + kw(w));
            } else if (w < 0) {
                dis.cap(-w, sp.label() + " " + kw(-w));
            }
        } else if (manual != null) {
            mode = manual.mode();
            modeWhy = "manual";
            if (mode == Mode.CHARGE) {
                ch.cap(manual.powerW(), "manual " + kw(manual.powerW()));
            } else if (mode == Mode.DISCHARGE) {
                dis.cap(manual.powerW(), "manual " + kw(manual.powerW()));
            }
        } else if (force != null) {
            mode = Mode.DISCHARGE;
            modeWhy = "forced discharge";
            dis.cap(force.powerW(), "forced discharge " + kw(force.powerW()));
        } else if (heartbeatLost) {
            // Fail-safe first: without the site controller no discharge at all, not even frequency support.
            mode = Mode.CHARGE;
            modeWhy = "fail-safe: " + failsafe.get(0);
        } else if (!Double.isNaN(f) && f < p.urgencyFrequencyHz()) {
            // Frequency support regardless of price; the reserve still binds (it was applied above).
            mode = Mode.DISCHARGE;
            modeWhy = String.format(Locale.ROOT, "frequency support: %.3f Hz below %.3f Hz", f, p.urgencyFrequencyHz());
        } else if (Double.isNaN(price)) {
            mode = p.noPriceMode();
            modeWhy = "no price";
        } else if (price < p.priceChargeBelow()) {
            mode = Mode.CHARGE;
            modeWhy = "price " + fmt(price) + " below " + fmt(p.priceChargeBelow());
            priceDriven = true;
        } else if (price > p.priceDischargeAbove()) {
            mode = Mode.DISCHARGE;
            modeWhy = "price " + fmt(price) + " above " + fmt(p.priceDischargeAbove());
            priceDriven = true;
        } else {
            mode = Mode.IDLE;
            modeWhy = "price " + fmt(price) + " between " + fmt(p.priceChargeBelow()) + " and "
                    + fmt(p.priceDischargeAbove());
        }
        // Reversal hold spares the hardware; it binds price-driven reversals (operator, frequency support
        // and fail-safe decisions are not delayed).
        long hold = (long) (p.reversalHoldS() * NS);
        if (priceDriven && mode == Mode.DISCHARGE && lastChargeNanos != Long.MIN_VALUE && now - lastChargeNanos < hold) {
            modeWhy = "hold " + (hold - (now - lastChargeNanos) + NS - 1) / NS + " s before reversing to discharge";
            mode = Mode.IDLE;
        } else if (priceDriven && mode == Mode.CHARGE && lastDischargeNanos != Long.MIN_VALUE
                && now - lastDischargeNanos < hold) {
            modeWhy = "hold " + (hold - (now - lastDischargeNanos) + NS - 1) / NS + " s before reversing to charge";
            mode = Mode.IDLE;
        }
        if (mode == Mode.DISCHARGE && dis.w <= 0) {
            modeWhy = "discharge not allowed: " + dis.reason;
            mode = Mode.IDLE;
        } else if (mode == Mode.CHARGE && ch.w <= 0) {
            modeWhy = "charge not allowed: " + ch.reason;
            mode = Mode.IDLE;
        }
        // The car only gets a limit in the direction of the mode (FOLLOW_EV keeps both open).
        if (mode != Mode.CHARGE && mode != Mode.FOLLOW_EV) {
            ch.cap(0, "mode " + mode.name().toLowerCase(Locale.ROOT) + ": " + modeWhy);
        }
        if (mode != Mode.DISCHARGE && mode != Mode.FOLLOW_EV) {
            dis.cap(0, "mode " + mode.name().toLowerCase(Locale.ROOT) + ": " + modeWhy);
        }
        double target = mode == Mode.CHARGE ? ch.w : mode == Mode.DISCHARGE ? -dis.w : mode == Mode.FOLLOW_EV ? Double.NaN : 0;
        if (mode == Mode.CHARGE) {
            lastChargeNanos = now;
        } else if (mode == Mode.DISCHARGE) {
            lastDischargeNanos = now;
        }

        List<String> changes = new ArrayList<>(0);
        String modeLine = "mode " + mode.name().toLowerCase(Locale.ROOT) + ": " + modeWhy;
        if (!modeLine.equals(lastModeLine)) {
            changes.add(modeLine);
            lastModeLine = modeLine;
        }
        String cl = "charge limited to " + kw(ch.w) + ": " + ch.reason;
        if (!cl.equals(lastChargeLine)) {
            changes.add(cl);
            lastChargeLine = cl;
        }
        String dl = "discharge limited to " + kw(dis.w) + ": " + dis.reason;
        if (!dl.equals(lastDischargeLine)) {
            changes.add(dl);
            lastDischargeLine = dl;
        }
        for (String line : changes) {
            LOG.info(line);
        }
        return new StepOutput(mode, modeWhy, ch.w, ch.reason, dis.w, dis.reason, target, List.copyOf(changes));
    }

    /**
     * The CSMS setpoint now: the CSMS's own, or for LocalFrequency the one computed from the measured frequency
     * {@code f}, recomputed when the curve is new or the frequency moved by the update threshold (Q08.FR.06/07).
     */
    private double csmsSetpoint(double f) {
        FrequencySetpoint fs = csms.frequency();
        if (fs == null) {
            lfFor = null;
            return csms.setpointW();
        }
        boolean moved = Double.isNaN(f) != Double.isNaN(lfHz)
                || (!Double.isNaN(f) && Math.abs(f - lfHz) * 1000 >= fs.updateThresholdMHz() - 1e-9);
        if (!fs.equals(lfFor) || moved) {
            lfFor = fs;
            lfHz = f;
            lfSetpointW = Double.isNaN(f) ? fs.baselineW() + fs.afrrW() : fs.setpointAt(f);
        }
        return lfSetpointW;
    }

    /**
     * Removes lapsed limits, setpoints and the price; each lapse puts its source into the charge-only
     * fail-safe. A limit, setpoint or price is valid before its expiry instant and lapsed at it.
     */
    private void expire(long now) {
        if (priceExpiresAt != Long.MAX_VALUE && now - priceExpiresAt >= 0) {
            String why = "price from " + priceSource.wire() + " lapsed";
            price = Double.NaN;
            priceExpiresAt = Long.MAX_VALUE;
            priceLapsed.put(priceSource, why);
            LOG.warning(why + ": no price, charge-only until " + priceSource.wire() + " sends a new one");
        }
        for (var maps : List.of(limits, setpoints)) {
            var it = maps.values().iterator();
            while (it.hasNext()) {
                ExternalLimit x = it.next();
                if (now - x.expiresAtNanos() >= 0) {
                    it.remove();
                    String why = x.label() + " lapsed";
                    lapsed.put(x.source(), why);
                    LOG.warning(why + ": charge-only until " + x.source().wire() + " sends a new one");
                }
            }
        }
    }

    /** The fail-safe reasons now: heartbeat or connection lost past the timeout, a lapsed limit. */
    private List<String> failsafeReasons(DischargePolicy p, long now) {
        List<String> out = new ArrayList<>(0);
        long timeout = (long) (p.heartbeatTimeoutS() * NS);
        if (p.heartbeatTimeoutS() > 0) {
            for (var e : linkDownSince.entrySet()) {
                if (now - e.getValue() > timeout) {
                    out.add(e.getKey().wire() + " connection lost " + (now - e.getValue()) / NS + " s");
                }
            }
            for (var e : lastHeartbeat.entrySet()) {
                if (now - e.getValue() > timeout) {
                    out.add("site controller heartbeat lost " + (now - e.getValue()) / NS + " s (via " + e.getKey().wire() + ")");
                }
            }
        }
        out.addAll(lapsed.values());
        out.addAll(priceLapsed.values());
        return out;
    }

    /** The newest dispatch setpoint of any source, or null. */
    private ExternalLimit currentSetpoint() {
        ExternalLimit best = null;
        for (ExternalLimit x : setpoints.values()) {
            if (best == null || x.expiresAtNanos() > best.expiresAtNanos()) {
                best = x;
            }
        }
        return best;
    }

    /**
     * What {@code secc ctl status} and the site interface show: every active limit with its source and
     * reason, the fail-safe reasons, and the operator and price inputs.
     *
     * @param nowNanos the control clock (for the seconds left and the heartbeat ages)
     */
    public synchronized PolicyStatus status(long nowNanos) {
        // Lapses show without a running session too (step() runs only in the charge loop).
        expire(nowNanos);
        List<PolicyStatus.Active> active = new ArrayList<>();
        for (var maps : List.of(limits, setpoints)) {
            for (ExternalLimit x : maps.values()) {
                active.add(new PolicyStatus.Active(x, x.remainingS(nowNanos)));
            }
        }
        EnumMap<CommandSource, Long> ages = new EnumMap<>(CommandSource.class);
        for (var e : lastHeartbeat.entrySet()) {
            ages.put(e.getKey(), Math.max(0, nowNanos - e.getValue()) / NS);
        }
        String op = emergencyStop ? "emergency stop"
                : manual != null ? "manual " + manual.mode().name().toLowerCase(Locale.ROOT) + " " + kw(manual.powerW())
                        + " (" + operatorSource.wire() + ")"
                : force != null ? "forced discharge " + kw(force.powerW()) + " (" + operatorSource.wire() + ")" : "auto";
        return new PolicyStatus(List.copyOf(active), failsafeReasons(policy.discharge(), nowNanos), ages,
                java.util.Set.copyOf(linkDownSince.keySet()), op, price, priceSource,
                priceExpiresAt == Long.MAX_VALUE ? -1 : Math.max(0, (priceExpiresAt - nowNanos + NS - 1) / NS));
    }

    /** Derating with hysteresis: falls at once with rising temperature, recovers only hysteresis lower. */
    private void updateThermal(DischargePolicy p, double t) {
        if (Double.isNaN(t)) {
            thermalFactor = 0;
            return;
        }
        double now = p.thermalFactor(t);
        if (now < thermalFactor) {
            thermalFactor = now;
        } else {
            double recovered = p.thermalFactor(t + p.derateHysteresisC());
            if (recovered > thermalFactor) {
                thermalFactor = recovered;
            }
        }
    }

    /** "3.2 kW" */
    /**
     * {@code %.1f kW} of {@code w / 1000}. Built for every limit of every loop step, so without
     * {@link java.util.Formatter} (its locale lookups cost about as much as the rest of the step before the
     * JIT compiles it): the same digits, rounded half up from the value's shortest decimal form as
     * {@code Formatter} does.
     */
    static String kw(double w) {
        return fixed(w / 1000.0, 1, false) + " kW";
    }

    /** {@code %.2f} without trailing zeros (and without a trailing point). */
    static String fmt(double v) {
        return fixed(v, 2, true);
    }

    /** {@code v} with {@code places} decimals, rounded half up like {@code %.Nf}; {@code strip}: trailing zeros and point removed. */
    static String fixed(double v, int places, boolean strip) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
        }
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        java.math.BigDecimal d = java.math.BigDecimal.valueOf(Math.abs(v)).setScale(places, java.math.RoundingMode.HALF_UP);
        if (strip) {
            d = d.stripTrailingZeros();
            if (d.scale() < 0) {
                d = d.setScale(0);
            }
        }
        return negative ? "-" + d.toPlainString() : d.toPlainString();
    }
}
