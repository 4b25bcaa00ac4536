package org.secc.app.ocpp;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.secc.common.config.ConfigText;
import org.secc.ocpp.OcppSettings;

/**
 * The {@code ocpp.*} keys of the service configuration (reference: ocpp/README.md). Without
 * {@code ocpp.csms_url} the charger runs without OCPP.
 *
 * @param idToken  the EIM idToken sent in Authorize for every new car, or null
 */
public record OcppConfig(OcppSettings settings, Path csmsCa, Path stationCert, Path stationKey, String idToken) {

    /** Reads the keys from the service configuration; problems go to {@code s}'s errors. Null when OCPP is off. */
    public static OcppConfig parse(ConfigText s, Path base) {
        String url = s.string("ocpp.csms_url", "");
        if (url.isEmpty()) {
            return null;
        }
        String identity = s.string("ocpp.identity", "");
        int profile = (int) s.integer("ocpp.security_profile", 2, 1, 3, "(1 basic auth over ws://, 2 basic auth over TLS, 3 mutual TLS)");
        String password = s.string("ocpp.password", "");
        String ca = s.string("ocpp.csms_ca", "");
        String cert = s.string("ocpp.station_cert", "");
        String key = s.string("ocpp.station_key", "");
        Path data = base.resolve(s.string("ocpp.data_dir", "/var/lib/secc/ocpp"));
        double failsafe = s.number("ocpp.offline_failsafe_s", 60, 1, 86_400, "s");
        int queue = (int) s.integer("ocpp.queue_max_events", 10_000, 10, 1_000_000, "events");
        double timeout = s.number("ocpp.call_timeout_s", 30, 1, 600, "s");
        double updated = s.number("ocpp.tx_updated_interval_s", 60, 0, 86_400, "s (0 = no periodic meter values)");
        String token = s.string("ocpp.id_token", "");
        String vendor = s.string("ocpp.vendor", "SECC");
        String model = s.string("ocpp.model", "SECC-BPT");
        String serial = s.string("ocpp.serial_number", identity);
        if (profile > 1 && ca.isEmpty()) {
            s.error("ocpp.csms_ca", "required with ocpp.security_profile " + profile + " (PEM: the CA of the CSMS certificate)");
        }
        if (profile == 3 && (cert.isEmpty() || key.isEmpty())) {
            s.error("ocpp.station_cert", "ocpp.station_cert and ocpp.station_key are required with ocpp.security_profile 3");
        }
        if (token.length() > 36) {
            s.error("ocpp.id_token", "at most 36 characters (IdTokenType.idToken in 2.0.1)");
        }
        try {
            OcppSettings st = new OcppSettings(URI.create(url), identity, profile, password.isEmpty() ? null : password, data, queue,
                    Duration.ofMillis((long) (failsafe * 1000)), Duration.ofMillis((long) (timeout * 1000)),
                    Duration.ofSeconds((long) updated), 65_536, vendor, model, serial, "0.1.0", 1, 1, 2, 2);
            return new OcppConfig(st, ca.isEmpty() ? null : base.resolve(ca), cert.isEmpty() ? null : base.resolve(cert),
                    key.isEmpty() ? null : base.resolve(key), token.isEmpty() ? null : token);
        } catch (IllegalArgumentException e) {
            s.error("ocpp.csms_url", e.getMessage());
            return null;
        }
    }
}
