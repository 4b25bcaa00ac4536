package org.secc.site;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides which telemetry to publish, sans I/O: give it a snapshot and the time, it returns the
 * messages. States (retained) go out when they change; samples (with message expiry) go out at most
 * every {@code intervalMs}, only when a value moved beyond its deadband, and at least every
 * {@code maxIntervalS} so that a reader sees the charger is alive. Topic layout: site-mqtt/README.md.
 */
public final class TelemetryPlanner {
    private final SiteConfig cfg;
    private final Map<Integer, String> lastState = new HashMap<>();
    private final Map<Integer, SiteTelemetry.Connector> lastSample = new HashMap<>();
    private final Map<Integer, Long> lastSampleNanos = new HashMap<>();
    private String lastLimits;

    public TelemetryPlanner(SiteConfig cfg) {
        this.cfg = cfg;
    }

    /** Forget what was sent (after a reconnect the retained states are published again). */
    public void reset() {
        lastState.clear();
        lastSample.clear();
        lastSampleNanos.clear();
        lastLimits = null;
    }

    public List<Publication> plan(SiteTelemetry t, long nowNanos, Instant wall) {
        List<Publication> out = new ArrayList<>(4);
        String ts = wall.toString();
        ObjectNode lim = CommandCodec.JSON.createObjectNode();
        ArrayNode arr = lim.putArray("limits");
        for (SiteTelemetry.Limit l : t.limits()) {
            ObjectNode o = arr.addObject().put("source", l.source()).put("id", l.id()).put("kind", l.kind());
            num(o, "import_limit_w", l.importLimitW());
            num(o, "export_limit_w", l.exportLimitW());
            num(o, "setpoint_w", l.setpointW());
            o.put("reason", l.reason()).put("remaining_s", l.remainingS());
        }
        ObjectNode fs = lim.putObject("failsafe").put("active", !t.failsafe().isEmpty());
        ArrayNode reasons = fs.putArray("reasons");
        t.failsafe().forEach(reasons::add);
        // remaining_s counts down every second; compare without it so only real changes are published
        String limKey = lim.toString().replaceAll("\"remaining_s\":[0-9]+", "");
        if (!limKey.equals(lastLimits)) {
            lastLimits = limKey;
            lim.put("ts", ts);
            out.add(new Publication(cfg.prefix() + "/limits", CommandCodec.JSON.writeValueAsBytes(lim), true, 0));
        }
        for (SiteTelemetry.Connector c : t.connectors()) {
            ObjectNode st = CommandCodec.JSON.createObjectNode();
            st.put("evse_id", c.evseId()).put("lifecycle", c.lifecycle()).put("protocol", c.protocol())
                    .put("session_state", c.sessionState()).put("mode", c.mode());
            num(st, "charge_limit_w", round(c.chargeLimitW(), cfg.deadbandW()));
            st.put("charge_limit_reason", c.chargeReason());
            num(st, "discharge_limit_w", round(c.dischargeLimitW(), cfg.deadbandW()));
            st.put("discharge_limit_reason", c.dischargeReason());
            ArrayNode trips = st.putArray("trips");
            c.trips().forEach(trips::add);
            ArrayNode faults = st.putArray("faults");
            c.faults().forEach(faults::add);
            String key = st.toString();
            if (!key.equals(lastState.get(c.evseId()))) {
                lastState.put(c.evseId(), key);
                st.put("ts", ts);
                out.add(new Publication(cfg.prefix() + "/evse/" + c.evseId() + "/state", CommandCodec.JSON.writeValueAsBytes(st), true, 0));
            }
            Long lastN = lastSampleNanos.get(c.evseId());
            long since = lastN == null ? Long.MAX_VALUE : nowNanos - lastN;
            if (since >= cfg.intervalMs() * 1_000_000L
                    && (moved(lastSample.get(c.evseId()), c) || since >= cfg.maxIntervalS() * 1_000_000_000L)) {
                lastSample.put(c.evseId(), c);
                lastSampleNanos.put(c.evseId(), nowNanos);
                ObjectNode m = CommandCodec.JSON.createObjectNode();
                m.put("evse_id", c.evseId());
                num(m, "soc_pct", c.socPct());
                num(m, "voltage_v", c.voltageV());
                num(m, "current_a", c.currentA());
                num(m, "power_w", c.powerW());
                num(m, "energy_imported_wh", c.importedWh());
                num(m, "energy_exported_wh", c.exportedWh());
                m.put("ts", ts);
                out.add(new Publication(cfg.prefix() + "/evse/" + c.evseId() + "/measurements", CommandCodec.JSON.writeValueAsBytes(m),
                        false, cfg.sampleExpiryS()));
            }
        }
        return out;
    }

    private boolean moved(SiteTelemetry.Connector a, SiteTelemetry.Connector b) {
        if (a == null) {
            return true;
        }
        return beyond(a.powerW(), b.powerW(), cfg.deadbandW()) || beyond(a.voltageV(), b.voltageV(), cfg.deadbandV())
                || beyond(a.currentA(), b.currentA(), cfg.deadbandA()) || beyond(a.socPct(), b.socPct(), cfg.deadbandSocPct())
                || beyond(a.importedWh(), b.importedWh(), cfg.deadbandWh()) || beyond(a.exportedWh(), b.exportedWh(), cfg.deadbandWh());
    }

    /** Strictly beyond the deadband; NaN ↔ number is always a change. */
    static boolean beyond(double a, double b, double band) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) != Double.isNaN(b);
        }
        return Math.abs(a - b) > band;
    }

    private static double round(double v, double step) {
        return Double.isFinite(v) && step > 0 ? Math.round(v / step) * step : v;
    }

    private static void num(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, Math.round(v * 10) / 10.0);
        } else {
            o.putNull(k);
        }
    }
}
