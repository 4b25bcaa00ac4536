package org.secc.app.ocpp;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.secc.app.charge.ChargingNeeds;
import org.secc.app.charge.EnergyTransfer;
import org.secc.app.charge.EvPowerProfile;
import org.secc.app.charge.HalChargeControl;
import org.secc.app.policy.CsmsInput;
import org.secc.app.policy.FrequencySetpoint;
import org.secc.app.run.ChargePoint;
import org.secc.ocpp.ChargerPort;
import org.secc.app.session.ServiceOffer;
import org.secc.ocpp.CsmsLimit;
import org.secc.ocpp.EvChargingNeeds;
import org.secc.ocpp.EvChargingSchedule;
import org.secc.ocpp.EvseSnapshot;
import org.secc.ocpp.OcppClient;
import org.secc.ocpp.OcppStation;
import org.secc.ocpp.security.CertificateStore;
import org.secc.ocpp.security.StationTls;

/**
 * The charger behind the OCPP station's port: one EVSE whose transaction is the ISO 15118 session (it
 * starts with the session, before the schedule exchange, so a TxProfile can reach it), energy registers
 * that only grow, the CSMS limit into the policy, the CSMS's EIM decisions and remote commands into the
 * charge control.
 */
public final class OcppBridge implements ChargerPort, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OcppBridge.class.getName());

    private final ChargePoint cp;
    private final Supplier<String> sessionState;
    private final OcppConfig cfg;
    private final OcppClient client;
    private volatile boolean operative = true;
    private volatile String idToken;
    private double importWh, exportWh, lastCharged, lastDischarged;
    private boolean wasActive;
    private final Clock clock;
    /** When the bridge first saw the EV's needs / power profile of this sequence number (wall clock, for OCPP). */
    private long needsSeq = -1, profileSeq = -1;
    private Instant needsAt, profileAt;

    public OcppBridge(OcppConfig cfg, ChargePoint cp, Supplier<String> sessionState, Clock clock) {
        this.cfg = cfg;
        this.cp = cp;
        this.sessionState = sessionState;
        this.clock = clock;
        Supplier<SSLContext> tls = cfg.settings().securityProfile() == 1 ? null
                : StationTls.supplier(cfg.csmsCa(), cfg.stationCert(), cfg.stationKey(),
                        new CertificateStore(cfg.settings().dataDir().resolve("certs"), cfg.settings().serialNumber(), cfg.settings().vendorName()));
        this.client = new OcppClient(cfg.settings(), this, clock, tls);
    }

    public void start() {
        client.start();
    }

    public OcppClient client() {
        return client;
    }

    /** For `secc ctl status`: connection, registration, the CSMS limit and the fail-safe. */
    public String statusLine() {
        return client.onLoop(() -> {
            OcppStation st = client.station();
            return String.format(Locale.ROOT, "%s %s, %d queued, limit: %s", st.isConnected() ? "connected " + st.version().subprotocol() : "offline",
                    st.registration().name().toLowerCase(Locale.ROOT), st.queuedTransactionEvents(), st.csmsLimit(1).reason());
        });
    }

    private static boolean active(String state) {
        return state != null && !state.equals("idle") && !state.equals("Ended");
    }

    @Override
    public synchronized List<EvseSnapshot> evses() {
        HalChargeControl.Snapshot s = cp.charge().snapshot();
        boolean active = active(sessionState.get());
        // The charge control counts per session; the OCPP registers never decrease (P2 MeasurandEnumType).
        if (s.chargedWh() < lastCharged || s.dischargedWh() < lastDischarged) {
            lastCharged = 0;
            lastDischarged = 0;
        }
        importWh += s.chargedWh() - lastCharged;
        exportWh += s.dischargedWh() - lastDischarged;
        lastCharged = s.chargedWh();
        lastDischarged = s.dischargedWh();
        if (active && !wasActive) {
            idToken = null;
            if (cfg.idToken() != null) client.authorize(1, cfg.idToken()); // C01: EIM token from the configuration
        }
        wasActive = active;
        String status = !cp.charge().hardwareFaults().isEmpty() ? "Faulted" : active ? "Occupied" : operative ? "Available" : "Unavailable";
        String charging = !active ? "EVConnected" : s.energized() && Math.abs(s.powerW()) > 1 ? "Charging"
                : s.energized() ? "SuspendedEV" : "EVConnected";
        return List.of(new EvseSnapshot(1, status, active, charging, idToken, importWh, exportWh, s.powerW(),
                Double.isNaN(s.socPct()) ? null : s.socPct(), true));
    }

    @Override
    public void authorization(int evseId, String token, boolean accepted, String status) {
        LOG.info("ocpp: idToken " + token + " " + status + " by the CSMS");
        if (accepted) idToken = token;
        cp.charge().authorize(accepted);
    }

    @Override
    public boolean remoteStart(int evseId, String token, int remoteStartId) {
        // F01: the CSMS authorizes the car that is (or will be) plugged in.
        idToken = token;
        cp.charge().authorize(true);
        return true;
    }

    @Override
    public boolean remoteStop(int evseId) {
        cp.charge().requestStop("stopped by the CSMS");
        return true;
    }

    @Override
    public void availability(int evseId, boolean op) {
        operative = op;
        LOG.info("ocpp: availability " + (op ? "Operative" : "Inoperative") + " (shown in StatusNotification)");
    }

    @Override
    public void reset(boolean immediate) {
        // The service manager restarts the process; here the session ends and the charger stops accepting.
        LOG.warning("ocpp: Reset requested by the CSMS (" + (immediate ? "now" : "when idle") + "): ending the session; restart the service to complete it");
        cp.charge().requestStop("reset by the CSMS");
    }

    @Override
    public synchronized EvChargingNeeds chargingNeeds(int evseId) {
        HalChargeControl.Upstream u = cp.charge().upstream();
        if (u == null || u.needs() == null || u.transfer() == null) {
            return null;
        }
        if (u.needsSeq() != needsSeq) {
            needsSeq = u.needsSeq();
            needsAt = clock.instant();
        }
        EnergyTransfer t = u.transfer();
        ChargingNeeds n = u.needs();
        String mode = switch (t.serviceId()) {
            case ServiceOffer.AC -> "AC_three_phase";
            case ServiceOffer.AC_BPT -> "AC_BPT";
            case ServiceOffer.DC_BPT -> "DC_BPT";
            default -> "DC";
        };
        // A car that negotiated a BPT service also charges one way (Q01.FR.03: what the EV supports).
        List<String> available = t.bidirectional() ? List.of(mode, t.ac() ? "AC_three_phase" : "DC") : List.of(mode);
        return new EvChargingNeeds(needsSeq, needsAt, mode, available, n.dynamic(),
                n.departureS() >= 0 ? needsAt.plusSeconds(n.departureS()) : null, n.maxSupportingPoints(), t.evMaxChargePowerW(),
                t.bidirectional() ? t.evMaxDischargePowerW() : null, wh(n.targetEnergyWh()), wh(n.minEnergyWh()), wh(n.maxEnergyWh()),
                t.bidirectional() ? wh(n.minV2xEnergyWh()) : null, t.bidirectional() ? wh(n.maxV2xEnergyWh()) : null, n.targetSoc());
    }

    private static Double wh(double v) {
        return Double.isNaN(v) ? null : v;
    }

    @Override
    public synchronized EvChargingSchedule chargingSchedule(int evseId) {
        HalChargeControl.Upstream u = cp.charge().upstream();
        if (u == null || u.profile() == null) {
            return null;
        }
        if (u.profileSeq() != profileSeq) {
            profileSeq = u.profileSeq();
            profileAt = clock.instant();
        }
        EvPowerProfile p = u.profile();
        List<EvChargingSchedule.Entry> entries = p.entries().stream().map(e -> new EvChargingSchedule.Entry(e.durationS(), e.powerW())).toList();
        Instant base = p.timeAnchor() > 0 ? Instant.ofEpochSecond(p.timeAnchor()) : profileAt;
        return new EvChargingSchedule(profileSeq, base, p.dynamic(), p.selectedScheduleTupleId(), entries, p.powerToleranceConfirmed());
    }

    @Override
    public void energyTransferRejected(int evseId) {
        cp.charge().requestStop("the CSMS refused the requested energy transfer");
    }

    @Override
    public void csmsLimit(int evseId, CsmsLimit l) {
        cp.policy().csms(l.isNone() ? null : new CsmsInput(orNaN(l.maxChargeW()), orNaN(l.maxDischargeW()), orNaN(l.setpointW()), l.reason(),
                l.operationMode(), frequency(l.localFrequency())));
        // K16.FR.01-03: a new composite during a Scheduled -20 session is offered to the car by renegotiation.
        cp.charge().renegotiate(l.reason());
    }

    /** A LocalFrequency curve for the policy, which applies it to the grid supervisor's frequency measurement. */
    static FrequencySetpoint frequency(CsmsLimit.LocalFrequency lf) {
        if (lf == null) {
            return null;
        }
        double[] hz = new double[lf.curve().size()];
        double[] w = new double[hz.length];
        for (int i = 0; i < hz.length; i++) {
            hz[i] = lf.curve().get(i).frequencyHz();
            w[i] = lf.curve().get(i).powerW();
        }
        return new FrequencySetpoint(hz, w, lf.baselineW(), lf.afrrW(), lf.updateThresholdMHz());
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    @Override
    public void offlineFailsafe(boolean active) {
        cp.policy().csmsFailsafe(active);
    }

    @Override
    public void close() {
        client.close();
    }
}
