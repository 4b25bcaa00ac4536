package org.secc.hal.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secc.hal.power.PowerCapabilities;
import org.secc.hal.power.PowerFault;
import org.secc.hal.power.PowerTarget;

/** Against j2mod's real Modbus TCP slave on loopback. */
class ModbusTcpTest {
    private static final int UNIT = 1;
    private ModbusSlave slave;
    private SimpleProcessImage image;
    private int port;
    private J2modBus bus;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        image = new SimpleProcessImage(UNIT);
        for (int i = 0; i < 200; i++) {
            image.addRegister(i, new SimpleRegister(0));
        }
        for (int i = 40000; i < 40200; i++) {
            image.addRegister(i, new SimpleRegister(0xFFFF));
        }
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 2, false);
        slave.addProcessImage(UNIT, image);
        slave.open();
        bus = J2modBus.tcp("127.0.0.1", port, UNIT, 1000);
    }

    @AfterEach
    void stop() {
        bus.close();
        ModbusSlaveFactory.close(slave);
    }

    private int reg(int a) {
        return image.getRegister(a).toUnsignedShort();
    }

    private void set(int a, int v) {
        image.getRegister(a).setValue(v & 0xFFFF);
    }

    @Test
    void powerStageWritesSignedSetpointsAndReadsPresentValues() {
        PowerCapabilities caps = new PowerCapabilities(150, 920, 125, 50_000, 100, 40_000, 100);
        ModbusPowerStage ps = new ModbusPowerStage(bus, RegisterMap.resource("generic-bidir-dc.map"), caps, () -> 7L);
        ps.setTarget(new PowerTarget(400, -80.25, 30_000));
        ps.enable();
        assertEquals(1, reg(0));
        assertEquals(40000, (reg(1) << 16) | reg(2), "400.00 V");
        assertEquals(-8025, (reg(3) << 16) | reg(4), "-80.25 A, discharge");
        assertEquals(30000, (reg(5) << 16) | reg(6));
        ps.setTarget(new PowerTarget(1000, -500, 1e9));
        assertEquals(92000, (reg(1) << 16) | reg(2), "clamped to max voltage");
        assertEquals(-10000, (reg(3) << 16) | reg(4), "clamped to max discharge current");
        assertEquals(40000, (reg(5) << 16) | reg(6), "clamped to max discharge power");
        // the module reports 355.5 V, -79.9 A, -28400 W
        set(100, 0);
        set(101, 35550);
        int i = -7990;
        set(102, i >>> 16);
        set(103, i);
        int p = -28400;
        set(104, p >>> 16);
        set(105, p);
        ps.poll();
        var r = ps.present();
        assertEquals(355.5, r.voltageV(), 1e-9);
        assertEquals(-79.9, r.currentA(), 1e-9);
        assertEquals(-28400, r.powerW(), 1e-9);
        assertTrue(r.enabled(), "faults: " + ps.faults());
        set(110, 42);
        ps.poll();
        assertEquals(new PowerFault.DeviceFault(42, "device fault code 42"), ps.faults().get(0));
        assertTrue(!ps.present().enabled());
        ps.rampToZeroAndDisable();
        assertEquals(0, reg(0));
        assertEquals(0, (reg(3) << 16) | reg(4));
    }

    @Test
    void lostDeviceBecomesCommunicationFault() {
        ModbusPowerStage ps = new ModbusPowerStage(bus, RegisterMap.resource("generic-bidir-dc.map"),
                new PowerCapabilities(0, 500, 10, 5000, 10, 5000, 10), () -> 0L);
        ModbusSlaveFactory.close(slave);
        bus.close();
        ps.poll();
        assertInstanceOf(PowerFault.CommunicationLost.class, ps.faults().get(0));
    }

    @Test
    void allTypesAndWordOrdersRoundTripOverTheWire() throws IOException {
        RegisterMap m = RegisterMap.parse("""
                a = 10, int16, big, 0.1, rw
                b = 11, uint16, big, 1, rw
                c = 12, int32, little, 1, rw
                d = 14, uint32, big, 1, rw
                e = 16, float32, big, 1, rw
                f = 18, float32, little, 1, rw
                """);
        m.write(bus, "a", -12.3);
        m.write(bus, "b", 65535);
        m.write(bus, "c", -123456);
        m.write(bus, "d", 4_000_000_000L);
        m.write(bus, "e", 50.02);
        m.write(bus, "f", -0.5);
        assertEquals(-12.3, m.read(bus, "a"), 1e-9);
        assertEquals(65535, m.read(bus, "b"));
        assertEquals(-123456, m.read(bus, "c"));
        assertEquals(0x1DC0, reg(12), "little word order: low word first");
        assertEquals(0xFFFE, reg(13));
        assertEquals(4_000_000_000L, m.read(bus, "d"));
        assertEquals(50.02, m.read(bus, "e"), 1e-5);
        assertEquals(-0.5, m.read(bus, "f"));
        assertThrows(IllegalArgumentException.class, () -> m.write(bus, "zz", 1));
    }

    @Test
    void sunSpecDiscoveryAndScaleFactors() throws IOException {
        set(40000, 0x5375);
        set(40001, 0x6E53);
        set(40002, 1); // common model
        set(40003, 66);
        set(40070, 203); // three-phase meter
        set(40071, 105);
        set(40072 + 2, 2301); // PhVphA placeholder at offset 2 of our test map
        set(40072 + 5, -1 & 0xFFFF); // V_SF = -1
        set(40072 + 105, 0xFFFF); // end
        set(40072 + 106, 0);
        Map<Integer, Integer> models = SunSpec.discover(bus);
        assertEquals(Map.of(1, 40004, 203, 40072), models);
        assertEquals(java.util.List.of(1, 203), java.util.List.copyOf(models.keySet()));
        RegisterMap m = RegisterMap.parse("""
                v = 40074, int16, big, sf:v_sf, r
                v_sf = 40077, int16, big, 1, r
                """);
        assertEquals(230.1, m.read(bus, "v"), 1e-9);
    }

    @Test
    void noSunSpecMarkerIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> SunSpec.discover(bus));
        assertTrue(e.getMessage().contains("SunS"));
    }

    @Test
    void badMapsAreRejectedWithLineNumbers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegisterMap.parse("""
                a = 10, int64, big, 1, rw
                b = 70000, int16, big, 1, r
                c = 1, int16, middle, 1, r
                d = 1, int16, big, sf:nope, r
                e = 1, int16
                """));
        String msg = e.getMessage();
        assertTrue(msg.contains("line 1") && msg.contains("allowed types"), msg);
        assertTrue(msg.contains("line 2") && msg.contains("outside 0..65535"), msg);
        assertTrue(msg.contains("line 3") && msg.contains("allowed: big, little"), msg);
        assertTrue(msg.contains("missing scale-factor point 'nope'"), msg);
        assertTrue(msg.contains("line 5"), msg);
    }
}
