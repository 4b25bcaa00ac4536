package org.secc.app.bench;

import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.secc.hal.modbus.J2modBus;
import org.secc.hal.modbus.ModbusPowerStage;
import org.secc.hal.modbus.RegisterMap;
import org.secc.hal.power.PowerCapabilities;

/**
 * A real Modbus TCP server (j2mod's slave on loopback) holding the registers of the shipped generic
 * bidirectional DC module map, that answers at once, after a delay (a slow device: 200 ms), or never
 * (a silent device: the request is read and no answer comes). The mode can change while a session runs.
 */
final class ModbusStageServer implements AutoCloseable {

    static final int UNIT = 1;

    private final ModbusSlave slave;
    private final int port;
    private volatile long delayMillis;
    private volatile boolean silent;
    private final CountDownLatch closed = new CountDownLatch(1);
    /** Released when the server answers again (or closes): a silent request then completes, late. */
    private volatile CountDownLatch resume = new CountDownLatch(1);
    private final AtomicBoolean poll = new AtomicBoolean(true);
    private Thread poller;

    /** Each request waits as the mode says. */
    private final class Image extends SimpleProcessImage {
        Image() {
            super(UNIT);
        }

        private void stall() {
            try {
                CountDownLatch r = resume;
                if (silent) {
                    r.await(); // no answer while silent
                } else if (delayMillis > 0) {
                    closed.await(delayMillis, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** One stall per request (reads and writes both fetch their register range once). */
        @Override
        public Register[] getRegisterRange(int offset, int count) throws IllegalAddressException {
            stall();
            return super.getRegisterRange(offset, count);
        }
    }

    ModbusStageServer(long delayMillis) throws Exception {
        this.delayMillis = delayMillis;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Image img = new Image();
        for (int i = 0; i < 120; i++) {
            img.addRegister(i, new SimpleRegister(0));
        }
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
        slave.addProcessImage(UNIT, img);
        slave.open();
    }

    void delay(long millis) {
        this.delayMillis = millis;
        this.silent = false;
        resume.countDown();
    }

    void silent() {
        resume = new CountDownLatch(1);
        this.silent = true;
    }

    /**
     * The charger's side: a ModbusPowerStage on a j2mod master with a 500 ms timeout (the sim HAL's
     * default for power.modbus_timeout_ms) and the shipped map; polled every 50 ms on its own thread
     * as the linux backend does.
     */
    ModbusPowerStage stage(PowerCapabilities caps) throws Exception {
        return stage(caps, 500);
    }

    /** As {@link #stage(PowerCapabilities)} with another exchange timeout ({@code power.modbus_timeout_ms}). */
    ModbusPowerStage stage(PowerCapabilities caps, int timeoutMs) throws Exception {
        ModbusPowerStage st = new ModbusPowerStage(J2modBus.tcp("127.0.0.1", port, UNIT, timeoutMs), RegisterMap.resource("generic-bidir-dc.map"),
                caps, System::nanoTime);
        poller = new Thread(() -> {
            while (poll.get()) {
                st.poll();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stage-poll");
        poller.setDaemon(true);
        poller.start();
        return st;
    }

    @Override
    public void close() {
        poll.set(false);
        closed.countDown();
        resume.countDown();
        if (poller != null) {
            poller.interrupt();
        }
        ModbusSlaveFactory.close(slave);
    }
}
