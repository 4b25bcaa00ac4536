package org.secc.ocpp;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the station reaches its CSMS and behaves towards it (the {@code ocpp.*} keys of the charger's
 * configuration; see ocpp/README.md).
 *
 * @param csmsUrl            ws:// (security profile 1) or wss:// (2, 3) endpoint; the identity is appended (OCPP-J 2.1 §3.1.1)
 * @param identity           the station identity: ≤ 48 characters, no ':' (it is also the basic-auth user name)
 * @param securityProfile    1 basic auth over ws, 2 basic auth over TLS, 3 mutual TLS (A00)
 * @param password           basic-auth password (profiles 1 and 2), 16–40 characters (A00.FR.205)
 * @param dataDir            where the transaction queue, counters and certificates live
 * @param queueCapacity      undelivered TransactionEvents kept before Updated events are dropped (E12.FR.04)
 * @param offlineFailsafe    without the CSMS this long, the charger goes charge-only
 * @param callTimeout        how long a CALL waits for its answer (P2 "message timeout")
 * @param txUpdatedInterval  SampledDataCtrlr.TxUpdatedInterval
 * @param maxFrameBytes      larger frames from the CSMS are refused (FormatViolation) without being buffered
 */
public record OcppSettings(URI csmsUrl, String identity, int securityProfile, String password, Path dataDir,
                           int queueCapacity, Duration offlineFailsafe, Duration callTimeout, Duration txUpdatedInterval,
                           int maxFrameBytes, String vendorName, String model, String serialNumber, String firmwareVersion,
                           int evseCount, int retryBackOffWaitMinimumS, int retryBackOffRandomRangeS, int retryBackOffRepeatTimes) {

    public OcppSettings {
        if (identity == null || identity.isEmpty() || identity.length() > 48 || identity.contains(":"))
            throw new IllegalArgumentException("ocpp.identity: 1 to 48 characters without ':' (OCPP-J §3.1.1), got '" + identity + "'");
        if (securityProfile < 1 || securityProfile > 3) throw new IllegalArgumentException("ocpp.security_profile: 1, 2 or 3, got " + securityProfile);
        String scheme = csmsUrl.getScheme();
        if (securityProfile == 1 && !"ws".equals(scheme)) throw new IllegalArgumentException("ocpp.csms_url: security profile 1 needs ws://");
        if (securityProfile > 1 && !"wss".equals(scheme)) throw new IllegalArgumentException("ocpp.csms_url: security profiles 2 and 3 need wss://");
        if (securityProfile < 3 && (password == null || password.length() < 16 || password.length() > 40))
            throw new IllegalArgumentException("ocpp.password: 16 to 40 characters for security profiles 1 and 2 (A00.FR.205)");
        if (queueCapacity < 10) throw new IllegalArgumentException("ocpp.queue_max_events: at least 10");
        if (evseCount < 1) throw new IllegalArgumentException("ocpp.evse_count: at least 1");
    }

    /** Defaults for everything but the address and the credentials. */
    public static OcppSettings of(URI csmsUrl, String identity, int securityProfile, String password, Path dataDir) {
        return new OcppSettings(csmsUrl, identity, securityProfile, password, dataDir, 10_000, Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofSeconds(60), 65_536, "SECC", "SECC-BPT", identity, "0.1.0", 1, 1, 2, 2);
    }

    public OcppSettings withTimes(Duration offlineFailsafe, Duration callTimeout, Duration txUpdatedInterval) {
        return new OcppSettings(csmsUrl, identity, securityProfile, password, dataDir, queueCapacity, offlineFailsafe, callTimeout,
                txUpdatedInterval, maxFrameBytes, vendorName, model, serialNumber, firmwareVersion, evseCount,
                retryBackOffWaitMinimumS, retryBackOffRandomRangeS, retryBackOffRepeatTimes);
    }

    public OcppSettings withQueueCapacity(int capacity) {
        return new OcppSettings(csmsUrl, identity, securityProfile, password, dataDir, capacity, offlineFailsafe, callTimeout,
                txUpdatedInterval, maxFrameBytes, vendorName, model, serialNumber, firmwareVersion, evseCount,
                retryBackOffWaitMinimumS, retryBackOffRandomRangeS, retryBackOffRepeatTimes);
    }

    /** The connection URL: endpoint + "/" + percent-encoded identity (OCPP-J 2.1 §3.1.1). */
    public URI connectionUri() {
        String base = csmsUrl.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        StringBuilder enc = new StringBuilder();
        for (byte b : identity.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') enc.append((char) c);
            else enc.append('%').append(String.format("%02X", c));
        }
        return URI.create(base + "/" + enc);
    }
}
