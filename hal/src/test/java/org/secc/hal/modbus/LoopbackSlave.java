package org.secc.hal.modbus;

import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * j2mod's real Modbus TCP slave on a free loopback port, holding a register image; with a builder
 * for SunSpec images (marker at 40000, models with header and length, end marker).
 */
public final class LoopbackSlave implements AutoCloseable {
    public static final int UNIT = 1;
    private final ModbusSlave slave;
    private final SimpleProcessImage image;
    private final int port;

    private LoopbackSlave(SimpleProcessImage image) throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        this.image = image;
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 2, false);
        slave.addProcessImage(UNIT, image);
        slave.open();
    }

    /** Registers {@code from .. from+count-1}, all zero. */
    public static LoopbackSlave zeros(int from, int count) throws Exception {
        SimpleProcessImage img = new SimpleProcessImage(UNIT);
        for (int i = from; i < from + count; i++) {
            img.addRegister(i, new SimpleRegister(0));
        }
        return new LoopbackSlave(img);
    }

    /** A SunSpec device at 40000 with models of the given IDs and lengths (data zero). */
    public static LoopbackSlave sunSpec(int[][] idAndLength) throws Exception {
        int total = 2;
        for (int[] m : idAndLength) {
            total += 2 + m[1];
        }
        SimpleProcessImage img = new SimpleProcessImage(UNIT);
        for (int i = 40000; i < 40000 + total + 2; i++) {
            img.addRegister(i, new SimpleRegister(0));
        }
        LoopbackSlave s = new LoopbackSlave(img);
        s.set(40000, 0x5375);
        s.set(40001, 0x6E53);
        int a = 40002;
        for (int[] m : idAndLength) {
            s.set(a, m[0]);
            s.set(a + 1, m[1]);
            a += 2 + m[1];
        }
        s.set(a, 0xFFFF);
        return s;
    }

    public int port() {
        return port;
    }

    public int reg(int a) {
        return image.getRegister(a).toUnsignedShort();
    }

    /** Signed 32-bit value, high word first. */
    public int reg32(int a) {
        return (reg(a) << 16) | reg(a + 1);
    }

    public void set(int a, int v) {
        image.getRegister(a).setValue(v & 0xFFFF);
    }

    public void set32(int a, long v) {
        set(a, (int) (v >>> 16));
        set(a + 1, (int) v);
    }

    /** ASCII, two characters a register, NUL padded. */
    public void setString(int a, int words, String s) {
        for (int i = 0; i < words; i++) {
            int hi = 2 * i < s.length() ? s.charAt(2 * i) : 0;
            int lo = 2 * i + 1 < s.length() ? s.charAt(2 * i + 1) : 0;
            set(a + i, (hi << 8) | lo);
        }
    }

    public J2modBus connect() throws Exception {
        return J2modBus.tcp("127.0.0.1", port, UNIT, 1000);
    }

    @Override
    public void close() {
        ModbusSlaveFactory.close(slave);
    }
}
