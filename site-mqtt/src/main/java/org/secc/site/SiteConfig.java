package org.secc.site;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code mqtt.*} keys of the service configuration, validated; every key is documented in
 * site-mqtt/README.md. {@link #parse} reports every problem with its key and what is allowed.
 */
public record SiteConfig(String url, String clientId, String prefix, String username, String password,
                         Path caFile, Path certFile, Path keyFile,
                         long intervalMs, long maxIntervalS, long sampleExpiryS,
                         double deadbandW, double deadbandV, double deadbandA, double deadbandSocPct, double deadbandWh,
                         int reconnectMinS, int reconnectMaxS, long willDelayS) {

    /** The configuration is wrong; {@code errors} name each key. */
    public static final class Invalid extends RuntimeException {
        private final List<String> errors;

        public Invalid(List<String> errors) {
            super(String.join("; ", errors));
            this.errors = List.copyOf(errors);
        }

        public List<String> errors() {
            return errors;
        }
    }

    static final Set<String> KEYS = Set.of("mqtt.url", "mqtt.client_id", "mqtt.station_id", "mqtt.prefix", "mqtt.username",
            "mqtt.password", "mqtt.tls.ca_file", "mqtt.tls.cert_file", "mqtt.tls.key_file", "mqtt.telemetry_interval_ms",
            "mqtt.telemetry_max_interval_s", "mqtt.sample_expiry_s", "mqtt.deadband_w", "mqtt.deadband_v", "mqtt.deadband_a",
            "mqtt.deadband_soc_pct", "mqtt.deadband_wh", "mqtt.reconnect_min_s", "mqtt.reconnect_max_s", "mqtt.will_delay_s");
    private static final Pattern TOPIC_LEVEL = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public boolean tls() {
        return url.startsWith("ssl://");
    }

    /**
     * Reads the {@code mqtt.*} keys (relative file names against {@code base}).
     *
     * @throws Invalid listing every problem
     */
    public static SiteConfig parse(Map<String, String> kv, Path base) {
        List<String> errors = new ArrayList<>();
        for (String k : kv.keySet()) {
            if (k.startsWith("mqtt.") && !KEYS.contains(k)) {
                errors.add(k + ": unknown key; allowed " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        String url = kv.getOrDefault("mqtt.url", "");
        try {
            URI u = new URI(url);
            if (!("tcp".equals(u.getScheme()) || "ssl".equals(u.getScheme())) || u.getHost() == null || u.getPort() <= 0) {
                errors.add("mqtt.url: '" + url + "' is not tcp://HOST:PORT or ssl://HOST:PORT");
            }
        } catch (java.net.URISyntaxException e) {
            errors.add("mqtt.url: '" + url + "' is not tcp://HOST:PORT or ssl://HOST:PORT");
        }
        String station = kv.getOrDefault("mqtt.station_id", "secc-1");
        if (!TOPIC_LEVEL.matcher(station).matches()) {
            errors.add("mqtt.station_id: '" + station + "' must be 1-64 characters of A-Z a-z 0-9 . _ - (it is a topic level)");
        }
        String prefix = kv.getOrDefault("mqtt.prefix", "site/" + station);
        if (prefix.isEmpty() || prefix.contains("+") || prefix.contains("#") || prefix.startsWith("/") || prefix.endsWith("/")
                || prefix.startsWith("$")) {
            errors.add("mqtt.prefix: '" + prefix + "' must be topic levels without wildcards, $, or leading/trailing /");
        }
        String clientId = kv.getOrDefault("mqtt.client_id", "secc-" + station);
        String user = kv.get("mqtt.username");
        String pass = kv.get("mqtt.password");
        if ((user == null) != (pass == null)) {
            errors.add("mqtt.username and mqtt.password: set both or neither");
        }
        Path ca = path(kv, "mqtt.tls.ca_file", base);
        Path cert = path(kv, "mqtt.tls.cert_file", base);
        Path key = path(kv, "mqtt.tls.key_file", base);
        if ((cert == null) != (key == null)) {
            errors.add("mqtt.tls.cert_file and mqtt.tls.key_file: set both or neither");
        }
        if (url.startsWith("ssl://") && ca == null) {
            errors.add("mqtt.tls.ca_file: required with ssl:// (the broker's CA, PEM)");
        }
        if (url.startsWith("tcp://") && (ca != null || cert != null)) {
            errors.add("mqtt.tls.*: set, but mqtt.url is tcp:// (plain); use ssl://");
        }
        long interval = (long) num(kv, "mqtt.telemetry_interval_ms", 1000, 50, 3_600_000, errors);
        long maxInterval = (long) num(kv, "mqtt.telemetry_max_interval_s", 60, 1, 86_400, errors);
        long expiry = (long) num(kv, "mqtt.sample_expiry_s", 30, 1, 86_400, errors);
        double dbW = num(kv, "mqtt.deadband_w", 50, 0, 1e6, errors);
        double dbV = num(kv, "mqtt.deadband_v", 1, 0, 1e4, errors);
        double dbA = num(kv, "mqtt.deadband_a", 0.5, 0, 1e4, errors);
        double dbSoc = num(kv, "mqtt.deadband_soc_pct", 0.5, 0, 100, errors);
        double dbWh = num(kv, "mqtt.deadband_wh", 10, 0, 1e9, errors);
        int rmin = (int) num(kv, "mqtt.reconnect_min_s", 1, 1, 3600, errors);
        int rmax = (int) num(kv, "mqtt.reconnect_max_s", 60, 1, 3600, errors);
        if (rmax < rmin) {
            errors.add("mqtt.reconnect_max_s: " + rmax + " is below mqtt.reconnect_min_s (" + rmin + ")");
        }
        long will = (long) num(kv, "mqtt.will_delay_s", 5, 0, 3600, errors);
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new SiteConfig(url, clientId, prefix, user, pass, ca, cert, key, interval, maxInterval, expiry, dbW, dbV, dbA, dbSoc,
                dbWh, rmin, rmax, will);
    }

    private static Path path(Map<String, String> kv, String k, Path base) {
        String v = kv.get(k);
        return v == null || v.isEmpty() ? null : base.resolve(v);
    }

    private static double num(Map<String, String> kv, String k, double dflt, double min, double max, List<String> errors) {
        String v = kv.get(k);
        if (v == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d) && d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(k + ": '" + v + "' is not a number from " + fmt(min) + " to " + fmt(max));
        return dflt;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
