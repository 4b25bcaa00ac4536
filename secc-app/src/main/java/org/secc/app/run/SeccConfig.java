package org.secc.app.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;

import org.secc.app.charge.ChargeSettings;
import org.secc.common.config.ConfigText;
import org.secc.app.sap.SapNegotiator;
import org.secc.app.session.EnergyParameterSet;
import org.secc.app.session.ServiceOffer;
import org.secc.app.session.SessionConfig;
import org.secc.app.session.Tariff;
import org.secc.common.log.Logging;
import org.secc.hal.config.HalConfig;
import org.secc.site.SiteConfig;

/**
 * The service configuration: one {@code key = value} file. The HAL reads its own keys ({@code hal.},
 * {@code cp.}, {@code power.}, {@code grid.}, {@code sim.}, {@code linux.}, {@code isolation.}); this
 * class reads the rest and refuses unknown keys, naming the line, the key, what is wrong and what is
 * allowed. The discharge policy and grid code live in their own file ({@code policy.file}).
 */
public record SeccConfig(String iface, int port, boolean tls, Path pkiDir, String pkiPassword, boolean slac, String modemMac,
        SessionConfig session, SapNegotiator sap, ChargeSettings charge, Path policyFile, Path ctlSocket, Path pcap, HalConfig hal,
        Level logLevel, Map<String, Level> logLevels, SiteConfig site, org.secc.app.connector.LifecycleConfig lifecycle,
        org.secc.app.ocpp.OcppConfig ocpp,
        Path stateDir, boolean requireClientCertificate, boolean jitWarmUp) {

    /** Thrown with every problem found (exit code 2). */
    public static final class Invalid extends org.secc.common.config.ConfigException {
        public final List<String> errors;

        Invalid(List<String> errors) {
            super(errors);
            this.errors = List.copyOf(errors);
        }
    }

    /** Reads the file with a bound and parses it; relative paths resolve against the file's directory. */
    public static SeccConfig load(Path file) {
        return parse(ConfigText.read(file), file.toAbsolutePath().getParent());
    }

    /** Parses the text; relative paths resolve against {@code base}. */
    public static SeccConfig parse(String text, Path base) {
        return parse(ConfigText.parse(text), base);
    }

    /**
     * Parses the service's keys and the HAL's from one text (the one parser, one key rule: exact,
     * case-sensitive); every problem is collected, each naming the file and line or the option.
     */
    public static SeccConfig parse(ConfigText s, Path base) {
        List<String> errors = new ArrayList<>();
        // No silent fallback to the simulator: the backend is always named.
        s.required("hal.backend", "sim (the simulated bench) or linux (the board's hardware)");
        HalConfig hal = HalConfig.from(s);
        String iface = s.string("network.iface", "eth0");
        int port = (int) s.integer("network.port", 0, 0, 65535, "(0 = any free port; SDP tells the EV)");
        boolean tls = bool(s, "network.tls", false);
        String pki = s.string("tls.pki_dir", "");
        String password = s.string("tls.password", "secc-test");
        if (tls && pki.isEmpty()) {
            s.error("tls.pki_dir", "required with network.tls = true (a directory made by `secc-bench pki`: secc.p12, oem-root-trust.p12)");
        }
        // [V2G20-2400]: mutual TLS; false serves -20 over TLS to an EV without a certificate (bench only, logged at start)
        boolean requireClientCert = bool(s, "tls.require_client_certificate", true);
        boolean slac = bool(s, "network.slac", true);
        String modem = s.string("network.modem_mac", "00:b0:52:00:00:01");

        String evseId = s.string("session.evse_id", "DE*SEC*E0001");
        if (evseId.isEmpty() || evseId.length() > 255) {
            // EVSEID is a string of 1..255 characters in the -20 schema; refused here, not by the session's constructor
            s.error("session.evse_id", evseId.length() + " characters; allowed 1 to 255");
            evseId = "DE*SEC*E0001";
        }
        String meterId = s.string("session.meter_id", "SECC-METER-1");
        if (meterId.isEmpty() || meterId.length() > 32) {
            // MeterID: 1..32 characters (the fuzz finding crash-4290c77f: a 140-character value escaped as IllegalArgumentException)
            s.error("session.meter_id", meterId.length() + " characters; allowed 1 to 32");
            meterId = "SECC-METER-1";
        }
        boolean priced = !s.string("session.price_schedule", "absolute").equalsIgnoreCase("none");
        ServiceOffer offer = services(s, priced ? 1 : 0);
        SessionConfig session0 = new SessionConfig(evseId, Duration.ofMillis((long) s.number("session.sequence_timeout_ms", 60_000, 1000, 600_000, "ms")),
                Duration.ofSeconds((long) s.number("session.eim_ongoing_cap_s", 180, 1, 600, "s")),
                Duration.ofMillis((long) s.number("session.close_after_stop_ms", 5000, 5000, 60_000, "ms ([V2G20-1633]: at least 5 s)")),
                offer, bool(s, "session.negative_discharge_limits", false),
                Duration.ofMillis((long) s.number("session.loop_sequence_timeout_ms", 60_000, 500, 600_000, "ms")),
                Duration.ofSeconds((long) s.number("session.cable_check_cap_s", 38, 1, 40, "s")),
                meterId, null);
        SessionConfig session = session0;
        String priceSchedule = s.choice("session.price_schedule", "absolute", "absolute", "none");
        if (priceSchedule.equals("absolute")) {
            try {
                String currency = s.string("session.currency", "EUR");
                String language = s.string("session.price_language", "eng");
                double fee = s.number("session.energy_fee_per_kwh", 0, 0, 1e6, "per kWh in session.currency");
                try {
                    new Tariff(currency, "eng", 0);
                } catch (IllegalArgumentException e) {
                    s.error("session.currency", e.getMessage());
                }
                try {
                    new Tariff("EUR", language, 0);
                } catch (IllegalArgumentException e) {
                    s.error("session.price_language", e.getMessage());
                }
                session = session.withTariff(new Tariff(currency, language, fee));
            } catch (IllegalArgumentException e) {
                // reported above, key by key
            }
        }
        SapNegotiator sap;
        try {
            sap = SapNegotiator.fromConfig(s.string("session.protocols", "iso20-dc,iso20-ac,iso2,din"),
                    bool(s, "session.iso20_without_tls", true));
        } catch (IllegalArgumentException e) {
            s.error("session.protocols", e.getMessage());
            sap = SapNegotiator.defaults();
        }
        ChargeSettings charge;
        try {
            charge = new ChargeSettings(opt(s, "charge.dc_max_charge_power_w"), opt(s, "charge.dc_max_discharge_power_w"),
                    opt(s, "charge.dc_max_charge_current_a"), opt(s, "charge.dc_max_discharge_current_a"),
                    s.number("charge.ac_max_charge_power_w", 11_000, 0, 1e6, "W"), s.number("charge.ac_max_discharge_power_w", 11_000, 0, 1e6, "W"),
                    (int) s.integer("charge.ac_phases", 3, 1, 3, "(1 or 3)"), s.number("charge.precharge_current_a", 2, 0.1, 2, "A"),
                    Duration.ofMillis((long) s.number("charge.contactor_timeout_ms", 3000, 100, 3000, "ms")),
                    s.number("charge.insulation_fault_ohm", 100_000, 1_000, 10e6, "ohm"), bool(s, "charge.auto_authorize", true),
                    s.number("charge.renegotiation_step_w", 1000, 100, 1e6, "W"),
                    Duration.ofMillis(Math.round(1000 * s.number("charge.ev_silence_ramp_s", 2, 0, 10, "s"))));
        } catch (IllegalArgumentException e) {
            s.error("charge.ac_phases", e.getMessage());
            charge = ChargeSettings.defaults();
        }
        org.secc.app.connector.LifecycleConfig lifecycle = org.secc.app.connector.LifecycleConfig.defaults();
        try {
            String fb = s.choice("connector.hlc_fallback", "error", "error", "basic_charging");
            lifecycle = new org.secc.app.connector.LifecycleConfig(slac,
                    Duration.ofSeconds((long) s.number("connector.matching_timeout_s", 60, 20, 600, "s (TT_EVSE_SLAC_init and the EV's retries)")),
                    lifecycle.tStepEf(), lifecycle.sequRetries(), lifecycle.maxFailedAttempts(),
                    fb.equals("basic_charging") ? org.secc.app.connector.LifecycleConfig.Fallback.BASIC_CHARGING
                            : org.secc.app.connector.LifecycleConfig.Fallback.ERROR,
                    s.number("connector.basic_charging_current_a", 16, 6, 80, "A (IEC 61851-1 nominal duty cycle)"));
        } catch (IllegalArgumentException e) {
            s.error("connector.basic_charging_current_a", e.getMessage());
        }
        String policy = s.string("policy.file", "");
        // like every other path of the file: relative to the file's directory, not the working directory
        Path ctl = base.resolve(s.string("ctl.socket", "/run/secc/secc.sock"));
        String pcap = s.string("pcap.file", "");
        // log.level = LEVEL (the root), log.level.<package> = LEVEL; absent: the system properties' levels (common's Logging)
        Level logLevel = null;
        Map<String, Level> logLevels = new LinkedHashMap<>();
        for (String key : s.keysStartingWith("log.level")) {
            String logger = key.equals("log.level") ? "" : key.startsWith("log.level.") ? key.substring("log.level.".length()) : null;
            if (logger == null || (logger.isEmpty() && !key.equals("log.level"))) {
                continue; // not ours: reported as unknown below
            }
            try {
                Level l = Logging.parseLevel(s.string(key, "INFO"));
                if (logger.isEmpty()) {
                    logLevel = l;
                } else {
                    logLevels.put(logger, l);
                }
            } catch (IllegalArgumentException e) {
                s.error(key, e.getMessage());
            }
        }
        // The MQTT site interface validates its own keys (site-mqtt/README.md); none set = no site interface.
        java.util.Map<String, String> mqtt = s.withPrefix("mqtt.");
        SiteConfig site = null;
        if (!mqtt.isEmpty()) {
            try {
                site = SiteConfig.parse(mqtt, base);
            } catch (SiteConfig.Invalid e) {
                errors.addAll(e.errors());
            }
        }
        org.secc.app.ocpp.OcppConfig ocpp = org.secc.app.ocpp.OcppConfig.parse(s, base);
        // The service's own state that survives a restart (the connectors' energy registers).
        Path stateDir = base.resolve(s.string("state.dir", "/var/lib/secc"));
        // JIT warm-up of the per-message code after start-up (org.secc.app.jit.JitWarmUp)
        boolean jitWarmUp = bool(s, "jit.warmup", true);
        s.checkUnknownKeys();
        errors.addAll(s.errors());
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new SeccConfig(iface, port, tls, pki.isEmpty() ? null : base.resolve(pki), password, slac, modem, session, sap, charge,
                policy.isEmpty() ? null : base.resolve(policy), ctl, pcap.isEmpty() ? null : base.resolve(pcap), hal, logLevel,
                Map.copyOf(logLevels), site, lifecycle, ocpp, stateDir, requireClientCert, jitWarmUp);
    }

    private static double opt(ConfigText s, String key) {
        return s.has(key) ? s.number(key, Double.NaN, 0, 1e6, "(absent = the power stage's rating)") : Double.NaN;
    }

    private static boolean bool(ConfigText s, String key, boolean dflt) {
        return s.bool(key, dflt);
    }

    /** {@code session.services = DC_BPT, DC, AC_BPT, AC} in offer order; {@code session.control_modes = dynamic, scheduled}. */
    /** @param pricing the parameter sets' Pricing value: 1 with an AbsolutePriceSchedule, 0 without */
    private static ServiceOffer services(ConfigText s, int pricing) {
        String list = s.string("session.services", "DC_BPT,DC,AC_BPT,AC");
        String modes = s.string("session.control_modes", "scheduled,dynamic");
        Map<Integer, List<EnergyParameterSet>> m = new LinkedHashMap<>();
        List<Integer> ctrl = new ArrayList<>();
        for (String x : modes.split(",")) {
            switch (x.strip().toLowerCase(Locale.ROOT)) {
                case "scheduled" -> ctrl.add(EnergyParameterSet.SCHEDULED);
                case "dynamic" -> ctrl.add(EnergyParameterSet.DYNAMIC);
                default -> s.error("session.control_modes", "'" + x.strip() + "' is not allowed; allowed scheduled, dynamic");
            }
        }
        if (ctrl.isEmpty()) {
            ctrl.add(EnergyParameterSet.SCHEDULED);
        }
        for (String x : list.split(",")) {
            int id = switch (x.strip().toUpperCase(Locale.ROOT)) {
                case "AC" -> ServiceOffer.AC;
                case "DC" -> ServiceOffer.DC;
                case "AC_BPT" -> ServiceOffer.AC_BPT;
                case "DC_BPT" -> ServiceOffer.DC_BPT;
                default -> -1;
            };
            if (id < 0) {
                s.error("session.services", "'" + x.strip() + "' is not allowed; allowed DC_BPT, DC, AC_BPT, AC");
                continue;
            }
            boolean ac = id == ServiceOffer.AC || id == ServiceOffer.AC_BPT;
            List<EnergyParameterSet> sets = new ArrayList<>();
            for (int i = 0; i < ctrl.size(); i++) {
                int mode = ctrl.get(i);
                sets.add(new EnergyParameterSet(i + 1, ac ? 3 : 2, mode, mode == EnergyParameterSet.DYNAMIC ? 2 : 1, pricing, 1, 1, 230));
            }
            m.put(id, sets);
        }
        if (m.isEmpty()) {
            m.put(ServiceOffer.DC, EnergyParameterSet.defaults(ServiceOffer.DC));
        }
        return new ServiceOffer(m, true, bool(s, "session.service_renegotiation", false));
    }
}
