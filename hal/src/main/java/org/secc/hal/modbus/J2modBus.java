package org.secc.hal.modbus;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import java.io.IOException;

/** {@link RegisterBus} on j2mod's master facades: Modbus TCP, or RTU over jSerialComm. */
public final class J2modBus implements RegisterBus {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(J2modBus.class.getName());
    /** Modbus allows at most 125 registers per read. */
    static final int MAX_READ = 125;

    private final AbstractModbusMaster master;
    private final int unitId;
    /** Shared by every unit on one connection: one request at a time on the line. */
    private final Object lock;
    private final boolean owner;

    private J2modBus(AbstractModbusMaster master, int unitId, Object lock, boolean owner) {
        this.master = master;
        this.unitId = unitId;
        this.lock = lock;
        this.owner = owner;
    }

    private J2modBus(AbstractModbusMaster master, int unitId) {
        this(master, unitId, new Object(), true);
    }

    /**
     * Another device (unit) on the same connection, e.g. a meter and an IMD on one RS-485 line.
     * Requests of both are serialised; closing the returned bus leaves the connection open.
     */
    public J2modBus forUnit(int otherUnit) {
        return new J2modBus(master, otherUnit, lock, false);
    }

    public int unitId() {
        return unitId;
    }

    /** Connects to a Modbus TCP device. */
    public static J2modBus tcp(String host, int port, int unitId, int timeoutMs) throws IOException {
        ModbusTCPMaster m = new ModbusTCPMaster(host, port, timeoutMs, true);
        try {
            m.connect();
            // One try per exchange: the timeout is the whole wait (j2mod's default of five tries made a
            // silent device hold every caller five timeouts long before the fault was known). Set after
            // connect(), which creates the transaction that carries it.
            m.setRetries(1);
        } catch (Exception e) {
            throw new IOException("Modbus TCP connect to " + host + ":" + port + " failed: " + e.getMessage(), e);
        }
        return new J2modBus(m, unitId);
    }

    /** Opens a Modbus RTU line (8 data bits, 1 stop bit, the given parity: none|even|odd). */
    public static J2modBus rtu(String port, int baud, String parity, int unitId, int timeoutMs) throws IOException {
        SerialParameters p = new SerialParameters();
        p.setPortName(port);
        p.setBaudRate(baud);
        p.setDatabits(8);
        p.setStopbits(1);
        p.setParity(parity);
        p.setEncoding("rtu");
        p.setEcho(false);
        ModbusSerialMaster m = new ModbusSerialMaster(p, timeoutMs);
        try {
            m.connect();
        } catch (Exception e) {
            throw new IOException("Modbus RTU open of " + port + " failed: " + e.getMessage(), e);
        }
        return new J2modBus(m, unitId);
    }

    @Override
    public int[] readHolding(int address, int count) throws IOException {
        synchronized (lock) {
            try {
                return read(address, count);
            } catch (IOException e) {
                resync();
                throw e;
            } catch (RuntimeException e) {
                resync();
                throw new IOException("read of " + count + " registers at " + address + " failed: " + e, e);
            }
        }
    }

    /**
     * After a failed exchange (a timeout above all) the device may still answer it: on TCP that late
     * answer would be taken for the next request's (a read's registers as a write's confirmation, or
     * another read's values). The connection is dropped and opened again, so a late answer can only
     * arrive on the closed socket. Under the line's lock; a reconnect that fails leaves the master
     * disconnected and the next exchange fails (and tries again).
     */
    private void resync() {
        if (!(master instanceof ModbusTCPMaster)) {
            return;
        }
        try {
            master.disconnect();
            master.connect();
            master.setRetries(1);
        } catch (Exception e) {
            LOG.fine(() -> "Modbus TCP reconnect after a failed exchange failed: " + e);
        }
    }

    private int[] read(int address, int count) throws IOException {
        int[] out = new int[count];
        for (int done = 0; done < count; ) {
            int n = Math.min(MAX_READ, count - done);
            Register[] r;
            try {
                r = master.readMultipleRegisters(unitId, address + done, n);
            } catch (ModbusException e) {
                throw new IOException("read of " + n + " registers at " + (address + done) + " failed: " + e.getMessage(), e);
            }
            if (r == null || r.length != n) {
                throw new IOException("read at " + (address + done) + ": expected " + n + " registers");
            }
            for (int i = 0; i < n; i++) {
                out[done + i] = r[i].toUnsignedShort();
            }
            done += n;
        }
        return out;
    }

    @Override
    public void writeHolding(int address, int[] words) throws IOException {
        Register[] r = new Register[words.length];
        for (int i = 0; i < words.length; i++) {
            r[i] = new SimpleRegister(words[i] & 0xFFFF);
        }
        synchronized (lock) {
            try {
                master.writeMultipleRegisters(unitId, address, r);
            } catch (ModbusException | RuntimeException e) {
                resync();
                throw new IOException("write of " + words.length + " registers at " + address + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        if (owner) {
            master.disconnect();
        }
    }
}
