package org.secc.ocpp.transaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.secc.ocpp.EvseSnapshot;
import org.secc.common.json.JsonNode;
import org.secc.common.json.ArrayNode;
import org.secc.common.json.ObjectNode;

/**
 * Turns the charger's EVSE snapshots into TransactionEvents (E01–E07, E12): one transaction per EVSE from
 * plug-in (TxStartPoint EVConnected, so a TxProfile can address it before the ISO 15118 schedule exchange,
 * K15/K18.FR.16) until unplug or a stop. {@code seqNo} starts at 0 and grows by one per event of the
 * transaction (E01.FR.07); the counters are kept on disk so a restart continues them without a gap.
 */
public final class TransactionTracker {

    /** Measurands sent with every event (sign convention: P2 MeasurandEnumType note 4, all magnitudes). */
    static final String IMPORT_REGISTER = "Energy.Active.Import.Register", EXPORT_REGISTER = "Energy.Active.Export.Register",
            POWER_IMPORT = "Power.Active.Import", POWER_EXPORT = "Power.Active.Export", SOC = "SoC";

    private static final class Tx {
        String transactionId;
        int nextSeqNo;
        String chargingState;
        String idToken;
        Instant lastSample;
        Integer remoteStartId;
        String operationMode;
        boolean ended;   // stopped while the car is still plugged: no new transaction until unplug
    }

    private final Path stateFile;
    private final TreeMap<Integer, Tx> txs = new TreeMap<>();
    private final TreeMap<Integer, Integer> pendingRemoteStart = new TreeMap<>();
    private boolean dirty;

    public TransactionTracker(Path dir) {
        this.stateFile = dir.resolve("transactions.json");
        try {
            Files.createDirectories(dir);
            if (Files.exists(stateFile)) {
                JsonNode root = JsonNode.parse(Files.readString(stateFile));
                for (var e : root.properties()) {
                    JsonNode n = e.getValue();
                    Tx t = new Tx();
                    t.transactionId = n.path("transactionId").asString();
                    t.nextSeqNo = n.path("nextSeqNo").asInt();
                    t.chargingState = n.path("chargingState").asString("EVConnected");
                    t.idToken = n.hasNonNull("idToken") ? n.get("idToken").asString() : null;
                    t.ended = n.path("ended").asBoolean();
                    txs.put(Integer.parseInt(e.getKey()), t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stateFile, e);
        }
    }

    /** After a restart: counters continue after the last event already in the journal. */
    public void reconcile(List<TransactionJournal.Entry> queued) {
        for (TransactionJournal.Entry e : queued) {
            String id = e.payload().path("transactionInfo").path("transactionId").asString();
            int seq = e.payload().path("seqNo").asInt();
            for (Tx t : txs.values()) if (t.transactionId.equals(id) && t.nextSeqNo <= seq) t.nextSeqNo = seq + 1;
        }
    }

    /** The transaction running on an EVSE, if any. */
    public String transactionId(int evseId) {
        Tx t = txs.get(evseId);
        return t == null || t.ended ? null : t.transactionId;
    }

    public Integer evseOf(String transactionId) {
        for (var e : txs.entrySet()) if (!e.getValue().ended && e.getValue().transactionId.equals(transactionId)) return e.getKey();
        return null;
    }

    public void remoteStartRequested(int evseId, int remoteStartId) {
        pendingRemoteStart.put(evseId, remoteStartId);
    }

    /**
     * Transactions left open by a crash or power loss: they end now with stoppedReason PowerLoss
     * (the session with the car did not survive the restart), continuing their seqNo.
     */
    public List<ObjectNode> recoverAfterRestart(Instant now, boolean offline) {
        List<ObjectNode> out = new ArrayList<>();
        for (var e : txs.entrySet()) {
            Tx t = e.getValue();
            if (t.ended) continue;
            ObjectNode ev = event(e.getKey(), t, "Ended", "AbnormalCondition", now, offline);
            ((ObjectNode) ev.get("transactionInfo")).put("stoppedReason", "PowerLoss");
            out.add(ev);
        }
        txs.clear();
        dirty = true;
        return out;
    }

    /** The events this snapshot causes, in order. */
    public List<ObjectNode> onSnapshot(EvseSnapshot s, Instant now, boolean offline, long updatedIntervalS) {
        List<ObjectNode> out = new ArrayList<>();
        Tx t = txs.get(s.evseId());
        if (t != null && t.ended) {
            if (!s.evConnected()) {
                txs.remove(s.evseId());
                dirty = true;
            }
            return out;
        }
        if (t == null) {
            if (!s.evConnected()) return out;
            t = new Tx();
            t.transactionId = UUID.randomUUID().toString();
            t.chargingState = s.chargingState();
            t.idToken = s.idToken();
            t.remoteStartId = pendingRemoteStart.remove(s.evseId());
            t.lastSample = now;
            txs.put(s.evseId(), t);
            ObjectNode ev = event(s.evseId(), t, "Started", t.remoteStartId != null ? "RemoteStart" : "CablePluggedIn", now, offline);
            ev.set("evse", JsonNode.object().put("id", s.evseId()).put("connectorId", 1));
            if (s.idToken() != null) ev.set("idToken", idToken(s.idToken()));
            ev.set("meterValue", meter(s, now, "Transaction.Begin"));
            out.add(ev);
            return out;
        }
        if (!s.evConnected()) {
            ObjectNode ev = event(s.evseId(), t, "Ended", "EVCommunicationLost", now, offline);
            ((ObjectNode) ev.get("transactionInfo")).put("stoppedReason", "EVDisconnected");
            ev.set("meterValue", meter(s, now, "Transaction.End"));
            out.add(ev);
            txs.remove(s.evseId());
            return out;
        }
        if (s.idToken() != null && !s.idToken().equals(t.idToken)) {
            t.idToken = s.idToken();
            ObjectNode ev = event(s.evseId(), t, "Updated", "Authorized", now, offline);
            ev.set("idToken", idToken(s.idToken()));
            out.add(ev);
        }
        if (!s.chargingState().equals(t.chargingState)) {
            t.chargingState = s.chargingState();
            ObjectNode ev = event(s.evseId(), t, "Updated", "ChargingStateChanged", now, offline);
            ev.set("meterValue", meter(s, now, "Sample.Periodic"));
            t.lastSample = now;
            out.add(ev);
        } else if (updatedIntervalS > 0 && !now.isBefore(t.lastSample.plusSeconds(updatedIntervalS))) {
            ObjectNode ev = event(s.evseId(), t, "Updated", "MeterValuePeriodic", now, offline);
            ev.set("meterValue", meter(s, now, "Sample.Periodic"));
            t.lastSample = now;
            out.add(ev);
        }
        return out;
    }

    /**
     * The CSMS composite for this EVSE changed: a new operationMode gives OperationModeChanged (K01.FR.110) with
     * the mode in transactionInfo; another rate gives ChargingRateChanged.
     */
    public List<ObjectNode> limitChanged(EvseSnapshot s, String mode, Instant now, boolean offline) {
        Tx t = txs.get(s.evseId());
        if (t == null || t.ended) return List.of();
        boolean modeChanged = !mode.equals(t.operationMode == null ? "ChargingOnly" : t.operationMode);
        t.operationMode = mode;
        ObjectNode ev = event(s.evseId(), t, "Updated", modeChanged ? "OperationModeChanged" : "ChargingRateChanged", now, offline);
        if (modeChanged) ((ObjectNode) ev.get("transactionInfo")).put("operationMode", mode);
        ev.set("meterValue", meter(s, now, "Trigger"));
        return List.of(ev);
    }

    /** RequestStopTransaction accepted (F03.FR.02): Ended with triggerReason RemoteStop, stoppedReason Remote. */
    public List<ObjectNode> stopped(EvseSnapshot s, String triggerReason, String stoppedReason, Instant now, boolean offline) {
        Tx t = txs.get(s.evseId());
        if (t == null || t.ended) return List.of();
        ObjectNode ev = event(s.evseId(), t, "Ended", triggerReason, now, offline);
        ((ObjectNode) ev.get("transactionInfo")).put("stoppedReason", stoppedReason);
        ev.set("meterValue", meter(s, now, "Transaction.End"));
        t.ended = true;
        return List.of(ev);
    }

    /** TriggerMessage(TransactionEvent) (F06): an Updated event with triggerReason Trigger. */
    public List<ObjectNode> triggered(EvseSnapshot s, Instant now, boolean offline) {
        Tx t = txs.get(s.evseId());
        if (t == null || t.ended) return List.of();
        ObjectNode ev = event(s.evseId(), t, "Updated", "Trigger", now, offline);
        ev.set("meterValue", meter(s, now, "Trigger"));
        return List.of(ev);
    }

    private ObjectNode event(int evseId, Tx t, String type, String trigger, Instant now, boolean offline) {
        ObjectNode ev = JsonNode.object();
        ev.put("eventType", type);
        ev.put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
        ev.put("triggerReason", trigger);
        ev.put("seqNo", t.nextSeqNo++);
        dirty = true;
        if (offline) ev.put("offline", true);
        ObjectNode info = ev.putObject("transactionInfo");
        info.put("transactionId", t.transactionId);
        info.put("chargingState", t.chargingState);
        if (t.remoteStartId != null && "Started".equals(type)) info.put("remoteStartId", t.remoteStartId);
        if (!"Started".equals(type)) ev.set("evse", JsonNode.object().put("id", evseId));
        return ev;
    }

    private static ObjectNode idToken(String token) {
        return JsonNode.object().put("idToken", token).put("type", "Central");
    }

    /** Import/export registers and power as magnitudes, SoC from the car (P2 MeasurandEnumType notes 2, 4). */
    static ArrayNode meter(EvseSnapshot s, Instant now, String context) {
        ArrayNode values = JsonNode.array();
        ObjectNode mv = values.addObject();
        mv.put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
        ArrayNode sv = mv.putArray("sampledValue");
        sample(sv, s.importWh(), IMPORT_REGISTER, context, "Wh", "Outlet");
        sample(sv, s.exportWh(), EXPORT_REGISTER, context, "Wh", "Outlet");
        sample(sv, Math.max(0, s.powerW()), POWER_IMPORT, context, "W", "Outlet");
        sample(sv, Math.max(0, -s.powerW()), POWER_EXPORT, context, "W", "Outlet");
        if (s.socPercent() != null) sample(sv, s.socPercent(), SOC, context, "Percent", "EV");
        return values;
    }

    private static void sample(ArrayNode sv, double value, String measurand, String context, String unit, String location) {
        ObjectNode o = sv.addObject();
        o.put("value", Math.round(value * 10) / 10.0);
        o.put("context", context);
        o.put("measurand", measurand);
        o.put("location", location);
        o.putObject("unitOfMeasure").put("unit", unit);
    }

    /**
     * Called after the events were appended to the journal: the journal is durable first, so a crash in
     * between repeats no seqNo (see {@link #reconcile}) and skips none.
     */
    public void commit() {
        if (!dirty) return;
        dirty = false;
        ObjectNode root = JsonNode.object();
        for (var e : txs.entrySet()) {
            Tx t = e.getValue();
            ObjectNode n = root.putObject(Integer.toString(e.getKey()));
            n.put("transactionId", t.transactionId);
            n.put("nextSeqNo", t.nextSeqNo);
            n.put("chargingState", t.chargingState);
            if (t.idToken != null) n.put("idToken", t.idToken);
            n.put("ended", t.ended);
        }
        try {
            TransactionJournal.writeAtomically(stateFile, root.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stateFile, e);
        }
    }
}
