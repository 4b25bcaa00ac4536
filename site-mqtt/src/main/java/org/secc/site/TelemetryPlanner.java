package org.secc.site;

import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.secc.common.json.Json;

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
        Map<String, Object> lim = new LinkedHashMap<>();
        List<Object> arr = new ArrayList<>();
        for (SiteTelemetry.Limit l : t.limits()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("source", l.source());
            o.put("id", l.id());
            o.put("kind", l.kind());
            num(o, "import_limit_w", l.importLimitW());
            num(o, "export_limit_w", l.exportLimitW());
            num(o, "setpoint_w", l.setpointW());
            o.put("reason", l.reason());
            arr.add(o);
        }
        lim.put("limits", arr);
        Map<String, Object> fs = new LinkedHashMap<>();
        fs.put("active", !t.failsafe().isEmpty());
        fs.put("reasons", List.copyOf(t.failsafe()));
        lim.put("failsafe", fs);
        // remaining_s counts down every second; compare without it so only real changes are published
        String limKey = Json.compact(lim);
        if (!limKey.equals(lastLimits)) {
            lastLimits = limKey;
            for (int i = 0; i < arr.size(); i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> o = (Map<String, Object>) arr.get(i);
                o.put("remaining_s", t.limits().get(i).remainingS());
            }
            lim.put("ts", ts);
            out.add(new Publication(cfg.prefix() + "/limits", bytes(lim), true, 0));
        }
        for (SiteTelemetry.Connector c : t.connectors()) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("evse_id", c.evseId());
            st.put("lifecycle", c.lifecycle());
            st.put("lifecycle_reason", c.lifecycleReason());
            st.put("protocol", c.protocol());
            st.put("session_state", c.sessionState());
            st.put("mode", c.mode());
            num(st, "charge_limit_w", round(c.chargeLimitW(), cfg.deadbandW()));
            st.put("charge_limit_reason", c.chargeReason());
            num(st, "discharge_limit_w", round(c.dischargeLimitW(), cfg.deadbandW()));
            st.put("discharge_limit_reason", c.dischargeReason());
            st.put("trips", List.copyOf(c.trips()));
            st.put("faults", List.copyOf(c.faults()));
            String key = Json.compact(st);
            if (!key.equals(lastState.get(c.evseId()))) {
                lastState.put(c.evseId(), key);
                st.put("ts", ts);
                out.add(new Publication(cfg.prefix() + "/evse/" + c.evseId() + "/state", bytes(st), true, 0));
            }
            Long lastN = lastSampleNanos.get(c.evseId());
            long since = lastN == null ? Long.MAX_VALUE : nowNanos - lastN;
            if (since >= cfg.intervalMs() * 1_000_000L
                    && (moved(lastSample.get(c.evseId()), c) || since >= cfg.maxIntervalS() * 1_000_000_000L)) {
                lastSample.put(c.evseId(), c);
                lastSampleNanos.put(c.evseId(), nowNanos);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("evse_id", c.evseId());
                num(m, "soc_pct", c.socPct());
                num(m, "voltage_v", c.voltageV());
                num(m, "current_a", c.currentA());
                num(m, "power_w", c.powerW());
                num(m, "energy_imported_wh", c.importedWh());
                num(m, "energy_exported_wh", c.exportedWh());
                m.put("ts", ts);
                out.add(new Publication(cfg.prefix() + "/evse/" + c.evseId() + "/measurements", bytes(m), false, cfg.sampleExpiryS()));
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

    private static void num(Map<String, Object> o, String k, double v) {
        o.put(k, Double.isFinite(v) ? Math.round(v * 10) / 10.0 : null);
    }

    private static byte[] bytes(Map<String, Object> o) {
        return Json.compact(o).getBytes(StandardCharsets.UTF_8);
    }
}
