package org.secc.app.run;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.secc.app.connector.ConnectorAction;
import org.secc.app.connector.ConnectorEvent;
import org.secc.app.connector.ConnectorLifecycle;
import org.secc.app.connector.LifecycleConfig;
import org.secc.common.systemd.Heartbeat;
import org.secc.hal.config.Hal;
import org.secc.hal.cp.CpAction;
import org.secc.slac.MacAddress;
import org.secc.slac.SlacAction;
import org.secc.slac.evse.EvseSlac;
import org.secc.slac.evse.EvseSlacConfig;
import org.secc.slac.link.PlcLink;
import org.secc.slac.mme.HomePlugFrame;
import org.secc.slac.mme.MmeException;

/**
 * The edge of one connector's {@link ConnectorLifecycle}: its own thread ({@code connector-N}) takes the
 * pilot's state changes, SLAC's frames and the session's start and end, feeds them to the lifecycle
 * and carries out its actions on the pilot supervisor, the EVSE SLAC machine and the charge control.
 * The pilot's safety actions (contactors open on A/E/F) stay on the pilot's own thread: this loop only
 * decides what comes next, so nothing here is on a safety path.
 */
public final class ConnectorRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConnectorRunner.class.getName());
    private static final long MAX_WAIT_MS = 10;

    private final ConnectorLifecycle lc;
    private final PilotSupervisor pilot;
    private final Hal hal;
    private final PlcLink link;
    private final EvseSlac slac;
    private final Consumer<String> endSession;
    private final LongSupplier clock = System::nanoTime;
    private final BlockingQueue<ConnectorEvent> events = new LinkedBlockingQueue<>();
    private volatile Heartbeat heartbeat = Heartbeat.NONE;
    private volatile ConnectorLifecycle.Status status;
    private volatile boolean running = true;
    private volatile int matches;
    private String lastSessionState = "Ended";
    private final Thread thread;
    private volatile Runnable onPlugIn = () -> { };

    /**
     * @param link       the PLC interface for EVSE SLAC (the lifecycle runs SLAC on it), or null without SLAC
     * @param endSession ends the running V2G session with a reason (power off, contactors open)
     */
    public ConnectorRunner(int id, LifecycleConfig config, PilotSupervisor pilot, Hal hal, PlcLink link, MacAddress modem,
            Consumer<String> endSession) {
        this.lc = new ConnectorLifecycle(id, config.withSlac(link != null));
        this.pilot = pilot;
        this.hal = hal;
        this.link = link;
        this.slac = link == null ? null : new EvseSlac(link.mac(), modem, EvseSlacConfig.defaults(), new SecureRandom());
        this.endSession = endSession;
        this.status = lc.status();
        pilot.attach(this::fromPilot);
        // an EV already on the cable before the lifecycle took over (the bench's car starts in C)
        if (pilot.state() != org.secc.hal.cp.CpState.A) {
            events.add(new ConnectorEvent.Pilot(pilot.state()));
        }
        thread = new Thread(this::loop, "connector-" + id);
        thread.setDaemon(true);
    }

    public ConnectorRunner start() {
        thread.start();
        return this;
    }

    /** Told on every plug-in (A to B, C or D): the simulated bench puts a new car on the cable. */
    public ConnectorRunner onPlugIn(Runnable r) {
        this.onPlugIn = r;
        return this;
    }

    /** On the pilot's thread: only queue. */
    private void fromPilot(CpAction a) {
        if (a instanceof CpAction.StateChanged c) {
            if (c.from() == org.secc.hal.cp.CpState.A && c.to().evConnected()) {
                onPlugIn.run();
            }
            events.add(new ConnectorEvent.Pilot(c.to()));
        } else if (a instanceof CpAction.EvWakeUp) {
            events.add(new ConnectorEvent.EvWakeUp());
        }
    }

    /** The session's state name after each message ("Ended", "Paused", or the state it is in). */
    public synchronized void sessionState(String name) {
        if (name.equals(SessionHandler.NOMINAL_DUTY)) {
            events.add(new ConnectorEvent.NominalDutyAfterAuthorization());
            return;
        }
        boolean wasOver = lastSessionState.equals("Ended") || lastSessionState.equals("Paused");
        if (name.equals("Ended") && !wasOver) {
            events.add(new ConnectorEvent.SessionEnded("the V2G session is over"));
        } else if (name.equals("Paused") && !lastSessionState.equals("Paused")) {
            events.add(new ConnectorEvent.SessionPaused());
        } else if (!name.equals("Ended") && !name.equals("Paused") && wasOver) {
            events.add(new ConnectorEvent.SessionStarted());
        }
        lastSessionState = name;
    }

    /** The charger wakes a paused EV (operator, grid back in service). */
    public void wakeUp(String why) {
        events.add(new ConnectorEvent.WakeUp(why));
    }

    public ConnectorLifecycle.Status status() {
        return status;
    }

    /** Whether SDP should answer: only a connector with a link can power a session. */
    public boolean servesSessions() {
        return status.servesSessions();
    }

    /** SLAC matches (D-LINK_READY) since start. */
    public int matches() {
        return matches;
    }

    /** The lifecycle loop ticks it every turn (the service's systemd watchdog judges it). */
    public void heartbeat(Heartbeat h) {
        heartbeat = h;
    }

    private void loop() {
        try {
            if (slac != null) {
                apply(slac.start(clock.getAsLong()));
            }
            begin();
            while (running) {
                heartbeat.tick();
                ConnectorEvent e;
                if (slac != null) {
                    pumpSlac();
                    e = events.poll();
                } else {
                    e = events.poll(MAX_WAIT_MS, TimeUnit.MILLISECONDS);
                }
                if (e != null) {
                    act(lc.on(e, clock.getAsLong()));
                }
                drain();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the heartbeat stops: the watchdog sees a dead loop; the pilot keeps its safety rules
            LOG.log(Level.SEVERE, "connector loop stopped", e);
        }
    }

    /** The lifecycle's start (the loop's first step; a test without the thread calls it itself). */
    void begin() throws IOException {
        act(lc.start(clock.getAsLong()));
    }

    /** Feeds every queued event to the lifecycle and carries out its actions, then one tick (a turn of the loop). */
    void drain() throws IOException {
        ConnectorEvent e;
        while ((e = events.poll()) != null) {
            act(lc.on(e, clock.getAsLong()));
        }
        act(lc.tick(clock.getAsLong()));
    }

    /**
     * The pilot's pause (X1, contactors open, closing blocked until a wake-up) for a session that paused,
     * applied only while it still is paused. This loop runs behind the session's thread: an EV that comes
     * back at once (-20 SessionSetup with the paused SessionID) can be past its SessionSetup, its AC
     * PowerDelivery(Start) closing the contactors, before the pause is taken from the queue; X1 then opened
     * them under the resumed session, and its PowerDeliveryRes never came (secc-app/README-bench.md, "Soak
     * with the follow-ups fixed"). Checked and applied under the lock {@link #sessionState} takes, so that
     * the session cannot resume between the two; the SessionStarted queued behind the pause then wakes a
     * pilot that was never paused, which changes nothing.
     */
    private synchronized void pauseUnlessResumed() {
        if (lastSessionState.equals("Paused")) {
            pilot.pause();
        } else {
            String now = lastSessionState;
            LOG.info(() -> "pilot pause not applied: the paused EV is already back (session in " + now + ")");
        }
    }

    private void pumpSlac() throws IOException {
        long now = clock.getAsLong();
        apply(slac.onTick(now));
        long wake = slac.deadline() == Long.MAX_VALUE ? MAX_WAIT_MS : Math.max(0, (slac.deadline() - now + 999_999) / 1_000_000);
        byte[] raw = link.receive(Math.min(MAX_WAIT_MS, wake));
        if (raw == null) {
            return;
        }
        HomePlugFrame f;
        try {
            f = HomePlugFrame.decode(raw);
        } catch (MmeException ex) {
            LOG.fine(() -> "dropped frame: " + ex.getMessage());
            return;
        }
        apply(slac.onFrame(f, clock.getAsLong()));
    }

    private void apply(List<SlacAction> actions) throws IOException {
        for (SlacAction a : actions) {
            if (a instanceof SlacAction.Send s) {
                link.send(s.frame().encode());
            } else if (a instanceof SlacAction.Matched m) {
                LOG.info(() -> "SLAC matched: pev=" + m.peer() + " nid=" + org.secc.slac.Keys.nidHex(m.nid()));
            } else if (a instanceof SlacAction.LinkReady r) {
                matches++;
                events.add(new ConnectorEvent.SlacLinkReady(r.peer().toString()));
            } else if (a instanceof SlacAction.AttemptFailed f) {
                LOG.info(() -> "SLAC attempt failed: " + f.reason());
                events.add(new ConnectorEvent.SlacAttemptFailed(f.reason()));
            } else if (a instanceof SlacAction.InitTimeout) {
                events.add(new ConnectorEvent.SlacInitTimeout());
            } else if (a instanceof SlacAction.LinkLost) {
                events.add(new ConnectorEvent.SlacLinkLost());
            } else if (a instanceof SlacAction.ModemKeyed k) {
                LOG.info(() -> "modem keyed: nid=" + org.secc.slac.Keys.nidHex(k.nid()));
            } else if (a instanceof SlacAction.Failed f) {
                LOG.warning(() -> "SLAC: " + f.reason());
                events.add(new ConnectorEvent.SlacAttemptFailed(f.reason()));
            }
        }
    }

    private void act(List<ConnectorAction> actions) throws IOException {
        for (ConnectorAction a : actions) {
            if (a instanceof ConnectorAction.PilotHlc) {
                pilot.hlc();
            } else if (a instanceof ConnectorAction.PilotX1) {
                pilot.x1();
            } else if (a instanceof ConnectorAction.PilotStepEf) {
                pilot.stepThroughF();
            } else if (a instanceof ConnectorAction.PilotNominal n) {
                pilot.nominal(n.amperes(), n.matchedOrMatching());
            } else if (a instanceof ConnectorAction.PilotPause) {
                pauseUnlessResumed();
            } else if (a instanceof ConnectorAction.PilotWakeUp) {
                pilot.wakeUp();
            } else if (a instanceof ConnectorAction.SlacListen) {
                if (slac != null) {
                    apply(slac.plugIn(clock.getAsLong()));
                }
            } else if (a instanceof ConnectorAction.SlacLeave) {
                if (slac != null) {
                    LOG.info("SLAC: leaving the logical network (a fresh NMK for the next EV)");
                    apply(slac.leave(clock.getAsLong(), pilot.state().evConnected()));
                }
            } else if (a instanceof ConnectorAction.EndSession e) {
                endSession.accept(e.reason());
            } else if (a instanceof ConnectorAction.Energize en) {
                if (en.on() && pilot.closeAllowed()) {
                    hal.contactors().close();
                } else if (!en.on()) {
                    hal.contactors().open();
                }
            }
        }
        status = lc.status();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (link != null) {
            link.close();
        }
    }
}
