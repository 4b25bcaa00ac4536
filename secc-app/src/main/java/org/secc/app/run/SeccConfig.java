package org.secc.app.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.secc.app.charge.ChargeSettings;
import org.secc.app.policy.SettingsText;
import org.secc.app.sap.SapNegotiator;
import org.secc.app.session.EnergyParameterSet;
import org.secc.app.session.ServiceOffer;
import org.secc.app.session.SessionConfig;
import org.secc.app.session.Tariff;
import org.secc.hal.config.HalConfig;
import org.secc.hal.config.HalConfigException;

/**
 * The service configuration: one {@code key = value} file. The HAL reads its own keys ({@code hal.},
 * {@code cp.}, {@code power.}, {@code grid.}, {@code sim.}, {@code linux.}, {@code isolation.}); this
 * class reads the rest and refuses unknown keys, naming the line, the key, what is wrong and what is
 * allowed. The discharge policy and grid code live in their own file ({@code policy.file}).
 */
public record SeccConfig(String iface, int port, boolean tls, Path pkiDir, String pkiPassword, boolean slac, String modemMac,
        SessionConfig session, SapNegotiator sap, ChargeSettings charge, Path policyFile, Path ctlSocket, Path pcap, HalConfig hal) {

    /** Thrown with every problem found. */
    public static final class Invalid extends IllegalArgumentException {
        public final List<String> errors;

        Invalid(List<String> errors) {
            super("invalid configuration:\n  " + String.join("\n  ", errors));
            this.errors = List.copyOf(errors);
        }
    }

    public static SeccConfig load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toAbsolutePath().getParent());
    }

    /** Parses the text; relative paths resolve against {@code base}. */
    public static SeccConfig parse(String text, Path base) {
        SettingsText s = SettingsText.parse(text);
        s.ownedElsewhere("hal.", "cp.", "power.", "grid.", "sim.", "linux.", "isolation.");
        List<String> errors = new ArrayList<>();
        HalConfig hal = null;
        try {
            hal = HalConfig.parse(text);
        } catch (HalConfigException e) {
            errors.add(e.getMessage());
        }
        String iface = s.string("network.iface", "eth0");
        int port = (int) s.number("network.port", 0, 0, 65535, "(0 = any free port; SDP tells the EV)");
        boolean tls = bool(s, "network.tls", false);
        String pki = s.string("tls.pki_dir", "");
        String password = s.string("tls.password", "secc-test");
        if (tls && pki.isEmpty()) {
            s.error("tls.pki_dir", "required with network.tls = true (a directory made by `secc-bench pki`: secc.p12, oem-root-trust.p12)");
        }
        boolean slac = bool(s, "network.slac", true);
        String modem = s.string("network.modem_mac", "00:b0:52:00:00:01");

        String evseId = s.string("session.evse_id", "DE*SEC*E0001");
        boolean priced = !s.string("session.price_schedule", "absolute").equalsIgnoreCase("none");
        ServiceOffer offer = services(s, priced ? 1 : 0);
        SessionConfig session0 = new SessionConfig(evseId, Duration.ofMillis((long) s.number("session.sequence_timeout_ms", 60_000, 1000, 600_000, "ms")),
                Duration.ofSeconds((long) s.number("session.eim_ongoing_cap_s", 180, 1, 600, "s")),
                Duration.ofMillis((long) s.number("session.close_after_stop_ms", 5000, 5000, 60_000, "ms ([V2G20-1633]: at least 5 s)")),
                offer, bool(s, "session.negative_discharge_limits", false),
                Duration.ofMillis((long) s.number("session.loop_sequence_timeout_ms", 60_000, 500, 600_000, "ms")),
                Duration.ofSeconds((long) s.number("session.cable_check_cap_s", 38, 1, 40, "s")),
                s.string("session.meter_id", "SECC-METER-1"), null);
        SessionConfig session = session0;
        String priceSchedule = s.choice("session.price_schedule", "absolute", "absolute", "none");
        if (priceSchedule.equals("absolute")) {
            try {
                session = session.withTariff(new Tariff(s.string("session.currency", "EUR"), s.string("session.price_language", "eng"),
                        s.number("session.energy_fee_per_kwh", 0, 0, 1e6, "per kWh in session.currency")));
            } catch (IllegalArgumentException e) {
                s.error("session.currency", e.getMessage());
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
                    (int) s.number("charge.ac_phases", 3, 1, 3, "(1 or 3)"), s.number("charge.precharge_current_a", 2, 0.1, 2, "A"),
                    Duration.ofMillis((long) s.number("charge.contactor_timeout_ms", 3000, 100, 3000, "ms")),
                    s.number("charge.insulation_fault_ohm", 100_000, 1_000, 10e6, "ohm"), bool(s, "charge.auto_authorize", true),
                    s.number("charge.renegotiation_step_w", 1000, 100, 1e6, "W"));
        } catch (IllegalArgumentException e) {
            s.error("charge.ac_phases", e.getMessage());
            charge = ChargeSettings.defaults();
        }
        String policy = s.string("policy.file", "");
        Path ctl = Path.of(s.string("ctl.socket", "/run/secc/secc.sock"));
        String pcap = s.string("pcap.file", "");
        s.checkUnknownKeys();
        errors.addAll(s.errors());
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new SeccConfig(iface, port, tls, pki.isEmpty() ? null : base.resolve(pki), password, slac, modem, session, sap, charge,
                policy.isEmpty() ? null : base.resolve(policy), ctl, pcap.isEmpty() ? null : base.resolve(pcap), hal);
    }

    private static double opt(SettingsText s, String key) {
        return s.has(key) ? s.number(key, Double.NaN, 0, 1e6, "(absent = the power stage's rating)") : Double.NaN;
    }

    private static boolean bool(SettingsText s, String key, boolean dflt) {
        return Boolean.parseBoolean(s.choice(key, Boolean.toString(dflt), "true", "false").toLowerCase(Locale.ROOT));
    }

    /** {@code session.services = DC_BPT, DC, AC_BPT, AC} in offer order; {@code session.control_modes = dynamic, scheduled}. */
    /** @param pricing the parameter sets' Pricing value: 1 with an AbsolutePriceSchedule, 0 without */
    private static ServiceOffer services(SettingsText s, int pricing) {
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
