package org.secc.ocpp;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.secc.ocpp.devicemodel.DeviceModel;
import org.secc.ocpp.devicemodel.DeviceModel.Mutability;
import org.secc.ocpp.messages.v21.AuthorizeRequest;
import org.secc.ocpp.messages.v21.AuthorizeResponse;
import org.secc.ocpp.messages.v21.BootNotificationRequest;
import org.secc.ocpp.messages.v21.BootNotificationResponse;
import org.secc.ocpp.messages.v21.BootReasonEnum;
import org.secc.ocpp.messages.v21.ChangeAvailabilityRequest;
import org.secc.ocpp.messages.v21.ChangeAvailabilityResponse;
import org.secc.ocpp.messages.v21.ChangeAvailabilityStatusEnum;
import org.secc.ocpp.messages.v21.ChargingStation;
import org.secc.ocpp.messages.v21.ConnectorStatusEnum;
import org.secc.ocpp.messages.v21.IdToken;
import org.secc.ocpp.messages.v21.OperationalStatusEnum;
import org.secc.ocpp.messages.v21.RequestStartStopStatusEnum;
import org.secc.ocpp.messages.v21.RequestStartTransactionRequest;
import org.secc.ocpp.messages.v21.RequestStartTransactionResponse;
import org.secc.ocpp.messages.v21.RequestStopTransactionRequest;
import org.secc.ocpp.messages.v21.RequestStopTransactionResponse;
import org.secc.ocpp.messages.v21.ResetEnum;
import org.secc.ocpp.messages.v21.ResetRequest;
import org.secc.ocpp.messages.v21.ResetResponse;
import org.secc.ocpp.messages.v21.ResetStatusEnum;
import org.secc.ocpp.messages.v21.StatusInfo;
import org.secc.ocpp.messages.v21.StatusNotificationRequest;
import org.secc.ocpp.rpc.Json;
import org.secc.ocpp.rpc.OcppVersion;
import org.secc.ocpp.rpc.RpcEngine;
import org.secc.ocpp.rpc.RpcEngine.Reply;
import org.secc.ocpp.rpc.RpcErrorCode;
import org.secc.ocpp.rpc.SchemaValidator;
import org.secc.ocpp.security.CertificateStore;
import org.secc.ocpp.smartcharging.SmartCharging;
import org.secc.ocpp.transaction.TransactionJournal;
import org.secc.ocpp.transaction.TransactionTracker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The charging station, sans I/O: the WebSocket edge feeds it connection events and text frames, a ticker
 * feeds it time, and it writes frames through {@code out}. It owns the boot sequence (B01–B03), heartbeat
 * (G02), connector status (G01), authorization (C01), transactions with the durable queue (E), remote
 * control (F), availability and reset (G03/G04, B11/B12), the device model (B05–B07) and smart charging
 * (K, Q). Not thread-safe: one thread calls everything.
 */
public final class OcppStation {
    private static final Logger LOG = Logger.getLogger(OcppStation.class.getName());

    /** Registration state towards the CSMS (B01–B03). */
    public enum Registration { NONE, PENDING, REJECTED, ACCEPTED }

    private final OcppSettings settings;
    private final ChargerPort port;
    private final Consumer<String> out;
    private final DeviceModel dm = new DeviceModel();
    private final TransactionJournal journal;
    private final TransactionTracker tracker;
    private final SmartCharging smart;
    private final CertificateStore certificates;
    private Runnable reconnect = () -> {};
    private final Map<Integer, String> lastStatus = new HashMap<>();
    private final Map<Integer, EvseSnapshot> lastSnapshot = new HashMap<>();
    private final Deque<String[]> authorizeRequests = new ArrayDeque<>();
    /** CALLs that must follow our answer to the CSMS's CALL (e.g. ReportChargingProfiles, K09). */
    private final Deque<Runnable> afterReply = new ArrayDeque<>();

    private RpcEngine rpc;
    private Registration registration = Registration.NONE;
    private boolean bootAcceptedOnce;
    private Instant nextBoot = Instant.MIN;
    private Instant lastTraffic = Instant.MIN;
    private Instant offlineSince;
    private boolean failsafe;
    private boolean sendingJournal;
    private int journalAttempts;
    private Instant journalRetryAt = Instant.MIN;
    private boolean statusDue;
    private boolean resetPending;
    /** Per EVSE: the charging needs and the car's schedule last sent in the running transaction (K15–K19). */
    private final Map<Integer, EvChargingNeeds> needsSent = new HashMap<>();
    private final Map<Integer, Long> scheduleSent = new HashMap<>();

    public OcppStation(OcppSettings settings, ChargerPort port, Consumer<String> out, Instant now) {
        this.settings = settings;
        this.port = port;
        this.out = out;
        this.journal = new TransactionJournal(settings.dataDir().resolve("queue"), settings.queueCapacity());
        this.tracker = new TransactionTracker(settings.dataDir().resolve("queue"));
        this.smart = new SmartCharging(settings.evseCount(), dm);
        this.certificates = new CertificateStore(settings.dataDir().resolve("certs"), settings.serialNumber(), settings.vendorName());
        defineDeviceModel();
        tracker.reconcile(journal.snapshot());
        // A transaction open when the process died ends now: the car session did not survive (E12: queued, offline).
        for (ObjectNode ev : tracker.recoverAfterRestart(now, true)) journal.append(ev);
        tracker.commit();
        offlineSince = now;
    }

    private void defineDeviceModel() {
        dm.define("OCPPCommCtrlr", null, "HeartbeatInterval", null, "300", Mutability.READ_WRITE, DeviceModel.nonNegativeInt());
        dm.define("OCPPCommCtrlr", null, "MessageTimeout", "Default", Long.toString(settings.callTimeout().toSeconds()), Mutability.READ_ONLY, v -> true);
        dm.define("OCPPCommCtrlr", null, "MessageAttempts", "TransactionEvent", "5", Mutability.READ_WRITE, DeviceModel.nonNegativeInt());
        dm.define("OCPPCommCtrlr", null, "MessageAttemptInterval", "TransactionEvent", "10", Mutability.READ_WRITE, DeviceModel.nonNegativeInt());
        dm.define("OCPPCommCtrlr", null, "OfflineThreshold", null, "60", Mutability.READ_WRITE, DeviceModel.nonNegativeInt());
        dm.define("OCPPCommCtrlr", "FileTransferProtocols", "HTTPS", Mutability.READ_ONLY);
        dm.define("OCPPCommCtrlr", "NetworkConfigurationPriority", "1", Mutability.READ_ONLY);
        dm.define("OCPPCommCtrlr", "NetworkProfileConnectionAttempts", "3", Mutability.READ_ONLY);
        dm.define("OCPPCommCtrlr", "ResetRetries", "1", Mutability.READ_ONLY);
        dm.define("OCPPCommCtrlr", "UnlockOnEVSideDisconnect", "true", Mutability.READ_ONLY);
        dm.define("OCPPCommCtrlr", "QueueAllMessages", "false", Mutability.READ_ONLY);
        dm.define("OCPPCommCtrlr", "RetryBackOffWaitMinimum", Integer.toString(settings.retryBackOffWaitMinimumS()), Mutability.READ_ONLY);
        dm.define("OCPPCommCtrlr", "RetryBackOffRandomRange", Integer.toString(settings.retryBackOffRandomRangeS()), Mutability.READ_ONLY);
        dm.define("OCPPCommCtrlr", "RetryBackOffRepeatTimes", Integer.toString(settings.retryBackOffRepeatTimes()), Mutability.READ_ONLY);
        dm.define("SecurityCtrlr", "SecurityProfile", Integer.toString(settings.securityProfile()), Mutability.READ_ONLY);
        dm.define("SecurityCtrlr", "Identity", settings.identity(), Mutability.READ_ONLY);
        dm.define("SecurityCtrlr", "OrganizationName", settings.vendorName(), Mutability.READ_ONLY);
        dm.define("SecurityCtrlr", "CertificateEntries", "0", Mutability.READ_ONLY);
        dm.define("SecurityCtrlr", "BasicAuthPassword", settings.password() == null ? "" : settings.password(), Mutability.WRITE_ONLY);
        dm.define("TxCtrlr", "TxStartPoint", "EVConnected", Mutability.READ_ONLY);
        dm.define("TxCtrlr", "TxStopPoint", "EVConnected,Authorized", Mutability.READ_ONLY);
        dm.define("TxCtrlr", "EVConnectionTimeOut", "120", Mutability.READ_ONLY);
        dm.define("TxCtrlr", "StopTxOnEVSideDisconnect", "true", Mutability.READ_ONLY);
        dm.define("TxCtrlr", "StopTxOnInvalidId", "true", Mutability.READ_ONLY);
        dm.define("SampledDataCtrlr", null, "TxUpdatedInterval", null, Long.toString(settings.txUpdatedInterval().toSeconds()), Mutability.READ_WRITE, DeviceModel.nonNegativeInt());
        String measurands = "Energy.Active.Import.Register,Energy.Active.Export.Register,Power.Active.Import,Power.Active.Export,SoC";
        dm.define("SampledDataCtrlr", "TxStartedMeasurands", measurands, Mutability.READ_ONLY);
        dm.define("SampledDataCtrlr", "TxUpdatedMeasurands", measurands, Mutability.READ_ONLY);
        dm.define("SampledDataCtrlr", "TxEndedMeasurands", measurands, Mutability.READ_ONLY);
        dm.define("SampledDataCtrlr", "TxEndedInterval", "0", Mutability.READ_ONLY);
        dm.define("AlignedDataCtrlr", "Interval", "0", Mutability.READ_ONLY);
        dm.define("AlignedDataCtrlr", "Measurands", "", Mutability.READ_ONLY);
        dm.define("AlignedDataCtrlr", "TxEndedInterval", "0", Mutability.READ_ONLY);
        dm.define("AlignedDataCtrlr", "TxEndedMeasurands", "", Mutability.READ_ONLY);
        dm.define("AuthCtrlr", "AuthorizeRemoteStart", "false", Mutability.READ_ONLY);
        dm.define("AuthCtrlr", "LocalAuthorizeOffline", "false", Mutability.READ_ONLY);
        dm.define("AuthCtrlr", "LocalPreAuthorize", "false", Mutability.READ_ONLY);
        dm.define("DeviceDataCtrlr", null, "ItemsPerMessage", "GetVariables", "32", Mutability.READ_ONLY, v -> true);
        dm.define("DeviceDataCtrlr", null, "ItemsPerMessage", "SetVariables", "32", Mutability.READ_ONLY, v -> true);
        dm.define("DeviceDataCtrlr", null, "BytesPerMessage", "GetVariables", Integer.toString(settings.maxFrameBytes()), Mutability.READ_ONLY, v -> true);
        dm.define("DeviceDataCtrlr", null, "BytesPerMessage", "SetVariables", Integer.toString(settings.maxFrameBytes()), Mutability.READ_ONLY, v -> true);
        dm.define("ClockCtrlr", "DateTime", "", Mutability.READ_ONLY);
        dm.define("ClockCtrlr", "TimeSource", "Heartbeat", Mutability.READ_ONLY);
        dm.define("ChargingStation", "AvailabilityState", "Available", Mutability.READ_ONLY);
        dm.define("ChargingStation", "Available", "true", Mutability.READ_ONLY);
        dm.define("ChargingStation", "SupplyPhases", "0", Mutability.READ_ONLY);
        dm.define("ISO15118Ctrlr", "ContractValidationOffline", "false", Mutability.READ_ONLY);
        dm.define("ISO15118Ctrlr", "Enabled", "true", Mutability.READ_ONLY);
        dm.define("ISO15118Ctrlr", "ServiceRenegotiationSupport", "true", Mutability.READ_ONLY);
    }

    // ------------------------------------------------------------------ connection events

    /** The WebSocket is open with this subprotocol. */
    public void connected(OcppVersion version, Instant now) {
        rpc = new RpcEngine(new SchemaValidator(version), settings.callTimeout(), () -> UUID.randomUUID().toString(), this::send, this::onCall);
        lastTraffic = now;
        sendingJournal = false;
        LOG.info("ocpp: connected to " + settings.connectionUri() + " with " + version.subprotocol());
        if (!bootAcceptedOnce) {
            registration = Registration.NONE;
            nextBoot = now;
        } else {
            // A reconnect needs no new BootNotification (OCPP-J 2.1 §5.4); report every connector (B04.FR.01).
            online(now);
            statusDue = true;
        }
        tick(now);
    }

    public void disconnected(Instant now) {
        if (rpc != null) rpc.disconnected();
        rpc = null;
        sendingJournal = false;
        if (offlineSince == null) offlineSince = now;
        if (registration != Registration.ACCEPTED) registration = Registration.NONE;
        LOG.warning("ocpp: disconnected from the CSMS");
    }

    public void text(String frame, Instant now) {
        if (rpc == null) return;
        lastTraffic = now;
        rpc.onText(frame, now);
        while (!afterReply.isEmpty() && rpc != null) afterReply.removeFirst().run();
        applyProfiles(now);
        serveOnline(now);
        pump(now);
    }

    public void oversized(String head, Instant now) {
        if (rpc != null) rpc.onOversized(head, settings.maxFrameBytes());
    }

    public boolean isConnected() { return rpc != null; }

    public Registration registration() { return registration; }

    public OcppVersion version() { return rpc == null ? null : rpc.version(); }

    public DeviceModel deviceModel() { return dm; }

    public SmartCharging smartCharging() { return smart; }

    public CertificateStore certificates() { return certificates; }

    /** What the edge does after a new station certificate was installed: reconnect with it (A02.FR.10). */
    public void onNewStationCertificate(Runnable reconnect) {
        this.reconnect = reconnect;
    }

    public int queuedTransactionEvents() { return journal.size(); }

    public boolean failsafeActive() { return failsafe; }

    private boolean online() { return rpc != null && registration == Registration.ACCEPTED; }

    private void online(Instant now) {
        offlineSince = null;
        if (failsafe) {
            failsafe = false;
            LOG.info("ocpp: CSMS back, offline fail-safe lifted");
            port.offlineFailsafe(false);
        }
    }

    // ------------------------------------------------------------------ charger events

    /** An EIM idToken to authorize with the CSMS (C01); the answer goes to {@link ChargerPort#authorization}. */
    public void authorize(int evseId, String idToken, Instant now) {
        authorizeRequests.addLast(new String[] {Integer.toString(evseId), idToken});
        pump(now);
    }

    // ------------------------------------------------------------------ time

    public void tick(Instant now) {
        List<EvseSnapshot> evses = port.evses();
        boolean offlineFlag = !online();
        for (EvseSnapshot s : evses) {
            lastSnapshot.put(s.evseId(), s);
            for (ObjectNode ev : tracker.onSnapshot(s, now, offlineFlag, dm.intValue("SampledDataCtrlr", "TxUpdatedInterval", null, 60))) journal.append(ev);
        }
        tracker.commit();
        applyProfiles(now);
        if (offlineSince != null && !failsafe && !now.isBefore(offlineSince.plus(settings.offlineFailsafe()))) {
            failsafe = true;
            LOG.warning("ocpp: no CSMS for " + settings.offlineFailsafe().toSeconds() + " s: charge-only fail-safe");
            port.offlineFailsafe(true);
        }
        if (rpc == null) return;
        rpc.tick(now);
        if (registration != Registration.ACCEPTED && !rpc.busy() && !now.isBefore(nextBoot)) sendBoot(now);
        serveOnline(now);
        pump(now);
    }

    /** What an accepted station sends on its own: connector status (G01), heartbeat (G02), a scheduled reset. */
    private void serveOnline(Instant now) {
        if (online()) {
            for (EvseSnapshot s : lastSnapshot.values()) {
                if (statusDue || !s.connectorStatus().equals(lastStatus.get(s.evseId()))) sendStatus(s, now);
            }
            statusDue = false;
            long hb = dm.intValue("OCPPCommCtrlr", "HeartbeatInterval", null, 300);
            if (hb > 0 && !rpc.busy() && rpc.queued() == 0 && !now.isBefore(lastTraffic.plusSeconds(hb))) {
                lastTraffic = now;
                rpc.call("Heartbeat", Json.MAPPER.createObjectNode(), now, outcome(p -> dm.put("ClockCtrlr", "DateTime", null, p.path("currentTime").asString())));
            }
            notifyEv(now);
            if (resetPending && lastSnapshot.values().stream().noneMatch(EvseSnapshot::evConnected)) {
                resetPending = false;
                port.reset(false);
            }
        }
    }

    /**
     * The ISO 15118 bridge (K15, K18, K19, Q01.FR.03): the car's charging needs go to the CSMS once per schedule
     * exchange whose needs are new. A renegotiation the charger asked for brings the same needs and sends nothing
     * (K16.FR.09); one the car started with new needs sends them (K17). The schedule the car started power transfer
     * with goes as NotifyEVChargingSchedule. The -20 session never waits for either: it answered from the composite
     * it had, and a TxProfile that follows reaches the car by renegotiation (K18 error handling).
     */
    private void notifyEv(Instant now) {
        for (EvseSnapshot s : lastSnapshot.values()) {
            int evse = s.evseId();
            String tx = tracker.transactionId(evse);
            if (tx == null) {
                needsSent.remove(evse);
                scheduleSent.remove(evse);
                continue;
            }
            EvChargingNeeds n = port.chargingNeeds(evse);
            if (n != null && !n.sameNeeds(needsSent.get(evse))) {
                needsSent.put(evse, n);
                sendChargingNeeds(evse, n, now);
            }
            EvChargingSchedule c = port.chargingSchedule(evse);
            if (c != null && !Long.valueOf(c.sequence()).equals(scheduleSent.get(evse))) {
                scheduleSent.put(evse, c.sequence());
                sendChargingSchedule(evse, c, tx, now);
            }
        }
    }

    private void sendChargingNeeds(int evse, EvChargingNeeds n, Instant now) {
        boolean v21 = rpc.version() == OcppVersion.OCPP21;
        ObjectNode req = Json.MAPPER.createObjectNode();
        req.put("evseId", evse);
        if (n.maxScheduleTuples() != null) req.put("maxScheduleTuples", n.maxScheduleTuples());
        ObjectNode needs = req.putObject("chargingNeeds");
        if (v21) {
            needs.put("requestedEnergyTransfer", n.requestedEnergyTransfer());
            ArrayNode av = needs.putArray("availableEnergyTransfer");
            n.availableEnergyTransfer().forEach(av::add);
            needs.put("controlMode", n.dynamic() ? "DynamicControl" : "ScheduledControl");
            // K15.FR.20: needs the car sent while the CSMS was unreachable carry the time they were received.
            if (n.received().isBefore(now.minusSeconds(5))) req.put("timestamp", n.received().truncatedTo(ChronoUnit.MILLIS).toString());
            ObjectNode v2x = needs.putObject("v2xChargingParameters");
            putIf(v2x, "maxChargePower", n.maxChargePowerW());
            putIf(v2x, "maxDischargePower", n.maxDischargePowerW());
            putIf(v2x, "evTargetEnergyRequest", n.targetEnergyWh());
            putIf(v2x, "evMinEnergyRequest", n.minEnergyWh());
            putIf(v2x, "evMaxEnergyRequest", n.maxEnergyWh());
            putIf(v2x, "evMinV2XEnergyRequest", n.minV2xEnergyWh());
            putIf(v2x, "evMaxV2XEnergyRequest", n.maxV2xEnergyWh());
            if (n.targetSoc() != null) v2x.put("targetSoC", n.targetSoc());
            if (v2x.isEmpty()) needs.remove("v2xChargingParameters");
        } else {
            // 2.0.1 knows DC and the AC phase counts only; its DC parameters need the EV's current and voltage
            // maxima, which a -20 schedule exchange does not carry: the mode and the departure time.
            needs.put("requestedEnergyTransfer", n.requestedEnergyTransfer().startsWith("AC") ? "AC_three_phase" : "DC");
        }
        if (n.departureTime() != null) needs.put("departureTime", n.departureTime().truncatedTo(ChronoUnit.SECONDS).toString());
        LOG.info("ocpp: EVSE " + evse + " NotifyEVChargingNeeds " + n.requestedEnergyTransfer() + (n.dynamic() ? " Dynamic" : " Scheduled"));
        rpc.call("NotifyEVChargingNeeds", req, now, outcome(r -> {
            String status = r.path("status").asString();
            LOG.info("ocpp: EVSE " + evse + " NotifyEVChargingNeeds: " + status);
            // K18.FR.22/K19.FR.15, Q01.FR.04–06: Rejected in a -20 session refuses the requested energy transfer: the
            // transaction ends. With 2.0.1 Rejected only means "use the TxDefaultProfile" (K15.FR.04).
            if ("Rejected".equals(status) && v21) {
                EvseSnapshot snap = lastSnapshot.get(evse);
                if (snap != null && tracker.transactionId(evse) != null) {
                    port.energyTransferRejected(evse);
                    for (ObjectNode ev : tracker.stopped(snap, "AbnormalCondition", "ReqEnergyTransferRejected", now, !online())) journal.append(ev);
                    tracker.commit();
                }
            }
        }));
    }

    private static void putIf(ObjectNode o, String field, Double v) {
        if (v != null) o.put(field, v);
    }

    /**
     * NotifyEVChargingSchedule: Scheduled (K18.FR.09/10): the car's power profile for the tuple it selected;
     * positive entries are limits, negative ones discharge (2.1 dischargeLimit). Dynamic (K19.FR.07–10): the
     * composite the station drives the car with.
     */
    private void sendChargingSchedule(int evse, EvChargingSchedule c, String tx, Instant now) {
        boolean v21 = rpc.version() == OcppVersion.OCPP21;
        ObjectNode req = Json.MAPPER.createObjectNode();
        req.put("timeBase", c.timeBase().truncatedTo(ChronoUnit.SECONDS).toString());
        req.put("evseId", evse);
        ObjectNode sch;
        if (c.dynamic() || c.entries().isEmpty()) {
            ObjectNode q = Json.MAPPER.createObjectNode().put("duration", 86_400).put("evseId", evse).put("chargingRateUnit", "W");
            sch = (ObjectNode) smart.composite(q, c.timeBase(), e -> tx, rpc.version()).path("schedule").deepCopy();
            sch.remove("evseId");
            sch.remove("scheduleStart");
            sch.put("startSchedule", c.timeBase().truncatedTo(ChronoUnit.SECONDS).toString());
        } else {
            sch = Json.MAPPER.createObjectNode();
            sch.put("chargingRateUnit", "W");
            ArrayNode periods = sch.putArray("chargingSchedulePeriod");
            long start = 0;
            for (EvChargingSchedule.Entry e : c.entries()) {
                ObjectNode per = periods.addObject().put("startPeriod", start);
                per.put("limit", Math.max(0, e.powerW()));
                if (v21 && e.powerW() < 0) per.put("dischargeLimit", e.powerW());
                start += e.durationS();
            }
            sch.put("duration", start);
        }
        sch.put("id", (int) Math.max(1, Math.min(Integer.MAX_VALUE, c.selectedScheduleTupleId())));
        req.set("chargingSchedule", sch);
        if (v21 && !c.dynamic()) {
            req.put("selectedChargingScheduleId", (int) Math.max(0, Math.min(Integer.MAX_VALUE, c.selectedScheduleTupleId())));
            if (c.powerToleranceConfirmed()) req.put("powerToleranceAcceptance", true);
        }
        rpc.call("NotifyEVChargingSchedule", req, now, outcome(r -> LOG.info("ocpp: EVSE " + evse + " NotifyEVChargingSchedule: " + r.path("status").asString())));
    }

    /**
     * Smart charging: the composite now, per EVSE; a change goes to the charger at once (also right after a
     * SetChargingProfile, not only on the next tick), a new operationMode to the CSMS (K01.FR.110).
     */
    private void applyProfiles(Instant now) {
        for (EvseSnapshot s : lastSnapshot.values()) {
            SmartCharging.Change c = smart.evaluate(s.evseId(), tracker.transactionId(s.evseId()), now);
            if (c != null) {
                LOG.info("ocpp: EVSE " + s.evseId() + " CSMS limit: " + c.limit());
                port.csmsLimit(s.evseId(), c.limit());
                for (ObjectNode ev : tracker.limitChanged(s, c.limit().operationMode(), now, !online())) journal.append(ev);
                tracker.commit();
            }
        }
    }

    private void pump(Instant now) {
        if (rpc == null || !online()) return;
        while (!authorizeRequests.isEmpty()) {
            String[] a = authorizeRequests.removeFirst();
            int evseId = Integer.parseInt(a[0]);
            String token = a[1];
            AuthorizeRequest req = new AuthorizeRequest().withIdToken(new IdToken().withIdToken(token).withType("Central"));
            rpc.call("Authorize", req, now, new RpcEngine.Outcome() {
                public void result(JsonNode p) {
                    String status = Json.as(p, AuthorizeResponse.class).getIdTokenInfo().getStatus().value();
                    port.authorization(evseId, token, "Accepted".equals(status), status);
                }

                public void failed(RpcErrorCode code, String description, boolean lost) {
                    port.authorization(evseId, token, false, "NoAnswer");
                }
            });
        }
        // The durable queue: one TransactionEvent at a time, in order, behind whatever else is queued.
        if (!sendingJournal && !rpc.busy() && !now.isBefore(journalRetryAt)) {
            journal.head().ifPresent(e -> {
                sendingJournal = true;
                rpc.call("TransactionEvent", dialect(e.payload()), now, new RpcEngine.Outcome() {
                    public void result(JsonNode p) {
                        sendingJournal = false;
                        journalAttempts = 0;
                        journal.acknowledge(e.index());
                        JsonNode info = p.path("idTokenInfo");
                        if (info.isObject() && !"Accepted".equals(info.path("status").asString())) {
                            Integer evse = tracker.evseOf(e.payload().path("transactionInfo").path("transactionId").asString());
                            if (evse != null) port.remoteStop(evse); // E05: deauthorized by the CSMS
                        }
                    }

                    public void failed(RpcErrorCode code, String description, boolean lost) {
                        sendingJournal = false;
                        if (lost) return; // stays at the head; goes again after the reconnect
                        journalAttempts++;
                        int attempts = dm.intValue("OCPPCommCtrlr", "MessageAttempts", "TransactionEvent", 5);
                        if (journalAttempts >= attempts) {
                            // E13.FR.04: after MessageAttempts the event is discarded and the next goes.
                            LOG.warning("ocpp: TransactionEvent seqNo " + e.payload().path("seqNo").asInt() + " discarded after " + attempts + " attempts");
                            journalAttempts = 0;
                            journal.acknowledge(e.index());
                        } else {
                            // E13.FR.02: wait MessageAttemptInterval × the number of earlier transmissions.
                            journalRetryAt = now.plusSeconds((long) dm.intValue("OCPPCommCtrlr", "MessageAttemptInterval", "TransactionEvent", 10) * journalAttempts);
                        }
                    }
                });
            });
        }
    }

    /** 2.0.1 has no operationMode and no OperationModeChanged (both 2.1): the same event in 2.0.1 terms. */
    private ObjectNode dialect(ObjectNode payload) {
        if (rpc.version() == OcppVersion.OCPP21) return payload;
        ObjectNode p = payload.deepCopy();
        if (p.get("transactionInfo") instanceof ObjectNode info) info.remove("operationMode");
        if ("OperationModeChanged".equals(p.path("triggerReason").asString())) p.put("triggerReason", "ChargingRateChanged");
        return p;
    }

    private void sendBoot(Instant now) {
        BootNotificationRequest req = new BootNotificationRequest()
                .withReason(bootAcceptedOnce ? BootReasonEnum.TRIGGERED : BootReasonEnum.POWER_UP)
                .withChargingStation(new ChargingStation().withModel(settings.model()).withVendorName(settings.vendorName())
                        .withSerialNumber(settings.serialNumber()).withFirmwareVersion(settings.firmwareVersion()));
        nextBoot = Instant.MAX; // until answered
        rpc.call("BootNotification", req, now, new RpcEngine.Outcome() {
            public void result(JsonNode p) {
                BootNotificationResponse r = Json.as(p, BootNotificationResponse.class);
                String status = r.getStatus().value();
                int interval = r.getInterval();
                dm.put("ClockCtrlr", "DateTime", null, r.getCurrentTime().toString());
                switch (status) {
                    case "Accepted" -> {
                        registration = Registration.ACCEPTED;
                        bootAcceptedOnce = true;
                        if (interval > 0) dm.put("OCPPCommCtrlr", "HeartbeatInterval", null, Integer.toString(interval)); // B01.FR.04
                        LOG.info("ocpp: BootNotification Accepted, heartbeat every " + dm.intValue("OCPPCommCtrlr", "HeartbeatInterval", null, 300) + " s");
                        statusDue = true;
                        online(now);
                    }
                    case "Pending" -> {
                        // B02.FR.06/07: stay connected, boot again after interval (30 s when the CSMS gives none).
                        registration = Registration.PENDING;
                        nextBoot = now.plusSeconds(interval > 0 ? interval : 30);
                        LOG.info("ocpp: BootNotification Pending, again in " + (interval > 0 ? interval : 30) + " s");
                    }
                    default -> {
                        // B03.FR.02/06: nothing until interval has passed, then boot again.
                        registration = Registration.REJECTED;
                        nextBoot = now.plusSeconds(interval > 0 ? interval : 60);
                        LOG.warning("ocpp: BootNotification Rejected, again in " + (interval > 0 ? interval : 60) + " s");
                    }
                }
            }

            public void failed(RpcErrorCode code, String description, boolean lost) {
                nextBoot = now.plusSeconds(30);
            }
        });
    }

    private void sendStatus(EvseSnapshot s, Instant now) {
        lastStatus.put(s.evseId(), s.connectorStatus());
        StatusNotificationRequest req = new StatusNotificationRequest()
                .withTimestamp(now.truncatedTo(ChronoUnit.MILLIS).atOffset(java.time.ZoneOffset.UTC))
                .withConnectorStatus(ConnectorStatusEnum.fromValue(s.connectorStatus())).withEvseId(s.evseId()).withConnectorId(1);
        rpc.call("StatusNotification", req, now, outcome(p -> {}));
    }

    private RpcEngine.Outcome outcome(Consumer<JsonNode> onResult) {
        return new RpcEngine.Outcome() {
            public void result(JsonNode p) { onResult.accept(p); }

            public void failed(RpcErrorCode code, String description, boolean lost) {}
        };
    }

    private void send(String text) {
        out.accept(text);
    }

    // ------------------------------------------------------------------ CSMS → station

    private Reply onCall(String action, JsonNode p, Instant now) {
        if (registration == Registration.REJECTED) {
            return Reply.error(RpcErrorCode.SecurityError, "not accepted by the CSMS"); // B03.FR.08
        }
        if (registration != Registration.ACCEPTED && !List.of("GetVariables", "SetVariables", "GetBaseReport", "TriggerMessage").contains(action)) {
            return Reply.error(RpcErrorCode.SecurityError, "boot not accepted yet"); // B02.FR.01, B02.FR.05
        }
        return switch (action) {
            case "GetVariables" -> getVariables(p);
            case "SetVariables" -> setVariables(p);
            case "Reset" -> reset(p);
            case "ChangeAvailability" -> changeAvailability(p);
            case "TriggerMessage" -> trigger(p, now);
            case "RequestStartTransaction" -> requestStart(p);
            case "RequestStopTransaction" -> requestStop(p, now);
            case "SetChargingProfile" -> setChargingProfile(p, now);
            case "ClearChargingProfile" -> Reply.result(smart.clear(p));
            case "GetChargingProfiles" -> getChargingProfiles(p, now);
            case "GetCompositeSchedule" -> Reply.result(smart.composite(p, now, tracker::transactionId, version()));
            case "UpdateDynamicSchedule" -> Reply.result(smart.updateDynamic(p, now));
            case "AFRRSignal" -> Reply.result(smart.afrrSignal(p, transactions(), now));
            case "CertificateSigned" -> certificateSigned(p, now);
            default -> Reply.error(RpcErrorCode.NotSupported, action + " is not supported by this station");
        };
    }

    /**
     * The composite goes to the charger before the answer leaves (the engine sends the reply when this
     * returns): once the CSMS has the Accepted, every charge-loop response shows the new limit
     * (ocpp/README.md, "A SetChargingProfile reaches the running car within one charge-loop cycle").
     */
    private Reply setChargingProfile(JsonNode p, Instant now) {
        Reply r = Reply.result(smart.set(p, tracker::transactionId, version(), now));
        applyProfiles(now);
        return r;
    }

    private Reply getVariables(JsonNode p) {
        ObjectNode res = Json.MAPPER.createObjectNode();
        ArrayNode results = res.putArray("getVariableResult");
        for (JsonNode d : p.path("getVariableData")) {
            JsonNode comp = d.path("component"), var = d.path("variable");
            Integer evse = comp.path("evse").has("id") ? comp.path("evse").path("id").asInt() : null;
            String attr = d.has("attributeType") ? d.get("attributeType").asString() : null;
            DeviceModel.Outcome o = dm.get(comp.path("name").asString(), evse, var.path("name").asString(),
                    var.has("instance") ? var.get("instance").asString() : null, attr);
            ObjectNode r = results.addObject();
            r.put("attributeStatus", o.status());
            if (attr != null) r.put("attributeType", attr);
            if (o.value() != null) r.put("attributeValue", o.value());
            r.set("component", comp);
            r.set("variable", var);
        }
        return Reply.result(res);
    }

    private Reply setVariables(JsonNode p) {
        ObjectNode res = Json.MAPPER.createObjectNode();
        ArrayNode results = res.putArray("setVariableResult");
        for (JsonNode d : p.path("setVariableData")) {
            JsonNode comp = d.path("component"), var = d.path("variable");
            Integer evse = comp.path("evse").has("id") ? comp.path("evse").path("id").asInt() : null;
            String attr = d.has("attributeType") ? d.get("attributeType").asString() : null;
            DeviceModel.Outcome o = dm.set(comp.path("name").asString(), evse, var.path("name").asString(),
                    var.has("instance") ? var.get("instance").asString() : null, attr, d.path("attributeValue").asString());
            ObjectNode r = results.addObject();
            r.put("attributeStatus", o.status());
            if (attr != null) r.put("attributeType", attr);
            r.set("component", comp);
            r.set("variable", var);
        }
        return Reply.result(res);
    }

    private Reply reset(JsonNode p) {
        ResetRequest req = Json.as(p, ResetRequest.class);
        boolean busy = lastSnapshot.values().stream().anyMatch(EvseSnapshot::evConnected);
        ResetResponse res = new ResetResponse();
        if (req.getType() == ResetEnum.ON_IDLE && busy) {
            resetPending = true; // B12.FR.01: after the transactions end
            res.setStatus(ResetStatusEnum.SCHEDULED);
        } else {
            port.reset(true);
            res.setStatus(ResetStatusEnum.ACCEPTED);
        }
        return Reply.result(res);
    }

    private Reply changeAvailability(JsonNode p) {
        ChangeAvailabilityRequest req = Json.as(p, ChangeAvailabilityRequest.class);
        boolean operative = req.getOperationalStatus() == OperationalStatusEnum.OPERATIVE;
        int evseId = req.getEvse() == null ? 0 : req.getEvse().getId();
        ChangeAvailabilityResponse res = new ChangeAvailabilityResponse();
        if (evseId > settings.evseCount()) {
            return Reply.result(res.withStatus(ChangeAvailabilityStatusEnum.REJECTED).withStatusInfo(new StatusInfo().withReasonCode("UnknownEvse")));
        }
        boolean inTx = evseId == 0 ? lastSnapshot.values().stream().anyMatch(EvseSnapshot::evConnected)
                : lastSnapshot.containsKey(evseId) && lastSnapshot.get(evseId).evConnected();
        port.availability(evseId, operative);
        // G03.FR.03/G04.FR.03: during a transaction the change takes effect when it ends.
        return Reply.result(res.withStatus(!operative && inTx ? ChangeAvailabilityStatusEnum.SCHEDULED : ChangeAvailabilityStatusEnum.ACCEPTED));
    }

    private Reply trigger(JsonNode p, Instant now) {
        String what = p.path("requestedMessage").asString();
        int evseId = p.path("evse").path("id").asInt(0);
        ObjectNode res = Json.MAPPER.createObjectNode();
        switch (what) {
            case "BootNotification" -> {
                if (registration == Registration.ACCEPTED) { res.put("status", "Rejected"); return Reply.result(res); } // F06.FR.17
                nextBoot = Instant.MIN;
            }
            case "Heartbeat" -> lastTraffic = Instant.MIN;
            case "StatusNotification" -> {
                for (EvseSnapshot s : lastSnapshot.values()) if (evseId == 0 || s.evseId() == evseId) lastStatus.remove(s.evseId());
            }
            case "SignChargingStationCertificate" -> afterReply.addLast(() -> signCertificate(CertificateStore.Kind.ChargingStationCertificate, now));
            case "SignV2G20Certificate" -> afterReply.addLast(() -> signCertificate(CertificateStore.Kind.V2G20Certificate, now));
            case "TransactionEvent" -> {
                for (EvseSnapshot s : lastSnapshot.values())
                    if (evseId == 0 || s.evseId() == evseId) for (ObjectNode ev : tracker.triggered(s, now, !online())) journal.append(ev);
                tracker.commit();
            }
            default -> { res.put("status", "NotImplemented"); return Reply.result(res); }
        }
        res.put("status", "Accepted");
        return Reply.result(res);
    }

    private Reply requestStart(JsonNode p) {
        RequestStartTransactionRequest req = Json.as(p, RequestStartTransactionRequest.class);
        int evseId = req.getEvseId() == null ? 1 : req.getEvseId();
        RequestStartTransactionResponse res = new RequestStartTransactionResponse().withStatus(RequestStartStopStatusEnum.REJECTED);
        if (evseId < 1 || evseId > settings.evseCount()) return Reply.result(res);
        String existing = tracker.transactionId(evseId);
        if (p.has("chargingProfile")) {
            // F01.FR.08-10: the profile must be a TxProfile; it applies to the transaction that starts.
            ObjectNode prof = (ObjectNode) p.get("chargingProfile");
            if (!"TxProfile".equals(prof.path("chargingProfilePurpose").asString())) return Reply.result(res);
            smart.pendingTxProfile(evseId, prof);
        }
        tracker.remoteStartRequested(evseId, req.getRemoteStartId());
        if (port.remoteStart(evseId, req.getIdToken().getIdToken(), req.getRemoteStartId())) res.setStatus(RequestStartStopStatusEnum.ACCEPTED);
        if (existing != null) res.setTransactionId(existing); // F01.FR.24 (cable plugged in first)
        return Reply.result(res);
    }

    private Reply requestStop(JsonNode p, Instant now) {
        String id = Json.as(p, RequestStopTransactionRequest.class).getTransactionId();
        Integer evseId = tracker.evseOf(id);
        if (evseId == null) return Reply.result(new RequestStopTransactionResponse().withStatus(RequestStartStopStatusEnum.REJECTED)); // F03.FR.08
        port.remoteStop(evseId);
        EvseSnapshot s = port.evses().stream().filter(x -> x.evseId() == evseId).findFirst().orElse(lastSnapshot.get(evseId));
        for (ObjectNode ev : tracker.stopped(s, "RemoteStop", "Remote", now, !online())) journal.append(ev);
        tracker.commit();
        return Reply.result(new RequestStopTransactionResponse().withStatus(RequestStartStopStatusEnum.ACCEPTED));
    }

    private int certificateRequestId;

    /** A02.FR.02/03: a new key and CSR; 2.1 adds the requestId that CertificateSigned echoes. */
    private void signCertificate(CertificateStore.Kind kind, Instant now) {
        ObjectNode req = Json.MAPPER.createObjectNode();
        req.put("csr", certificates.newCsr(kind));
        req.put("certificateType", kind.name());
        if (rpc.version() == OcppVersion.OCPP21) req.put("requestId", ++certificateRequestId);
        rpc.call("SignCertificate", req, now, outcome(r -> LOG.info("ocpp: SignCertificate " + kind + ": " + r.path("status").asString())));
    }

    private Reply certificateSigned(JsonNode p, Instant now) {
        String type = p.path("certificateType").asString("ChargingStationCertificate");
        ObjectNode res = Json.MAPPER.createObjectNode();
        CertificateStore.Kind kind;
        try {
            kind = CertificateStore.Kind.valueOf(type);
        } catch (IllegalArgumentException e) {
            res.put("status", "Rejected");
            res.putObject("statusInfo").put("reasonCode", "UnsupportedCertificateType");
            return Reply.result(res);
        }
        var problem = certificates.install(kind, p.path("certificateChain").asString(), now);
        if (problem.isPresent()) {
            // A02.FR.08: Rejected (a SecurityEventNotification InvalidChargingStationCertificate is not sent yet).
            LOG.warning("ocpp: CertificateSigned " + type + " rejected: " + problem.get());
            res.put("status", "Rejected");
            res.putObject("statusInfo").put("reasonCode", "InvalidCertificate").put("additionalInfo", problem.get().length() > 1024 ? problem.get().substring(0, 1024) : problem.get());
            return Reply.result(res);
        }
        res.put("status", "Accepted");
        if (kind == CertificateStore.Kind.ChargingStationCertificate) afterReply.addLast(reconnect); // A02.FR.10
        return Reply.result(res);
    }

    private Reply getChargingProfiles(JsonNode p, Instant now) {
        List<ObjectNode> reports = smart.report(p);
        ObjectNode res = Json.MAPPER.createObjectNode();
        if (reports.isEmpty()) {
            res.put("status", "NoProfiles");
            return Reply.result(res);
        }
        res.put("status", "Accepted");
        // K09: the profiles follow in ReportChargingProfiles with the same requestId, after this answer.
        for (ObjectNode r : reports) afterReply.addLast(() -> rpc.call("ReportChargingProfiles", r, now, outcome(x -> {})));
        return Reply.result(res);
    }

    private Map<Integer, String> transactions() {
        Map<Integer, String> m = new HashMap<>();
        for (int e = 1; e <= settings.evseCount(); e++) {
            String tx = tracker.transactionId(e);
            if (tx != null) m.put(e, tx);
        }
        return m;
    }

    /** For tests and the status view: the last composite pushed to the charger per EVSE. */
    public CsmsLimit csmsLimit(int evseId) {
        return smart.current(evseId);
    }

    Duration callTimeout() { return settings.callTimeout(); }
}
