package org.secc.hal.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secc.hal.isolation.IsolationStatus;
import org.secc.hal.power.PowerCapabilities;
import org.secc.hal.power.PowerFault;
import org.secc.hal.power.PowerTarget;

/**
 * The shipped SunSpec maps against a SunSpec register image on j2mod's real TCP slave: common model,
 * a three-phase meter, and a DER with 701/702/704, laid out as the SunSpec model definitions say.
 */
class SunSpecMapsTest {
    // data start of each model: 40002 + 2 = 40004 (1, length 66), then 40072 (203), 40179 (701),
    // 40334 (702), 40386 (704)
    static final int COMMON = 40004;
    static final int METER = COMMON + 66 + 2;
    static final int DER_AC = METER + 105 + 2;
    static final int DER_CAP = DER_AC + 153 + 2;
    static final int DER_CTL = DER_CAP + 50 + 2;

    private LoopbackSlave slave;
    private J2modBus bus;

    @BeforeEach
    void start() throws Exception {
        slave = LoopbackSlave.sunSpec(new int[][] {{1, 66}, {203, 105}, {701, 153}, {702, 50}, {704, 65}});
        bus = slave.connect();
    }

    @AfterEach
    void stop() {
        bus.close();
        slave.close();
    }

    @Test
    void discoveryFindsEveryModelWithAddressAndLength() throws IOException {
        SunSpecDevice d = SunSpecDevice.discover(bus);
        assertEquals(List.of(new SunSpec.Model(1, COMMON, 66), new SunSpec.Model(203, METER, 105),
                new SunSpec.Model(701, DER_AC, 153), new SunSpec.Model(702, DER_CAP, 50),
                new SunSpec.Model(704, DER_CTL, 65)), d.models());
        assertEquals(METER + 6, d.map(203).point("PhVphA").address());
    }

    @Test
    void commonModelIdentifiesTheDevice() throws IOException {
        slave.setString(COMMON, 16, "ACME Power");
        slave.setString(COMMON + 16, 16, "BiDi-22");
        slave.setString(COMMON + 40, 8, "1.4.2");
        slave.setString(COMMON + 48, 16, "SN0042");
        assertEquals(new SunSpecDevice.Identity("ACME Power", "BiDi-22", "1.4.2", "SN0042"),
                SunSpecDevice.discover(bus).identity());
    }

    @Test
    void meterVoltageAndFrequencyWithScaleFactors() throws IOException {
        slave.set(METER + 6, 2301); // PhVphA
        slave.set(METER + 7, 2288);
        slave.set(METER + 8, 0x8000); // phase C not implemented
        slave.set(METER + 13, -1); // V_SF
        slave.set(METER + 14, 5002); // Hz
        slave.set(METER + 15, -2); // Hz_SF
        ModbusGridMonitor g = new ModbusGridMonitor(bus, SunSpecDevice.discover(bus).meterMap(), 3, 230, 50, () -> 5L);
        List<Double> heard = new java.util.ArrayList<>();
        g.addListener(s -> heard.add(s.frequencyHz()));
        var s = g.poll();
        assertEquals(50.02, s.frequencyHz(), 1e-9);
        assertEquals(230.1, s.voltageL1V(), 1e-9);
        assertEquals(228.8, s.voltageL2V(), 1e-9);
        assertTrue(Double.isNaN(s.voltageL3V()), "SunSpec 'not implemented' reads as NaN");
        assertTrue(Double.isNaN(s.phaseAngleDeg()));
        assertEquals(5L, s.monotonicNanos());
        assertEquals(List.of(50.02), heard);
        assertEquals(s, g.latest());
    }

    @Test
    void meterFallsBackToDerMeasurement701() throws Exception {
        try (LoopbackSlave der = LoopbackSlave.sunSpec(new int[][] {{1, 65}, {701, 153}});
             J2modBus b = der.connect()) {
            int base = 40004 + 65 + 2;
            der.set32(base + 15, 59_980); // Hz uint32
            der.set(base + 113, -3); // Hz_SF
            der.set(base + 45, 1201); // VL1
            der.set(base + 112, -1); // V_SF
            var s = new ModbusGridMonitor(b, SunSpecDevice.discover(b).meterMap(), 1, 120, 60, () -> 0L).poll();
            assertEquals(59.98, s.frequencyHz(), 1e-9);
            assertEquals(120.1, s.voltageL1V(), 1e-9);
            assertEquals(1, s.phases());
        }
    }

    @Test
    void derPowerStageSetpointsLandInModel704AndReadingsComeFrom701() throws IOException {
        slave.set(DER_CTL + 53, 1); // WSet_SF = 1: WSet in units of 10 W
        slave.set(DER_AC + 114, 0); // W_SF
        SunSpecDevice d = SunSpecDevice.discover(bus);
        var caps = new PowerCapabilities(150, 920, 100, 11_000, 100, 11_000, 50);
        ModbusPowerStage ps = new ModbusPowerStage(bus, d.powerStageMap(), caps, () -> 9L);
        ps.setTarget(new PowerTarget(400, 20, 1e9)); // charge 8 kW
        ps.enable();
        assertEquals(1, slave.reg(DER_CTL + 20), "WSetEna");
        assertEquals(1, slave.reg(DER_CTL + 21), "WSetMod = watts");
        assertEquals(-800, slave.reg32(DER_CTL + 22), "WSet = -8000 W: the DER absorbs while the EV charges");
        ps.setTarget(new PowerTarget(400, -50, 1e9)); // discharge, clamped to 11 kW
        assertEquals(1100, slave.reg32(DER_CTL + 22), "WSet = +11000 W injected");
        slave.set(DER_AC + 8, 10950); // W: injecting 10.95 kW
        ps.poll();
        assertEquals(-10_950, ps.present().powerW(), 1e-9);
        assertEquals(-10_950, ps.present().gridPowerW(), 1e-9);
        assertTrue(Double.isNaN(ps.present().voltageV()), "701 has no DC voltage");
        assertTrue(ps.present().enabled());
        slave.set32(DER_AC + 4, 1 << 7); // Alrm OVER_TEMP
        ps.poll();
        assertEquals(new PowerFault.DeviceFault(128, "device fault code 128"), ps.faults().get(0));
        ps.rampToZeroAndDisable();
        assertEquals(0, slave.reg32(DER_CTL + 22));
        assertEquals(0, slave.reg(DER_CTL + 20));
    }

    @Test
    void capacityModel702GivesRatings() throws IOException {
        slave.set(DER_CAP + 8, 1100); // WChaRteMaxRtg
        slave.set(DER_CAP + 9, 700); // WDisChaRteMaxRtg
        slave.set(DER_CAP + 43, 1); // W_SF
        assertEquals(new SunSpecDevice.Ratings(11_000, 7_000), SunSpecDevice.discover(bus).ratings().orElseThrow());
    }

    @Test
    void writingWithAnUnimplementedScaleFactorIsRefused() throws IOException {
        slave.set(DER_CTL + 53, 0x8000);
        RegisterMap m = SunSpecDevice.discover(bus).map(704);
        IOException e = assertThrows(IOException.class, () -> m.write(bus, "WSet", 100));
        assertTrue(e.getMessage().contains("WSet_SF"), e.getMessage());
    }

    @Test
    void wrongModelLengthAndMissingModelAreClearErrors() throws Exception {
        try (LoopbackSlave odd = LoopbackSlave.sunSpec(new int[][] {{702, 48}}); J2modBus b = odd.connect()) {
            SunSpecDevice d = SunSpecDevice.discover(b);
            IOException e = assertThrows(IOException.class, () -> d.map(702));
            assertTrue(e.getMessage().contains("length 48") && e.getMessage().contains("length 50"), e.getMessage());
            IOException e2 = assertThrows(IOException.class, d::meterMap);
            assertTrue(e2.getMessage().contains("no meter model"), e2.getMessage());
        }
    }

    @Test
    void everyShippedMapParsesAndFitsItsModel() {
        int[][] lengths = {{1, 66}, {701, 153}, {702, 50}, {704, 65}};
        for (int[] l : lengths) {
            RegisterMap m = RegisterMap.resource("sunspec/" + l[0] + ".map");
            for (RegisterMap.Point p : m.points()) {
                assertTrue(p.address() + p.words() <= l[1], "model " + l[0] + " point " + p.name() + " beyond length");
            }
        }
        RegisterMap meter = RegisterMap.resource("sunspec/20x.map");
        meter.points().forEach(p -> assertTrue(p.address() + p.words() <= 105, p.name()));
        RegisterMap.resource("generic-imd.map");
    }

    @Test
    void insulationMonitorFollowsTheDeviceState() throws Exception {
        try (LoopbackSlave imd = LoopbackSlave.zeros(0, 10); J2modBus b = imd.connect()) {
            ModbusIsolationMonitor m = new ModbusIsolationMonitor(b, RegisterMap.resource("generic-imd.map"));
            m.startSelfTest();
            assertEquals(2, imd.reg(0));
            imd.set(1, 4);
            assertInstanceOf(IsolationStatus.SelfTestPassed.class, m.poll());
            m.startMeasurement();
            assertEquals(1, imd.reg(0));
            imd.set(1, 1);
            assertInstanceOf(IsolationStatus.Measuring.class, m.poll());
            imd.set(1, 2);
            imd.set32(2, 1500); // 1500 kΩ
            assertEquals(new IsolationStatus.Resistance(1_500_000), m.poll());
            imd.set(4, 3);
            assertEquals(new IsolationStatus.DeviceFault("device fault code 3"), m.poll());
            imd.set(4, 0);
            m.stopMeasurement();
            assertEquals(0, imd.reg(0));
            imd.close();
            b.close();
            assertInstanceOf(IsolationStatus.DeviceFault.class, m.poll(), "no answer = device fault");
        }
    }

    @Test
    void anEndlessMapFileIsOneErrorNotOutOfMemory() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RegisterMap.load(java.nio.file.Path.of("/dev/zero")));
        org.junit.jupiter.api.Assertions.assertEquals("/dev/zero: longer than 1048576 bytes; a register map is a short text file", e.getMessage());
    }
}
