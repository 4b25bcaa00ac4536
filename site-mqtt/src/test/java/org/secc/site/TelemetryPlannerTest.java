package org.secc.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.secc.site.testing.TestPort;

/** Retained states on change, samples with expiry at the configured rate beyond the deadband; fake time. */
class TelemetryPlannerTest {
    static final long MS = 1_000_000L;
    static final Instant T0 = Instant.parse("2026-12-07T04:00:00Z");

    static SiteConfig cfg() {
        return SiteConfig.parse(Map.of("mqtt.url", "tcp://127.0.0.1:1883", "mqtt.station_id", "cp7", "mqtt.telemetry_interval_ms", "1000",
                "mqtt.telemetry_max_interval_s", "30", "mqtt.deadband_w", "100", "mqtt.sample_expiry_s", "15"), Path.of("."));
    }

    static List<String> topics(List<Publication> ps) {
        return ps.stream().map(Publication::topic).toList();
    }

    @Test
    void statesRetainedSamplesExpireAndDeadbandHolds() {
        TelemetryPlanner p = new TelemetryPlanner(cfg());
        List<Publication> first = p.plan(TestPort.snapshot(7000), 0, T0);
        assertEquals(List.of("site/cp7/limits", "site/cp7/evse/1/state", "site/cp7/evse/1/measurements"), topics(first));
        assertTrue(first.get(0).retained() && first.get(1).retained());
        assertFalse(first.get(2).retained());
        assertEquals(15, first.get(2).expirySeconds());
        for (Publication x : first) {
            String schema = x.topic().endsWith("limits") ? "limits.schema.json"
                    : x.topic().endsWith("state") ? "state.schema.json" : "measurements.schema.json";
            assertEquals(List.of(), Schemas.validate(Schemas.schema(schema), x.payload()), x.topic());
        }
        assertEquals(List.of(), p.plan(TestPort.snapshot(7090), 2000 * MS, T0), "within the 100 W deadband: nothing");
        assertEquals(List.of(), p.plan(TestPort.snapshot(7500), 500 * MS, T0), "faster than the interval: nothing");
        assertEquals(List.of("site/cp7/evse/1/measurements"), topics(p.plan(TestPort.snapshot(7500), 3000 * MS, T0)));
        assertEquals(List.of(), p.plan(TestPort.snapshot(7500), 20_000 * MS, T0));
        assertEquals(List.of("site/cp7/evse/1/measurements"), topics(p.plan(TestPort.snapshot(7500), 33_000 * MS, T0)),
                "unchanged, but at least every max interval");
    }

    @Test
    void aStateChangeIsPublishedAtOnce() {
        TelemetryPlanner p = new TelemetryPlanner(cfg());
        p.plan(TestPort.snapshot(7000), 0, T0);
        SiteTelemetry.Connector c = TestPort.snapshot(7000).connectors().get(0);
        SiteTelemetry tripped = new SiteTelemetry(List.of(new SiteTelemetry.Connector(1, "idle", "grid trip", c.protocol(), "Paused", "idle", c.socPct(),
                c.voltageV(), c.currentA(), c.powerW(), c.importedWh(), c.exportedWh(), 0, "grid trip UF2", 0, "grid trip UF2",
                List.of("UF2 46.4 Hz"), List.of())), List.of(new SiteTelemetry.Limit("mqtt", "d1", "setpoint", Double.NaN, Double.NaN, -7000,
                "vpp", 20)), List.of("mqtt connection lost 31 s"));
        List<Publication> out = p.plan(tripped, 10 * MS, T0);
        assertEquals(List.of("site/cp7/limits", "site/cp7/evse/1/state"), topics(out));
        String limits = new String(out.get(0).payload());
        assertTrue(limits.contains("\"failsafe\":{\"active\":true,\"reasons\":[\"mqtt connection lost 31 s\"]}"), limits);
        assertEquals(List.of(), Schemas.validate(Schemas.schema("limits.schema.json"), out.get(0).payload()));
        assertEquals(List.of(), Schemas.validate(Schemas.schema("state.schema.json"), out.get(1).payload()));
        SiteTelemetry later = new SiteTelemetry(tripped.connectors(), List.of(new SiteTelemetry.Limit("mqtt", "d1", "setpoint", Double.NaN,
                Double.NaN, -7000, "vpp", 19)), tripped.failsafe());
        assertEquals(List.of(), p.plan(later, 20 * MS, T0), "the countdown alone is no change");
        p.reset();
        assertEquals(List.of("site/cp7/limits", "site/cp7/evse/1/state", "site/cp7/evse/1/measurements"), topics(p.plan(later, 30 * MS, T0)),
                "after a reconnect the retained states go out again, and a fresh sample");
    }

    @Test
    void configErrorsNameTheKey() {
        SiteConfig.Invalid e = org.junit.jupiter.api.Assertions.assertThrows(SiteConfig.Invalid.class, () -> SiteConfig.parse(Map.of(
                "mqtt.url", "http://x", "mqtt.usernme", "a", "mqtt.deadband_w", "-1", "mqtt.station_id", "a/b"), Path.of(".")));
        assertEquals(4, e.errors().size(), e.errors().toString());
        assertTrue(e.errors().contains("mqtt.url: 'http://x' is not tcp://HOST:PORT or ssl://HOST:PORT"), e.errors().toString());
        assertTrue(e.errors().contains("mqtt.deadband_w: '-1' is not a number from 0 to 1000000"), e.errors().toString());
    }
}
