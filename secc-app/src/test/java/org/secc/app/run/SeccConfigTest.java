package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.secc.app.session.ServiceOffer;

class SeccConfigTest {

    private static final Path BASE = Path.of("/etc/secc");

    @Test
    void defaults() {
        SeccConfig c = SeccConfig.parse("", BASE);
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
        var e = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse("network.tls = true\n", BASE));
        assertTrue(e.errors.get(0).contains("tls.pki_dir"), e.errors.toString());
    }

    @Test
    void commandLineOverridesReplaceFileValues() {
        String t = RunCommand.withOverrides("network.iface = eth0\n# comment\nhal.backend = linux\n", Map.of("hal.backend", "sim"));
        SeccConfig c = SeccConfig.parse(t, BASE);
        assertEquals("sim", c.hal().backend());
        assertEquals("eth0", c.iface());
    }

    @Test
    void tariffByDefaultAndNoneOnRequest() {
        SeccConfig c = SeccConfig.parse("session.currency = CHF\nsession.energy_fee_per_kwh = 0.45\n", BASE);
        assertEquals(new org.secc.app.session.Tariff("CHF", "eng", 0.45), c.session().tariff());
        assertEquals(1, c.session().services().services().get(ServiceOffer.DC_BPT).get(0).pricing(), "Pricing = absolute");
        SeccConfig none = SeccConfig.parse("session.price_schedule = none\n", BASE);
        assertNull(none.session().tariff());
        assertEquals(0, none.session().services().services().get(ServiceOffer.DC_BPT).get(0).pricing());
        var e = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse("session.currency = EURO\n", BASE));
        assertTrue(e.errors.get(0).contains("session.currency"), e.errors.toString());
    }

    @Test
    void logLevelsComeFromTheServiceConfiguration() {
        SeccConfig c = SeccConfig.parse("log.level = WARN\nlog.level.org.secc.hal = DEBUG\nlog.level.com.ghgande.j2mod = ERROR\n", Path.of("."));
        assertEquals(java.util.logging.Level.WARNING, c.logLevel());
        assertEquals(java.util.Map.of("org.secc.hal", java.util.logging.Level.FINE, "com.ghgande.j2mod", java.util.logging.Level.SEVERE), c.logLevels());
        SeccConfig none = SeccConfig.parse("", Path.of("."));
        assertEquals(null, none.logLevel());
        assertTrue(none.logLevels().isEmpty());
        SeccConfig.Invalid e = assertThrows(SeccConfig.Invalid.class, () -> SeccConfig.parse("log.level.org.secc = LOUD\nlog.levels = x\n", Path.of(".")));
        assertTrue(e.getMessage().contains("log.level.org.secc") && e.getMessage().contains("allowed"), e.getMessage());
        assertTrue(e.getMessage().contains("log.levels: unknown key"), e.getMessage());
    }
}
