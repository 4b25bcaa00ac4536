package org.secc.slac.run;

import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.secc.slac.link.PlcLink;
import org.secc.slac.sim.PlcSimulator;

/**
 * Runs the powerline simulator between two links (for example the simulator ends of two veth pairs,
 * or two in-memory cables): one thread per side, until {@link #close()}.
 */
public final class SimulatorBridge implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SimulatorBridge.class.getName());

    private final PlcSimulator sim;
    private final PlcLink evseSide;
    private final PlcLink pevSide;
    private final Thread[] threads = new Thread[2];
    private volatile boolean running = true;

    public SimulatorBridge(PlcSimulator sim, PlcLink evseSide, PlcLink pevSide) {
        this.sim = sim;
        this.evseSide = evseSide;
        this.pevSide = pevSide;
    }

    public SimulatorBridge start() {
        threads[0] = pump(PlcSimulator.Side.EVSE, evseSide);
        threads[1] = pump(PlcSimulator.Side.PEV, pevSide);
        return this;
    }

    public PlcSimulator simulator() {
        return sim;
    }

    private Thread pump(PlcSimulator.Side side, PlcLink from) {
        Thread t = new Thread(() -> {
            while (running) {
                try {
                    byte[] frame = from.receive(100);
                    if (frame == null) {
                        continue;
                    }
                    List<PlcSimulator.Delivery> out;
                    synchronized (sim) {
                        out = sim.onFrame(side, frame);
                    }
                    for (PlcSimulator.Delivery d : out) {
                        (d.to() == PlcSimulator.Side.EVSE ? evseSide : pevSide).send(d.frame());
                    }
                } catch (IOException e) {
                    if (running) {
                        LOG.log(Level.WARNING, "powerline simulator, " + side + " side: " + e.getMessage());
                    }
                    return;
                }
            }
        }, "plc-sim-" + side.name().toLowerCase(java.util.Locale.ROOT));
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            if (t != null) {
                try {
                    t.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        evseSide.close();
        pevSide.close();
    }
}
