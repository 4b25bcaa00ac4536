package org.secc.ocpp.smartcharging;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.secc.ocpp.CsmsLimit;
import org.secc.ocpp.devicemodel.DeviceModel;
import org.secc.ocpp.devicemodel.DeviceModel.Mutability;
import org.secc.ocpp.rpc.OcppVersion;
import org.secc.common.json.JsonNode;
import org.secc.common.json.ArrayNode;
import org.secc.common.json.ObjectNode;

/**
 * Charging profiles and the composite schedule (K01, K08–K10, K28) with the OCPP 2.1 V2X operation modes
 * (Q02–Q10). Profiles are kept as their validated JSON; the composite at an instant is computed from the
 * leading period of each purpose. Rates are in W only (SmartChargingCtrlr.RateUnit = W: a DC charger has no
 * per-phase current to limit).
 */
public final class SmartCharging {

    /** The operation modes this station executes (V2XChargingCtrlr.SupportedOperationModes, Q01.FR.31). */
    public static final Set<String> SUPPORTED_MODES = Set.of("ChargingOnly", "CentralSetpoint", "CentralFrequency", "ExternalSetpoint",
            "ExternalLimits", "LocalFrequency", "Idle");

    /** V2XChargingCtrlr.LocalFrequencyUpdateThreshold default, mHz (the variable's "typical 1 to 100"). */
    static final int DEFAULT_FREQUENCY_THRESHOLD_MHZ = 10;

    /** The composite for an EVSE changed: push it to the charger. */
    public record Change(CsmsLimit limit) {}

    private record Stored(int evseId, ObjectNode profile, Instant received) {
        String purpose() { return profile.path("chargingProfilePurpose").asString(); }
        int stackLevel() { return profile.path("stackLevel").asInt(); }
        int id() { return profile.path("id").asInt(); }
    }

    private final int evseCount;
    private final DeviceModel dm;
    /** The last AFRRSignal (Q08.FR.10): its signal and the instant from which it applies; null before the first. */
    private Integer afrrSignal;
    private Instant afrrFrom;
    private final List<Stored> profiles = new ArrayList<>();
    private final Map<Integer, CsmsLimit> current = new HashMap<>();
    private final Map<Integer, ObjectNode> pendingTx = new HashMap<>();
    private final Map<String, Instant> txStart = new HashMap<>();

    public SmartCharging(int evseCount, DeviceModel dm) {
        this.evseCount = evseCount;
        this.dm = dm;
        dm.define("SmartChargingCtrlr", "Enabled", "true", Mutability.READ_ONLY);
        dm.define("SmartChargingCtrlr", "RateUnit", "W", Mutability.READ_ONLY);
        dm.define("SmartChargingCtrlr", "ProfileStackLevel", "99", Mutability.READ_ONLY);
        dm.define("SmartChargingCtrlr", "PeriodsPerSchedule", "1024", Mutability.READ_ONLY);
        dm.define("SmartChargingCtrlr", null, "Entries", "ChargingProfiles", "64", Mutability.READ_ONLY, v -> true);
        dm.define("SmartChargingCtrlr", "LimitChangeSignificance", "5", Mutability.READ_ONLY);
        dm.define("SmartChargingCtrlr", "SupportsDynamicProfiles", "true", Mutability.READ_ONLY);
        // Q06.FR.20-22: a CSMS setpoint (CentralSetpoint, CentralFrequency, LocalFrequency) outranks the site
        // controller's dispatch setpoint; ExternalSetpoint hands the setpoint to the site controller.
        dm.define("SmartChargingCtrlr", "SetpointPriority", "CSMS", Mutability.READ_ONLY);
        for (int e = 1; e <= evseCount; e++) {
            dm.define("V2XChargingCtrlr", e, "Enabled", null, "true", Mutability.READ_ONLY, v -> true);
            dm.define("V2XChargingCtrlr", e, "SupportedEnergyTransferModes", null, "DC,DC_BPT", Mutability.READ_ONLY, v -> true);
            dm.define("V2XChargingCtrlr", e, "SupportedOperationModes", null, String.join(",", new TreeSet<>(SUPPORTED_MODES)), Mutability.READ_ONLY, v -> true);
            dm.define("V2XChargingCtrlr", e, "LocalFrequencyUpdateThreshold", null, Integer.toString(DEFAULT_FREQUENCY_THRESHOLD_MHZ),
                    Mutability.READ_WRITE, v -> v.matches("[0-9]{1,4}"));
        }
    }

    public CsmsLimit current(int evseId) {
        return current.getOrDefault(evseId, CsmsLimit.none());
    }

    /** A TxProfile from RequestStartTransaction (F01.FR.08): it binds to the transaction that starts next. */
    public void pendingTxProfile(int evseId, ObjectNode profile) {
        pendingTx.put(evseId, profile.deepCopy());
    }

    // ------------------------------------------------------------------ SetChargingProfile (K01)

    public ObjectNode set(JsonNode req, IntFunction<String> transactionOf, OcppVersion version, Instant now) {
        int evseId = req.path("evseId").asInt();
        ObjectNode prof = ((ObjectNode) req.get("chargingProfile")).deepCopy();
        String reason = validate(evseId, prof, transactionOf);
        if (reason != null) return rejected(reason);
        if ("Dynamic".equals(prof.path("chargingProfileKind").asString()) && !prof.has("dynUpdateTime")) {
            prof.put("dynUpdateTime", now.truncatedTo(ChronoUnit.SECONDS).toString()); // K28.FR.05
        }
        // K01.FR.05/06: the same id, or the same purpose and stack level on the same EVSE, is replaced.
        profiles.removeIf(s -> s.id() == prof.path("id").asInt()
                || (s.evseId() == evseId && s.purpose().equals(prof.path("chargingProfilePurpose").asString())
                    && s.stackLevel() == prof.path("stackLevel").asInt()
                    && Objects.equals(s.profile().path("transactionId").asString(null), prof.path("transactionId").asString(null))));
        profiles.add(new Stored(evseId, prof, now));
        ObjectNode res = JsonNode.object();
        res.put("status", "Accepted");
        return res;
    }

    private String validate(int evseId, ObjectNode prof, IntFunction<String> transactionOf) {
        String purpose = prof.path("chargingProfilePurpose").asString();
        String kind = prof.path("chargingProfileKind").asString();
        if (evseId < 0 || evseId > evseCount) return "UnknownEVSE"; // K01.FR.28
        switch (purpose) {
            case "ChargingStationExternalConstraints", "LocalGeneration" -> { return "InvalidValue"; } // K01.FR.22: the station's own
            case "PriorityCharging" -> { return "UnsupportedParam"; } // K01.FR.120: not in SupportedAdditionalPurposes
            case "ChargingStationMaxProfile" -> {
                if (evseId != 0) return "InvalidValue";
                if ("Relative".equals(kind)) return "InvalidValue"; // K01.FR.38
            }
            case "TxProfile" -> {
                String tx = prof.path("transactionId").asString(null);
                if (evseId == 0 || tx == null || !tx.equals(transactionOf.apply(evseId))) return "TxNotFound"; // K01.FR.09/33
            }
            default -> { }
        }
        if (("Absolute".equals(kind) || "Recurring".equals(kind)) && prof.path("chargingSchedule").path(0).path("startSchedule").isMissingNode())
            return "InvalidSchedule"; // K01.FR.40
        if ("Recurring".equals(kind) && !prof.has("recurrencyKind")) return "InvalidSchedule";
        for (JsonNode sch : prof.path("chargingSchedule")) {
            if (!"W".equals(sch.path("chargingRateUnit").asString())) return "InvalidValue"; // K01.FR.26: RateUnit is W
            JsonNode periods = sch.path("chargingSchedulePeriod");
            if (periods.path(0).path("startPeriod").asInt(-1) != 0) return "InvalidSchedule"; // K01.FR.31
            int prev = -1;
            for (JsonNode per : periods) {
                int sp = per.path("startPeriod").asInt();
                if (sp <= prev) return "InvalidSchedule"; // K01.FR.35
                prev = sp;
                String r = validatePeriod(purpose, per);
                if (r != null) return r;
            }
            if ("Dynamic".equals(kind) && periods.size() != 1) return "InvalidSchedule"; // K28.FR.01-03
        }
        if ("Dynamic".equals(kind) && prof.path("chargingSchedule").size() != 1) return "InvalidSchedule";
        for (JsonNode sch : prof.path("chargingSchedule"))
            for (JsonNode per : sch.path("chargingSchedulePeriod"))
                if ("CentralFrequency".equals(per.path("operationMode").asString()) && !"Dynamic".equals(kind)) return "InvalidSchedule"; // Q07.FR.01
        return null;
    }

    /** Q02–Q10 field rules per operationMode; K01.FR.111–115 modes per purpose. */
    static String validatePeriod(String purpose, JsonNode per) {
        String mode = per.path("operationMode").asString("ChargingOnly");
        boolean limit = per.has("limit"), discharge = per.has("dischargeLimit"), setpoint = per.has("setpoint"),
                reactive = per.has("setpointReactive");
        if ("LocalLoadBalancing".equals(mode)) return "UnsupportedParam"; // Q09.FR.01
        switch (mode) {
            case "ChargingOnly" -> {
                if (!limit || discharge || setpoint || reactive) return "InvalidSchedule"; // Q02.FR.02
            }
            case "CentralSetpoint", "CentralFrequency" -> {
                if (!setpoint) return "InvalidSchedule"; // Q03.FR.01, Q07.FR.02
            }
            case "LocalFrequency" -> {
                if (limit || discharge || setpoint || reactive) return "InvalidSchedule"; // Q08.FR.04
                if (per.path("v2xFreqWattCurve").size() < 2 || !per.has("v2xBaseline")) return "NoFreqWattCurve"; // Q08.FR.03
            }
            case "Idle" -> {
                if (limit || discharge || setpoint || reactive) return "InvalidSchedule"; // Q10.FR.02
            }
            case "ExternalLimits" -> {
                // "Limits and setpoints per operation mode": limit/dischargeLimit come from the external system
                // (Q05.FR.02); a setpoint has no place here.
                if (setpoint || reactive) return "InvalidSchedule";
            }
            default -> { }
        }
        // V2X.05: a setpoint lies within [dischargeLimit, limit].
        if (setpoint) {
            double sp = per.get("setpoint").asDouble();
            if (limit && sp > per.get("limit").asDouble()) return "InvalidSchedule";
            if (discharge && sp < per.get("dischargeLimit").asDouble()) return "InvalidSchedule";
        }
        Set<String> allowed = switch (purpose) {
            case "ChargingStationMaxProfile", "PriorityCharging" -> Set.of("ChargingOnly");
            case "LocalGeneration" -> Set.of("ChargingOnly", "ExternalLimits");
            case "ChargingStationExternalConstraints" -> Set.of("ChargingOnly", "ExternalLimits", "ExternalSetpoint");
            default -> null;
        };
        if (allowed != null && !allowed.contains(mode)) return "InvalidOperationMode"; // K01.FR.111/112
        if (!SUPPORTED_MODES.contains(mode)) return "InvalidOperationMode"; // K01.FR.115
        return null;
    }

    private static ObjectNode rejected(String reasonCode) {
        ObjectNode res = JsonNode.object();
        res.put("status", "Rejected");
        res.putObject("statusInfo").put("reasonCode", reasonCode);
        return res;
    }

    // ------------------------------------------------------------------ Clear / Get / Update

    public ObjectNode clear(JsonNode req) {
        boolean any;
        if (req.has("chargingProfileId")) {
            int id = req.get("chargingProfileId").asInt();
            any = profiles.removeIf(s -> s.id() == id);
        } else {
            JsonNode c = req.path("chargingProfileCriteria");
            any = profiles.removeIf(s -> (!c.has("evseId") || c.get("evseId").asInt() == s.evseId())
                    && (!c.has("chargingProfilePurpose") || c.get("chargingProfilePurpose").asString().equals(s.purpose()))
                    && (!c.has("stackLevel") || c.get("stackLevel").asInt() == s.stackLevel()));
        }
        ObjectNode res = JsonNode.object();
        res.put("status", any ? "Accepted" : "Unknown");
        return res;
    }

    /** K09: the ReportChargingProfiles payloads for a GetChargingProfiles request (one per EVSE). */
    public List<ObjectNode> report(JsonNode req) {
        JsonNode c = req.path("chargingProfile");
        Map<Integer, ArrayNode> byEvse = new java.util.TreeMap<>();
        for (Stored s : profiles) {
            if (req.has("evseId") && req.get("evseId").asInt() != s.evseId()) continue;
            if (c.has("chargingProfilePurpose") && !c.get("chargingProfilePurpose").asString().equals(s.purpose())) continue;
            if (c.has("stackLevel") && c.get("stackLevel").asInt() != s.stackLevel()) continue;
            if (c.has("chargingProfileId")) {
                boolean match = false;
                for (JsonNode id : c.get("chargingProfileId")) match |= id.asInt() == s.id();
                if (!match) continue;
            }
            byEvse.computeIfAbsent(s.evseId(), k -> JsonNode.array()).add(s.profile());
        }
        List<ObjectNode> out = new ArrayList<>();
        int n = 0;
        for (var e : byEvse.entrySet()) {
            ObjectNode r = JsonNode.object();
            r.put("requestId", req.path("requestId").asInt());
            r.put("chargingLimitSource", "CSO");
            r.set("chargingProfile", e.getValue());
            r.put("evseId", e.getKey());
            if (++n < byEvse.size()) r.put("tbc", true);
            out.add(r);
        }
        return out;
    }

    /** K28.FR.06–11: new values for a Dynamic profile; dynUpdateTime moves to now (which revives it, K28.FR.15). */
    public ObjectNode updateDynamic(JsonNode req, Instant now) {
        int id = req.path("chargingProfileId").asInt();
        for (Stored s : profiles) {
            if (s.id() != id) continue;
            if (!"Dynamic".equals(s.profile().path("chargingProfileKind").asString())) return rejected("InvalidProfile"); // K28.FR.11
            ObjectNode per = (ObjectNode) s.profile().path("chargingSchedule").path(0).path("chargingSchedulePeriod").path(0);
            ObjectNode candidate = per.deepCopy();
            for (var e : req.path("scheduleUpdate").properties()) if (!"customData".equals(e.getKey())) candidate.set(e.getKey(), e.getValue());
            String r = validatePeriod(s.purpose(), candidate);
            if (r != null) return rejected(r);
            per.setAll(candidate);
            s.profile().put("dynUpdateTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
            ObjectNode res = JsonNode.object();
            res.put("status", "Accepted");
            return res;
        }
        return rejected("UnknownProfile");
    }

    /**
     * AFRRSignal (Q08.FR.10–12): the signal applies from its timestamp on, as the v2xSignalWattCurve delta on top
     * of the LocalFrequency setpoint. Without an active LocalFrequency period that has a v2xSignalWattCurve:
     * Rejected, NoSignalWattCurve (Q08.FR.11).
     */
    public ObjectNode afrrSignal(JsonNode req, Map<Integer, String> transactions, Instant now) {
        boolean curve = false;
        for (int e = 1; e <= evseCount && !curve; e++) {
            String tx = transactions.get(e);
            JsonNode per = leadingPeriod(e, tx, now);
            curve = per != null && "LocalFrequency".equals(per.path("operationMode").asString()) && per.path("v2xSignalWattCurve").size() > 0;
        }
        if (!curve) return rejected("NoSignalWattCurve");
        afrrSignal = req.path("signal").asInt();
        afrrFrom = Instant.parse(normal(req.path("timestamp").asString()));
        ObjectNode res = JsonNode.object();
        res.put("status", "Accepted");
        return res;
    }

    /** The Tx(Default) period leading for an EVSE at t (TxProfile of the transaction, else TxDefault), or null. */
    private JsonNode leadingPeriod(int evseId, String transactionId, Instant t) {
        for (String[] pick : new String[][] {{"TxProfile", "e"}, {"TxDefaultProfile", "e"}, {"TxDefaultProfile", "0"}}) {
            if ("TxProfile".equals(pick[0]) && transactionId == null) continue;
            int evse = "0".equals(pick[1]) ? 0 : evseId;
            Stored best = null;
            JsonNode bestPeriod = null;
            for (Stored s : profiles) {
                if (s.evseId() != evse || !s.purpose().equals(pick[0])) continue;
                if ("TxProfile".equals(pick[0]) && !transactionId.equals(s.profile().path("transactionId").asString(null))) continue;
                JsonNode per = periodAt(s, t);
                if (per != null && (best == null || s.stackLevel() > best.stackLevel())) {
                    best = s;
                    bestPeriod = per;
                }
            }
            if (bestPeriod != null) return bestPeriod;
        }
        return null;
    }

    // ------------------------------------------------------------------ composite (K08)

    /** The values of the composite at one instant. */
    public record Point(Double limit, Double dischargeLimit, Double setpoint, String mode, String reason, CsmsLimit.LocalFrequency localFrequency) {
        boolean sameValues(Point o) {
            return Objects.equals(limit, o.limit) && Objects.equals(dischargeLimit, o.dischargeLimit)
                    && Objects.equals(setpoint, o.setpoint) && Objects.equals(mode, o.mode) && Objects.equals(localFrequency, o.localFrequency);
        }
    }

    /** Evaluates the composite for an EVSE now; returns a change when it differs from the last one pushed. */
    public Change evaluate(int evseId, String transactionId, Instant now) {
        if (transactionId != null && !txStart.containsKey(transactionId)) {
            txStart.put(transactionId, now);
            ObjectNode pending = pendingTx.remove(evseId);
            if (pending != null) {
                pending.put("transactionId", transactionId);
                profiles.removeIf(s -> s.id() == pending.path("id").asInt());
                profiles.add(new Stored(evseId, pending, now));
            }
        }
        profiles.removeIf(s -> "TxProfile".equals(s.purpose()) && s.evseId() == evseId
                && !s.profile().path("transactionId").asString().equals(transactionId)); // K01.FR.??: TxProfiles end with their transaction
        Point p = at(evseId, transactionId, now);
        CsmsLimit limit = p == null ? CsmsLimit.none()
                : new CsmsLimit(p.limit(), p.dischargeLimit() == null ? null : Math.abs(p.dischargeLimit()), p.setpoint(), p.mode(), p.reason(),
                        p.localFrequency(), plan(evseId, transactionId, p, now));
        if (limit.equals(current.getOrDefault(evseId, CsmsLimit.none()))) return null;
        current.put(evseId, limit);
        return new Change(limit);
    }

    /** The composite's changes of caps after now, within 24 h, at the instants where a profile's period, schedule or validity changes. */
    private List<CsmsLimit.PlanStep> plan(int evseId, String transactionId, Point first, Instant now) {
        TreeSet<Instant> cuts = cuts(now);
        List<CsmsLimit.PlanStep> out = new ArrayList<>();
        Double lastCh = first.limit(), lastDis = first.dischargeLimit();
        for (Instant c : cuts.subSet(now, false, now.plusSeconds(86_400), false)) {
            Point p = at(evseId, transactionId, c);
            Double ch = p == null ? null : p.limit();
            Double dis = p == null ? null : p.dischargeLimit();
            if (Objects.equals(ch, lastCh) && Objects.equals(dis, lastDis)) continue;
            out.add(new CsmsLimit.PlanStep(c, ch, dis == null ? null : Math.abs(dis)));
            lastCh = ch;
            lastDis = dis;
        }
        return out;
    }

    /** The instants at which some profile's period, schedule end or validity begins or ends (from t's point of view). */
    private TreeSet<Instant> cuts(Instant t) {
        TreeSet<Instant> cuts = new TreeSet<>();
        for (Stored s : profiles) {
            JsonNode sch = s.profile().path("chargingSchedule").path(0);
            Instant start = scheduleStart(s, s.profile().path("chargingProfileKind").asString(), sch, t);
            if (start == null) continue;
            for (JsonNode per : sch.path("chargingSchedulePeriod")) cuts.add(start.plusSeconds(per.path("startPeriod").asLong()));
            if (sch.has("duration")) cuts.add(start.plusSeconds(sch.get("duration").asLong()));
            if (s.profile().has("validTo")) cuts.add(Instant.parse(normal(s.profile().get("validTo").asString())));
            if (s.profile().has("validFrom")) cuts.add(Instant.parse(normal(s.profile().get("validFrom").asString())));
        }
        return cuts;
    }

    /**
     * The composite at instant t, or null when no profile applies. The operationMode of the leading
     * Tx(Default) period decides which of its fields count (Q §2.2, "Limits and setpoints per operation mode"):
     * ExternalLimits takes limit/dischargeLimit from the external system, ExternalSetpoint the setpoint
     * (Q05.FR.01/02), LocalFrequency has neither and carries its curve (Q08), Idle transfers nothing (Q10).
     */
    Point at(int evseId, String transactionId, Instant t) {
        Point max = leading(0, "ChargingStationMaxProfile", null, t);
        Point tx = transactionId == null ? null : leading(evseId, "TxProfile", transactionId, t);
        if (tx == null) tx = leading(evseId, "TxDefaultProfile", null, t);
        if (tx == null) tx = leading(0, "TxDefaultProfile", null, t);
        if (max == null && tx == null) return null;
        String mode = tx == null ? "ChargingOnly" : tx.mode();
        Double txLimit = tx == null ? null : tx.limit();
        Double discharge = tx == null ? null : tx.dischargeLimit();
        Double setpoint = tx == null ? null : tx.setpoint();
        CsmsLimit.LocalFrequency lf = null;
        switch (mode) {
            case "ChargingOnly" -> discharge = 0.0; // Q02: no discharge at all
            case "Idle" -> { txLimit = 0.0; discharge = 0.0; setpoint = null; } // Q10: no energy transfer
            case "ExternalLimits" -> { txLimit = null; discharge = null; setpoint = null; } // Q05.FR.02: set externally
            case "ExternalSetpoint" -> setpoint = null; // Q05.FR.01: set externally; the caps stay
            case "LocalFrequency" -> lf = tx.localFrequency(); // Q08.FR.06: the charger computes the setpoint
            default -> { }
        }
        Double limit = minOf(max == null ? null : max.limit(), txLimit);
        // V2X.03/04, K08.FR.08: a positive setpoint is capped by the limit, a negative one by the discharge limit.
        if (setpoint != null && limit != null && setpoint > limit) setpoint = limit;
        if (setpoint != null && discharge != null && setpoint < discharge) setpoint = discharge;
        String reason = tx != null && max != null ? tx.reason() + ", " + max.reason() : tx != null ? tx.reason() : max.reason();
        return new Point(limit, discharge, setpoint, mode, reason, lf);
    }

    private static Double minOf(Double a, Double b) {
        if (a == null) return b;
        if (b == null) return a;
        return Math.min(a, b);
    }

    /** The leading period of a purpose at t (K01.FR.17: the valid profile with the highest stack level that has one). */
    private Point leading(int evseId, String purpose, String transactionId, Instant t) {
        Stored best = null;
        JsonNode bestPeriod = null;
        for (Stored s : profiles) {
            if (s.evseId() != evseId || !s.purpose().equals(purpose)) continue;
            if (transactionId != null && !transactionId.equals(s.profile().path("transactionId").asString(null))) continue;
            JsonNode per = periodAt(s, t);
            if (per == null) continue;
            if (best == null || s.stackLevel() > best.stackLevel()) {
                best = s;
                bestPeriod = per;
            }
        }
        if (best == null) return null;
        String mode = bestPeriod.path("operationMode").asString("ChargingOnly");
        return new Point(bestPeriod.has("limit") ? bestPeriod.get("limit").asDouble() : null,
                bestPeriod.has("dischargeLimit") ? bestPeriod.get("dischargeLimit").asDouble() : null,
                bestPeriod.has("setpoint") ? bestPeriod.get("setpoint").asDouble() : null, mode,
                "CSMS " + purpose + " " + best.id() + " (" + mode + ")",
                "LocalFrequency".equals(mode) ? localFrequency(evseId, bestPeriod, t) : null);
    }

    /** A LocalFrequency period's curve, baseline, the aFRR delta in force at t (Q08.FR.10) and the update threshold. */
    private CsmsLimit.LocalFrequency localFrequency(int evseId, JsonNode per, Instant t) {
        List<CsmsLimit.FreqWattPoint> curve = new ArrayList<>();
        for (JsonNode pt : per.path("v2xFreqWattCurve")) curve.add(new CsmsLimit.FreqWattPoint(pt.path("frequency").asDouble(), pt.path("power").asDouble()));
        double afrr = 0;
        if (afrrSignal != null && per.has("v2xSignalWattCurve") && !t.isBefore(afrrFrom)) {
            afrr = interpolate(per.path("v2xSignalWattCurve"), "signal", afrrSignal);
        }
        // Per EVSE; a TxDefaultProfile on EVSE 0 uses EVSE 1's (every EVSE has the same default).
        String v = dm.get("V2XChargingCtrlr", Math.max(1, evseId), "LocalFrequencyUpdateThreshold", null, null).value();
        int threshold = v == null ? DEFAULT_FREQUENCY_THRESHOLD_MHZ : Integer.parseInt(v);
        return new CsmsLimit.LocalFrequency(curve, per.path("v2xBaseline").asDouble(), afrr, threshold);
    }

    /**
     * Linear interpolation over a curve of {x, power} points sorted by x (as the curve is sent), held at
     * the end values beyond its ends.
     */
    static double interpolate(JsonNode curve, String xField, double x) {
        JsonNode first = curve.path(0), last = curve.path(curve.size() - 1);
        if (x <= first.path(xField).asDouble()) return first.path("power").asDouble();
        if (x >= last.path(xField).asDouble()) return last.path("power").asDouble();
        for (int i = 1; i < curve.size(); i++) {
            double x0 = curve.get(i - 1).path(xField).asDouble(), x1 = curve.get(i).path(xField).asDouble();
            if (x <= x1) {
                double y0 = curve.get(i - 1).path("power").asDouble(), y1 = curve.get(i).path("power").asDouble();
                return x1 == x0 ? y1 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);
            }
        }
        return last.path("power").asDouble();
    }

    /** The period of a profile in force at t, or null (not yet valid, expired, outside the schedule, dead-man). */
    private JsonNode periodAt(Stored s, Instant t) {
        ObjectNode p = s.profile();
        if (p.has("validFrom") && t.isBefore(Instant.parse(normal(p.get("validFrom").asString())))) return null;
        if (p.has("validTo") && !t.isBefore(Instant.parse(normal(p.get("validTo").asString())))) return null;
        JsonNode sch = p.path("chargingSchedule").path(0);
        String kind = p.path("chargingProfileKind").asString();
        Instant start = scheduleStart(s, kind, sch, t);
        if (start == null || t.isBefore(start)) return null;
        if ("Dynamic".equals(kind)) {
            // K28.FR.13-15: with a duration, a Dynamic profile not updated for that long is invalid (the dead-man rule).
            if (sch.has("duration")) {
                Instant upd = Instant.parse(normal(p.path("dynUpdateTime").asString()));
                if (t.isAfter(upd.plusSeconds(sch.get("duration").asLong()))) return null;
            }
            return sch.path("chargingSchedulePeriod").path(0);
        }
        long offset = Duration.between(start, t).getSeconds();
        if (sch.has("duration") && offset >= sch.get("duration").asLong()) return null;
        JsonNode found = null;
        for (JsonNode per : sch.path("chargingSchedulePeriod")) if (per.path("startPeriod").asLong() <= offset) found = per;
        return found;
    }

    private Instant scheduleStart(Stored s, String kind, JsonNode sch, Instant t) {
        switch (kind) {
            case "Absolute" -> { return Instant.parse(normal(sch.path("startSchedule").asString())); }
            case "Recurring" -> {
                Instant base = Instant.parse(normal(sch.path("startSchedule").asString()));
                long period = "Weekly".equals(s.profile().path("recurrencyKind").asString()) ? 7 * 86400 : 86400;
                if (t.isBefore(base)) return base;
                long n = Duration.between(base, t).getSeconds() / period;
                return base.plusSeconds(n * period);
            }
            case "Relative" -> {
                // K01.FR.42: relative to the start of the transaction (its first evaluation), else to when the profile arrived.
                String tx = s.profile().path("transactionId").asString(null);
                return tx != null && txStart.containsKey(tx) ? txStart.get(tx) : s.received();
            }
            default -> { return s.received(); } // Dynamic
        }
    }

    private static String normal(String dateTime) {
        return java.time.OffsetDateTime.parse(dateTime).toInstant().toString();
    }

    /** GetCompositeSchedule (K08): the composite over [now, now + duration] as periods, in W. */
    public ObjectNode composite(JsonNode req, Instant now, IntFunction<String> transactionOf, OcppVersion version) {
        ObjectNode res = JsonNode.object();
        int evseId = req.path("evseId").asInt();
        if (evseId < 0 || evseId > evseCount) {
            res.put("status", "Rejected");
            res.putObject("statusInfo").put("reasonCode", "UnknownEVSE");
            return res;
        }
        if (req.has("chargingRateUnit") && !"W".equals(req.get("chargingRateUnit").asString())) {
            res.put("status", "Rejected"); // K08.FR.07
            res.putObject("statusInfo").put("reasonCode", "UnsupportedRateUnit");
            return res;
        }
        int duration = req.path("duration").asInt();
        Instant end = now.plusSeconds(duration);
        String tx = evseId == 0 ? null : transactionOf.apply(evseId);
        TreeSet<Instant> cuts = cuts(now);
        cuts.add(now);
        ArrayNode periods = JsonNode.array();
        Point last = null;
        for (Instant c : cuts.subSet(now, true, end, false)) {
            Point p = evseId == 0 ? leading(0, "ChargingStationMaxProfile", null, c) : at(evseId, tx, c);
            if (p == null) p = new Point(null, null, null, "ChargingOnly", "none", null);
            if (last != null && last.sameValues(p)) continue;
            last = p;
            ObjectNode per = periods.addObject();
            per.put("startPeriod", Duration.between(now, c).getSeconds());
            // Without any profile the station's own rating applies; -1 never appears: report 0 only for Idle.
            per.put("limit", p.limit() == null ? 1_000_000.0 : p.limit());
            if (version == OcppVersion.OCPP21) {
                if (p.dischargeLimit() != null) per.put("dischargeLimit", p.dischargeLimit());
                if (p.setpoint() != null) per.put("setpoint", p.setpoint());
                per.put("operationMode", p.mode());
                if (p.localFrequency() != null) {
                    // Q08: the curve and baseline; the setpoint itself follows the measured frequency.
                    per.remove("limit");
                    per.put("v2xBaseline", p.localFrequency().baselineW());
                    ArrayNode curve = per.putArray("v2xFreqWattCurve");
                    for (CsmsLimit.FreqWattPoint pt : p.localFrequency().curve()) curve.addObject().put("frequency", pt.frequencyHz()).put("power", pt.powerW());
                }
            }
        }
        res.put("status", "Accepted");
        ObjectNode sch = res.putObject("schedule");
        sch.put("evseId", evseId);
        sch.put("duration", duration);
        sch.put("scheduleStart", now.truncatedTo(ChronoUnit.SECONDS).toString());
        sch.put("chargingRateUnit", "W");
        sch.set("chargingSchedulePeriod", periods);
        return res;
    }
}
