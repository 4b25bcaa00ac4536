package org.secc.app.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import org.secc.app.grid.GridSafetySupervisor;
import org.secc.app.grid.GridStatus;

/**
 * The discharge policy engine: pure logic with injected time. Call {@link #step} once per control step
 * (each charge-loop message); commands, heartbeats and reloads may come from other threads and take
 * effect at the next step. Every public method is synchronized; none blocks.
 */
public final class PolicyEngine {
    private static final Logger LOG = Logger.getLogger(PolicyEngine.class.getName());
    private static final int REMEMBERED_IDS = 1024;
    private static final long NS = 1_000_000_000L;

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
    private PolicyCommand.Manual manual;
    private PolicyCommand.ForceDischarge force;
    private boolean emergencyStop;

    // Heartbeat: armed by the first one (no site controller, no fail-safe).
    private long lastHeartbeat = Long.MIN_VALUE;

    // Session, thermal, reversal hold.
    private double sessionStartSoc = Double.NaN;
    private double thermalFactor = 1.0;
    private long lastChargeNanos = Long.MIN_VALUE;
    private long lastDischargeNanos = Long.MIN_VALUE;

    // The CSMS (OCPP): its composite schedule now, and whether it has been unreachable too long.
    private CsmsInput csms;
    private boolean csmsFailsafe;

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
            LOG.warning("policy " + file + " rejected, keeping the old policy: " + String.join("; ", inv.errors()));
        }
        return r;
    }

    /** A heartbeat from the site controller. */
    public synchronized void heartbeat(long nowNanos) {
        lastHeartbeat = nowNanos;
    }

    /**
     * The CSMS's composite schedule for this charge point (OCPP K08/Q03): caps and an optional setpoint.
     * It ranks with the site limits: above operator commands and price, below safety and the grid
     * supervisor (precedence: README-grid.md). Null lifts it.
     */
    public synchronized void csms(CsmsInput in) {
        csms = in;
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

    public synchronized CommandResult handle(PolicyCommand c) {
        CommandResult prev = seen.get(c.id());
        if (prev != null) {
            return new CommandResult(c.id(), prev.accepted(), true, prev.message());
        }
        CommandResult r = apply(c);
        seen.put(c.id(), r);
        LOG.info("command " + c + ": " + r.message());
        return r;
    }

    private CommandResult apply(PolicyCommand c) {
        // Java 17: no pattern switch; the interface is sealed, so this chain is complete.
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
        boolean heartbeatLost = p.heartbeatTimeoutS() > 0 && lastHeartbeat != Long.MIN_VALUE
                && now - lastHeartbeat > (long) (p.heartbeatTimeoutS() * NS);
        if (heartbeatLost) {
            String why = "site controller heartbeat lost " + (now - lastHeartbeat) / NS + " s";
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
        // moves with the limit in Dynamic mode).
        if (g != null && policy.gridCode() != null && g.droopPu() != 0) {
            String why = String.format(Locale.ROOT, "frequency-watt at %.3f Hz", g.frequencyHz());
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
        if (emergencyStop) {
            mode = Mode.STOPPED;
            modeWhy = "emergency stop";
        } else if (csms != null && Double.isFinite(csms.setpointW())) {
            // A CSMS setpoint (OCPP 2.1 CentralSetpoint) outranks operator commands and price; the limits
            // above (safety, grid, SOC, fail-safes) still bind it.
            double sp = csms.setpointW();
            mode = sp > 0 ? Mode.CHARGE : sp < 0 ? Mode.DISCHARGE : Mode.IDLE;
            modeWhy = csms.reason();
            if (sp > 0) {
                ch.cap(sp, csms.reason() + " setpoint " + kw(sp));
            } else if (sp < 0) {
                dis.cap(-sp, csms.reason() + " setpoint " + kw(sp));
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
            modeWhy = "fail-safe: site controller heartbeat lost";
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
    static String kw(double w) {
        return String.format(Locale.ROOT, "%.1f kW", w / 1000.0);
    }

    static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
