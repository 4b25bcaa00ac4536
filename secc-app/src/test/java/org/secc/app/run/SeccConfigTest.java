package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.secc.common.config.ConfigText;
import org.junit.jupiter.api.Test;
import org.secc.app.session.ServiceOffer;

class SeccConfigTest {

    private static final Path BASE = Path.of("/etc/secc");

    @Test
    void defaults() {
        SeccConfig c = SeccConfig.parse("hal.backend = sim\n", BASE);
        assertEquals("eth0", c.iface());
        assertEquals(0, c.port());
        assertFalse(c.tls());
        assertTrue(c.slac());
        assertEquals("sim", c.hal().backend());
        assertEquals(java.util.List.of(6, 2, 5, 1), c.session().services().energyServiceIds());
        assertEquals(Duration.ofSeconds(60), c.session().loopSequenceTimeout());
        assertNull(c.policyFile());
        assertEquals(Path.of("/run/secc/secc.sock"), c.ctlSocket());
        assertTrue(c.charge().autoAuthorize());
    }

    /** jit.warmup: on by default, switched off by false, anything else an error naming the key. */
    @Test
    void jitWarmUpIsOnByDefaultAndSwitchable() {
        assertTrue(SeccConfig.parse("hal.backend = sim\n", BASE).jitWarmUp());
        assertFalse(SeccConfig.parse("hal.backend = sim\njit.warmup = false\n", BASE).jitWarmUp());
        SeccConfig.Invalid e = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse("hal.backend = sim\njit.warmup = sometimes\n", BASE));
        assertTrue(e.errors().stream().anyMatch(x -> x.contains("jit.warmup")), e.errors().toString());
    }

    /** A MeterID or EVSEID the schema cannot carry is a configuration error naming its key, not an IllegalArgumentException (fuzz finding). */
    @Test
    void meterIdAndEvseIdLengthsAreConfigurationErrors() {
        SeccConfig.Invalid e = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse("hal.backend = sim\nsession.meter_id = "
                + "M".repeat(33) + "\nsession.evse_id = " + "E".repeat(256) + "\n", BASE));
        assertTrue(e.errors().stream().anyMatch(x -> x.contains("session.meter_id") && x.contains("33 characters; allowed 1 to 32")), e.errors().toString());
        assertTrue(e.errors().stream().anyMatch(x -> x.contains("session.evse_id") && x.contains("256 characters; allowed 1 to 255")), e.errors().toString());
        assertEquals("M".repeat(32), SeccConfig.parse("hal.backend = sim\nsession.meter_id = " + "M".repeat(32) + "\n", BASE).session().meterId());
    }

    @Test
    void readsEveryGroupAndResolvesPaths() {
        SeccConfig c = SeccConfig.parse("""
                network.iface = eth1
                network.port = 64109
                network.tls = true
                tls.pki_dir = pki
                session.services = AC_BPT
                session.control_modes = dynamic
                session.negative_discharge_limits = true
                session.loop_sequence_timeout_ms = 500
                charge.dc_max_charge_power_w = 30000
                charge.auto_authorize = false
                policy.file = policy.conf
                pcap.file = /tmp/x.pcap
                hal.backend = sim
                """, BASE);
        assertEquals(64109, c.port());
        assertEquals(BASE.resolve("pki"), c.pkiDir());
        assertEquals(BASE.resolve("policy.conf"), c.policyFile());
        assertEquals(java.util.List.of(ServiceOffer.AC_BPT), c.session().services().energyServiceIds());
        assertEquals(2, c.session().services().services().get(ServiceOffer.AC_BPT).get(0).controlMode());
        assertTrue(c.session().negativeDischargeLimits());
        assertEquals(Duration.ofMillis(500), c.session().loopSequenceTimeout());
        assertEquals(30_000, c.charge().dcMaxChargePowerW());
        assertTrue(Double.isNaN(c.charge().dcMaxDischargePowerW()), "absent: the stage's rating");
        assertFalse(c.charge().autoAuthorize());
    }

    @Test
    void errorsNameLineKeyAndWhatIsAllowed() {
        var e = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse("""
                network.port = 70000
                network.tls = maybe
                session.services = DC, WPT
                sesion.evse_id = X
                hal.backend = toaster
                """, BASE));
        String all = String.join("\n", e.errors);
        assertTrue(all.contains("line 1: network.port: 70000 is out of range; allowed 0 to 65535"), all);
        assertTrue(all.contains("network.tls: 'maybe' is not allowed; allowed true, false"), all);
        assertTrue(all.contains("session.services: 'WPT' is not allowed"), all);
        assertTrue(all.contains("line 4: sesion.evse_id: unknown key"), all);
        assertTrue(all.contains("hal.backend"), all);
        assertTrue(all.contains("tls.pki_dir") || !all.contains("network.tls = true"));
    }

    @Test
    void tlsNeedsAPkiDirectory() {
        var e = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse("network.tls = true\nhal.backend = sim\n", BASE));
        assertTrue(e.errors.get(0).contains("tls.pki_dir"), e.errors.toString());
    }

    @Test
    void commandLineOverridesReplaceFileValuesAndErrorsNameTheOption() {
        ConfigText t = ConfigText.parse("secc.conf", "network.iface = eth0\n# comment\nhal.backend = linux\nnetwork.port = 50000\n");
        SeccConfig c = SeccConfig.parse(t.override("hal.backend", "sim", "--hal"), BASE);
        assertEquals("sim", c.hal().backend());
        assertEquals("eth0", c.iface());
        assertEquals(50000, c.port());
        ConfigText bad = ConfigText.parse("secc.conf", "hal.backend = sim\nsession.evse_id = X\nnetwork.port = 50000\n")
                .override("network.port", "70000", "--port");
        var e = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse(bad, BASE));
        assertEquals(List.of("option --port: network.port: 70000 is out of range; allowed 0 to 65535 (0 = any free port; SDP tells the EV)"),
                e.errors);
    }

    /** No silent fallback to the simulator: a missing or miscased hal.backend stops the start. */
    @Test
    void halBackendIsRequiredAndKeysAreCaseSensitive() {
        var missing = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse(ConfigText.parse("secc.conf", "network.iface = eth1\n"), BASE));
        assertEquals(List.of("secc.conf: hal.backend: missing; it has no default, allowed sim (the simulated bench) or linux (the board's hardware)"),
                missing.errors);
        var miscased = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse(ConfigText.parse("secc.conf", "Hal.Backend = linux\n"), BASE));
        String all = String.join("\n", miscased.errors);
        assertTrue(all.contains("secc.conf:1: Hal.Backend: unknown key; keys are case-sensitive: did you mean hal.backend?"), all);
        assertTrue(all.contains("secc.conf: hal.backend: missing"), all);
        var upper = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse("hal.backend = sim\nNETWORK.IFACE = eth1\n", BASE));
        assertTrue(upper.errors.get(0).startsWith("line 2: NETWORK.IFACE: unknown key; keys are case-sensitive: did you mean network.iface?"),
                upper.errors.toString());
    }

    @Test
    void duplicateKeysNumbersAndTheByteOrderMark() {
        var dup = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse(ConfigText.parse("secc.conf",
                "hal.backend = sim\nnetwork.port = 1\nnetwork.port = 2\n"), BASE));
        assertEquals(List.of("secc.conf:3: network.port: set twice (first at secc.conf:2); allowed once"), dup.errors);
        var frac = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse("hal.backend = sim\nnetwork.port = 50050.9\n", BASE));
        assertTrue(frac.errors.get(0).startsWith("line 2: network.port: '50050.9' is not a whole number; allowed 0 to 65535"), frac.errors.toString());
        for (String v : List.of("0x1p1", "NaN", "Infinity", "1d", "1,5", "")) {
            var e = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse("hal.backend = sim\ncharge.precharge_current_a = " + v + "\n", BASE), v);
            assertTrue(e.errors.get(0).startsWith("line 2: charge.precharge_current_a: '" + v + "' is not a decimal number; allowed 0.1 to 2 A"),
                    e.errors.toString());
        }
        SeccConfig bom = SeccConfig.parse("\uFEFFhal.backend = sim\nnetwork.iface = eth7\n", BASE);
        assertEquals("eth7", bom.iface());
        var hal = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse("hal.backend = sim\npower.modbus_port = 502.5\n", BASE));
        assertTrue(hal.errors.get(0).startsWith("line 2: power.modbus_port: '502.5' is not a whole number"), hal.errors.toString());
    }

    @Test
    void errorsNameTheRightKey() {
        var e = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse("hal.backend = sim\nsession.price_language = english\n", BASE));
        assertEquals(1, e.errors.size(), e.errors.toString());
        assertTrue(e.errors.get(0).startsWith("line 2: session.price_language: "), e.errors.toString());
    }

    @Test
    void pathsResolveAgainstTheFilesDirectory() {
        SeccConfig c = SeccConfig.parse("hal.backend = sim\nctl.socket = run/secc.sock\n", BASE);
        assertEquals(BASE.resolve("run/secc.sock"), c.ctlSocket());
    }

    /** Files are read with a bound: /dev/zero, a binary file and a missing file are one clear error each. */
    @Test
    void boundedReads(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        if (java.nio.file.Files.exists(Path.of("/dev/zero"))) {
            var zero = assertThrows(org.secc.common.config.ConfigException.class, () -> SeccConfig.load(Path.of("/dev/zero")));
            assertEquals(List.of("/dev/zero: longer than 1048576 bytes; a configuration file is a short text file"), zero.errors());
        }
        Path bin = dir.resolve("secc.conf");
        java.nio.file.Files.write(bin, new byte[] {'h', 'a', 'l', 0, 1, 2, (byte) 0xff});
        var b = assertThrows(org.secc.common.config.ConfigException.class, () -> SeccConfig.load(bin));
        assertEquals(List.of(bin + ": not a text file (a NUL byte at offset 3); expected UTF-8 'key = value' lines"), b.errors());
        java.nio.file.Files.write(bin, new byte[] {'a', ' ', '=', ' ', (byte) 0xc3, (byte) 0x28});
        var u = assertThrows(org.secc.common.config.ConfigException.class, () -> SeccConfig.load(bin));
        assertEquals(List.of(bin + ": not UTF-8 text; expected UTF-8 'key = value' lines"), u.errors());
        var m = assertThrows(org.secc.common.config.ConfigException.class, () -> SeccConfig.load(dir.resolve("none.conf")));
        assertEquals(List.of(dir.resolve("none.conf") + ": no such file"), m.errors());
    }

    @Test
    void tariffByDefaultAndNoneOnRequest() {
        SeccConfig c = SeccConfig.parse("hal.backend = sim\nsession.currency = CHF\nsession.energy_fee_per_kwh = 0.45\n", BASE);
        assertEquals(new org.secc.app.session.Tariff("CHF", "eng", 0.45), c.session().tariff());
        assertEquals(1, c.session().services().services().get(ServiceOffer.DC_BPT).get(0).pricing(), "Pricing = absolute");
        SeccConfig none = SeccConfig.parse("hal.backend = sim\nsession.price_schedule = none\n", BASE);
        assertNull(none.session().tariff());
        assertEquals(0, none.session().services().services().get(ServiceOffer.DC_BPT).get(0).pricing());
        var e = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse("hal.backend = sim\nsession.currency = EURO\n", BASE));
        assertTrue(e.errors.get(0).contains("session.currency"), e.errors.toString());
    }

    @Test
    void logLevelsComeFromTheServiceConfiguration() {
        SeccConfig c = SeccConfig.parse("hal.backend = sim\nlog.level = WARN\nlog.level.org.secc.hal = DEBUG\nlog.level.com.ghgande.j2mod = ERROR\n", Path.of("."));
        assertEquals(java.util.logging.Level.WARNING, c.logLevel());
        assertEquals(java.util.Map.of("org.secc.hal", java.util.logging.Level.FINE, "com.ghgande.j2mod", java.util.logging.Level.SEVERE), c.logLevels());
        SeccConfig none = SeccConfig.parse("hal.backend = sim\n", Path.of("."));
        assertEquals(null, none.logLevel());
        assertTrue(none.logLevels().isEmpty());
        SeccConfig.Invalid e = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse("hal.backend = sim\nlog.level.org.secc = LOUD\nlog.levels = x\n", Path.of(".")));
        assertTrue(e.getMessage().contains("log.level.org.secc") && e.getMessage().contains("allowed"), e.getMessage());
        assertTrue(e.getMessage().contains("log.levels: unknown key"), e.getMessage());
    }
}
