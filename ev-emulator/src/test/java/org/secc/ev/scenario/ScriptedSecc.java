package org.secc.ev.scenario;

import java.io.EOFException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import org.secc.ev.link.Connector;
import org.secc.ev.link.Frame;
import org.secc.ev.link.Link;
import org.secc.ev.session.Outgoing;
import org.secc.ev.session.Rational;
import org.secc.exi.ExiCodec;
import org.secc.exi.ExiDecodeException;
import org.secc.exi.SchemaKind;
import org.secc.exi.apphand.supportedAppProtocolRes;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/**
 * A scripted fake SECC for the client tests, built from the typed records: it checks the request order
 * (FAILED_SequenceError otherwise), the SessionID, closes after a FAILED response, on undecodable EXI and
 * when the EV is silent past its sequence timeout (0.5 s in the loop, 60 s elsewhere), supports pause and
 * resume, and can send one EVSENotification. Every message crosses the real EXI codec both ways.
 */
final class ScriptedSecc implements Connector {
    final FakeClock clock;
    boolean offerBpt = true;
    boolean offerDc = true;
    boolean offerAc = true;
    int[] modes = {1, 2};
    int authOngoing = 1;
    int scheduleOngoing = 1;
    int cableCheckOngoing = 2;
    /** Charge loop index at which {@link #notification} is sent (-1: never). */
    int notifyAtLoop = -1;
    evseNotificationType notification;
    /** Dynamic BPT mode: -1 makes the SECC discharge whatever the EV asks. */
    int dynamicDirection = 1;
    /** Make the SECC answer the DC loop with the wrong control-mode variant. */
    boolean wrongLoopVariant;
    /** Delay of every response (ms). */
    long responseDelayMs = 3;

    int connections;
    int loops;
    byte[] pausedId;
    String lastRequest;

    private byte[] sid;
    private boolean bpt;
    private boolean ac;
    private boolean dynamic;
    private String expect;
    private double voltage;
    private double targetCurrent;
    private boolean notified;

    ScriptedSecc(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public Link connect() {
        connections++;
        expect = "SAP";
        return new FakeLink();
    }

    /** Allowed next requests per the ISO 15118-20 message sequence (secc-app/README-session.md, "States") (subset the EV emulator uses). */
    private boolean allowed(String req) {
        return switch (expect) {
            case "SAP" -> req.equals("supportedAppProtocolReq");
            case "Setup" -> req.equals("SessionSetupReqType");
            case "AuthSetup" -> req.equals("AuthorizationSetupReqType") || req.equals("SessionStopReqType");
            case "Auth" -> req.equals("AuthorizationReqType");
            case "Disc" -> req.equals("ServiceDiscoveryReqType");
            case "Detail" -> req.equals("ServiceDetailReqType") || req.equals("SessionStopReqType");
            case "Sel" -> req.equals("ServiceSelectionReqType") || req.equals("ServiceDetailReqType");
            case "Cpd" -> req.equals(ac ? "AC_ChargeParameterDiscoveryReqType" : "DC_ChargeParameterDiscoveryReqType");
            case "Pd" -> req.equals("PowerDeliveryReqType");
            case "Stop" -> req.equals("SessionStopReqType");
            case "Se" -> req.equals("ScheduleExchangeReqType");
            case "Cc" -> req.equals("DC_CableCheckReqType");
            case "Pre" -> req.equals("DC_PreChargeReqType") || req.equals("PowerDeliveryReqType");
            case "Loop" -> req.equals(ac ? "AC_ChargeLoopReqType" : "DC_ChargeLoopReqType") || req.equals("PowerDeliveryReqType");
            case "Weld" -> req.equals("DC_WeldingDetectionReqType") || req.equals("SessionStopReqType");
            default -> false;
        };
    }

    /** The response, and whether to close after it. */
    private record Reply(Object msg, boolean close) {
    }

    private MessageHeaderType h() {
        return new MessageHeaderType(sid, clock.nowMs() / 1000, null);
    }

    private Reply handle(Object req) {
        String name = req.getClass().getSimpleName();
        lastRequest = name;
        if (!allowed(name)) {
            return new Reply(failed(req, responseCodeType.FAILED_SequenceError), true);
        }
        if (req instanceof V2GMessageType m && !(req instanceof SessionSetupReqType) && !Arrays.equals(m.Header().SessionID(), sid)) {
            return new Reply(failed(req, responseCodeType.FAILED_UnknownSession), true);
        }
        RationalNumberType zero = Rational.of(0);
            if (req instanceof org.secc.exi.apphand.supportedAppProtocolReq r) {
                expect = "Setup";
                return new Reply(new supportedAppProtocolRes(org.secc.exi.apphand.responseCodeType.OK_SuccessfulNegotiation,
                        r.AppProtocol().get(0).SchemaID()), false);
            }
            if (req instanceof SessionSetupReqType r) {
                if (pausedId != null && Arrays.equals(r.Header().SessionID(), pausedId)) {
                    sid = pausedId;
                    pausedId = null;
                    expect = "Cpd";
                    return new Reply(new SessionSetupResType(h(), responseCodeType.OK_OldSessionJoined, "ZZ00000"), false);
                }
                sid = new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) connections};
                expect = "AuthSetup";
                return new Reply(new SessionSetupResType(h(), responseCodeType.OK_NewSessionEstablished, "ZZ00000"), false);
            }
            if (req instanceof AuthorizationSetupReqType r) {
                expect = "Auth";
                return new Reply(new AuthorizationSetupResType(h(), responseCodeType.OK, List.of(authorizationType.EIM), false,
                        new AuthorizationSetupResType.ASResAuthorizationMode.EIM_ASResAuthorizationMode(new EIM_ASResAuthorizationModeType())), false);
            }
            if (req instanceof AuthorizationReqType r) {
                boolean ongoing = authOngoing-- > 0;
                if (!ongoing) {
                    expect = "Disc";
                }
                return new Reply(new AuthorizationResType(h(), responseCodeType.OK, ongoing ? processingType.Ongoing : processingType.Finished), false);
            }
            if (req instanceof ServiceDiscoveryReqType r) {
                expect = "Detail";
                var list = new java.util.ArrayList<ServiceType>();
                if (offerDc) {
                    list.add(new ServiceType(2, false));
                }
                if (offerBpt) {
                    list.add(new ServiceType(6, false));
                }
                if (offerAc) {
                    list.add(new ServiceType(1, false));
                    list.add(new ServiceType(5, false));
                }
                return new Reply(new ServiceDiscoveryResType(h(), responseCodeType.OK, false, new ServiceListType(list), null), false);
            }
            if (req instanceof ServiceDetailReqType r) {
                expect = "Sel";
                var sets = new java.util.ArrayList<ParameterSetType>();
                for (int i = 0; i < modes.length; i++) {
                    sets.add(new ParameterSetType(i + 1, List.of(
                            new ParameterType("Connector", new ParameterType.Choice.intValue(2)),
                            new ParameterType("ControlMode", new ParameterType.Choice.intValue(modes[i])),
                            new ParameterType("MobilityNeedsMode", new ParameterType.Choice.intValue(1)),
                            new ParameterType("Pricing", new ParameterType.Choice.intValue(0)))));
                }
                return new Reply(new ServiceDetailResType(h(), responseCodeType.OK, r.ServiceID(), new ServiceParameterListType(sets)), false);
            }
            if (req instanceof ServiceSelectionReqType r) {
                int id = r.SelectedEnergyTransferService().ServiceID();
                bpt = id == 6 || id == 5;
                ac = id == 1 || id == 5;
                dynamic = modes[r.SelectedEnergyTransferService().ParameterSetID() - 1] == 2;
                expect = "Cpd";
                return new Reply(new ServiceSelectionResType(h(), responseCodeType.OK), false);
            }
            if (req instanceof AC_ChargeParameterDiscoveryReqType r) {
                expect = "Se";
                AC_ChargeParameterDiscoveryResType.AC_CPDResEnergyTransferModeGroup g = bpt
                        ? new AC_ChargeParameterDiscoveryResType.AC_CPDResEnergyTransferModeGroup.BPT_AC_CPDResEnergyTransferMode(
                        new BPT_AC_CPDResEnergyTransferModeType(Rational.of(11_000), null, null, zero, null, null, Rational.of(50), null, null,
                                null, null, null, Rational.of(11_000), null, null, zero, null, null))
                        : new AC_ChargeParameterDiscoveryResType.AC_CPDResEnergyTransferModeGroup.AC_CPDResEnergyTransferMode(
                        new AC_CPDResEnergyTransferModeType(Rational.of(11_000), null, null, zero, null, null, Rational.of(50), null, null,
                                null, null, null));
                return new Reply(new AC_ChargeParameterDiscoveryResType(h(), responseCodeType.OK, g), false);
            }
            if (req instanceof AC_ChargeLoopReqType r) {
                loops++;
                var g = r.CLReqControlModeGroup();
                double p;
                if (g instanceof AC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Dynamic_AC_CLReqControlMode d) {
                    p = dynamicDirection < 0 || Rational.value(d.value().EVTargetEnergyRequest()) < 0 ? -7_000 : 11_000;
                } else if (g instanceof AC_ChargeLoopReqType.CLReqControlModeGroup.Dynamic_AC_CLReqControlMode) {
                    p = 11_000;
                } else if (g instanceof AC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Scheduled_AC_CLReqControlMode s) {
                    p = Rational.value(s.value().EVPresentActivePower());
                } else {
                    p = Rational.value(((AC_ChargeLoopReqType.CLReqControlModeGroup.Scheduled_AC_CLReqControlMode) g).value().EVPresentActivePower());
                }
                EVSEStatusType status = null;
                if (loops == notifyAtLoop && !notified) {
                    notified = true;
                    status = new EVSEStatusType(notification == evseNotificationType.Pause ? 60 : 0, notification);
                }
                RationalNumberType rp = Rational.of(p);
                AC_ChargeLoopResType.CLResControlModeGroup res;
                boolean bptVariant = bpt ^ wrongLoopVariant;
                if (dynamic && bptVariant) {
                    res = new AC_ChargeLoopResType.CLResControlModeGroup.BPT_Dynamic_AC_CLResControlMode(new BPT_Dynamic_AC_CLResControlModeType(
                            null, null, null, null, rp, null, null, null, null, null, null, null, null));
                } else if (dynamic) {
                    res = new AC_ChargeLoopResType.CLResControlModeGroup.Dynamic_AC_CLResControlMode(new Dynamic_AC_CLResControlModeType(
                            null, null, null, null, rp, null, null, null, null, null, null, null, null));
                } else if (bptVariant) {
                    res = new AC_ChargeLoopResType.CLResControlModeGroup.BPT_Scheduled_AC_CLResControlMode(new BPT_Scheduled_AC_CLResControlModeType(
                            null, null, null, null, null, null, rp, null, null));
                } else {
                    res = new AC_ChargeLoopResType.CLResControlModeGroup.Scheduled_AC_CLResControlMode(new Scheduled_AC_CLResControlModeType(
                            null, null, null, null, null, null, rp, null, null));
                }
                return new Reply(new AC_ChargeLoopResType(h(), responseCodeType.OK, status, null, null, Rational.of(50), res), false);
            }
            if (req instanceof DC_ChargeParameterDiscoveryReqType r) {
                expect = "Se";
                DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup g = bpt
                        ? new DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup.BPT_DC_CPDResEnergyTransferMode(
                        new BPT_DC_CPDResEnergyTransferModeType(Rational.of(50_000), zero, Rational.of(125), zero, Rational.of(500),
                                Rational.of(150), null, Rational.of(20_000), zero, Rational.of(40), zero))
                        : new DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup.DC_CPDResEnergyTransferMode(
                        new DC_CPDResEnergyTransferModeType(Rational.of(50_000), zero, Rational.of(125), zero, Rational.of(500),
                                Rational.of(150), null));
                return new Reply(new DC_ChargeParameterDiscoveryResType(h(), responseCodeType.OK, g), false);
            }
            if (req instanceof ScheduleExchangeReqType r) {
                boolean ongoing = scheduleOngoing-- > 0;
                ScheduleExchangeResType.SEResControlMode m = dynamic
                        ? new ScheduleExchangeResType.SEResControlMode.Dynamic_SEResControlMode(new Dynamic_SEResControlModeType(null, null, null, null))
                        : new ScheduleExchangeResType.SEResControlMode.Scheduled_SEResControlMode(new Scheduled_SEResControlModeType(List.of(
                        new ScheduleTupleType(7, new ChargingScheduleType(new PowerScheduleType(clock.nowMs() / 1000, null, null,
                                new PowerScheduleEntryListType(List.of(new PowerScheduleEntryType(86400, Rational.of(50_000), null, null)))), null),
                                null))));
                if (!ongoing) {
                    expect = loops > 0 && sid != null && "Loop".equals(afterSchedule) ? "Loop" : ac ? "Pd" : "Cc";
                    afterSchedule = null;
                }
                return new Reply(new ScheduleExchangeResType(h(), responseCodeType.OK, ongoing ? processingType.Ongoing : processingType.Finished,
                        null, m), false);
            }
            if (req instanceof DC_CableCheckReqType r) {
                boolean ongoing = cableCheckOngoing-- > 0;
                if (!ongoing) {
                    expect = "Pre";
                    cableCheckOngoing = 2;
                }
                return new Reply(new DC_CableCheckResType(h(), responseCodeType.OK, ongoing ? processingType.Ongoing : processingType.Finished), false);
            }
            if (req instanceof DC_PreChargeReqType r) {
                double target = Rational.value(r.EVTargetVoltage());
                voltage = voltage + Math.max(-150, Math.min(150, target - voltage)); // 150 V per step ramp
                return new Reply(new DC_PreChargeResType(h(), responseCodeType.OK, Rational.of(voltage)), false);
            }
            if (req instanceof PowerDeliveryReqType r) {
                switch (r.ChargeProgress()) {
                    case Start -> expect = "Loop";
                    case Stop -> {
                        expect = ac ? "Stop" : "Weld";
                        targetCurrent = 0;
                    }
                    case ScheduleRenegotiation -> {
                        expect = "Se";
                        afterSchedule = "Loop";
                    }
                    default -> {
                        return new Reply(new PowerDeliveryResType(h(), responseCodeType.WARNING_StandbyNotAllowed, null), false);
                    }
                }
                if (r.ChargeProgress() == chargeProgressType.Start && r.EVPowerProfile() != null
                        && r.EVPowerProfile().EVPPTControlMode() instanceof EVPowerProfileType.EVPPTControlMode.Scheduled_EVPPTControlMode s
                        && s.value().SelectedScheduleTupleID() != 7) {
                    return new Reply(new PowerDeliveryResType(h(), responseCodeType.FAILED_ScheduleSelectionInvalid, null), true);
                }
                return new Reply(new PowerDeliveryResType(h(), responseCodeType.OK, null), false);
            }
            if (req instanceof DC_ChargeLoopReqType r) {
                loops++;
                voltage = Rational.value(r.EVPresentVoltage());
                var g = r.CLReqControlModeGroup();
                double i;
                if (g instanceof DC_ChargeLoopReqType.CLReqControlModeGroup.Scheduled_DC_CLReqControlMode s) {
                    i = Rational.value(s.value().EVTargetCurrent());
                } else if (g instanceof DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Scheduled_DC_CLReqControlMode s) {
                    i = Rational.value(s.value().EVTargetCurrent());
                } else if (g instanceof DC_ChargeLoopReqType.CLReqControlModeGroup.BPT_Dynamic_DC_CLReqControlMode d) {
                    // the SECC decides; follow the EV's energy request sign unless scripted to discharge
                    i = dynamicDirection < 0 || Rational.value(d.value().EVTargetEnergyRequest()) < 0 ? -40 : 100;
                } else {
                    i = 100;
                }
                i = Math.max(bpt ? -40 : 0, Math.min(125, i));
                targetCurrent = i;
                EVSEStatusType status = null;
                if (loops == notifyAtLoop && !notified) {
                    notified = true;
                    status = new EVSEStatusType(notification == evseNotificationType.Pause ? 60 : 0, notification);
                }
                boolean bptVariant = bpt ^ wrongLoopVariant;
                DC_ChargeLoopResType.CLResControlModeGroup res;
                if (dynamic && bptVariant) {
                    res = new DC_ChargeLoopResType.CLResControlModeGroup.BPT_Dynamic_DC_CLResControlMode(new BPT_Dynamic_DC_CLResControlModeType(
                            null, null, null, null, Rational.of(50_000), zero, Rational.of(125), Rational.of(500), Rational.of(20_000), zero,
                            Rational.of(40), Rational.of(150)));
                } else if (dynamic) {
                    res = new DC_ChargeLoopResType.CLResControlModeGroup.Dynamic_DC_CLResControlMode(new Dynamic_DC_CLResControlModeType(
                            null, null, null, null, Rational.of(50_000), zero, Rational.of(125), Rational.of(500)));
                } else if (bptVariant) {
                    res = new DC_ChargeLoopResType.CLResControlModeGroup.BPT_Scheduled_DC_CLResControlMode(new BPT_Scheduled_DC_CLResControlModeType(
                            null, null, null, null, null, null, null, null));
                } else {
                    res = new DC_ChargeLoopResType.CLResControlModeGroup.Scheduled_DC_CLResControlMode(new Scheduled_DC_CLResControlModeType(
                            null, null, null, null));
                }
                return new Reply(new DC_ChargeLoopResType(h(), responseCodeType.OK, status, null, null, Rational.of(i), Rational.of(voltage),
                        false, false, false, res), false);
            }
            if (req instanceof DC_WeldingDetectionReqType r) {
                voltage = Math.max(0, voltage - 200);
                return new Reply(new DC_WeldingDetectionResType(h(), responseCodeType.OK, Rational.of(voltage)), false);
            }
            if (req instanceof SessionStopReqType r) {
                if (r.ChargingSession() == chargingSessionType.Pause) {
                    pausedId = sid;
                }
                expect = "none";
                return new Reply(new SessionStopResType(h(), responseCodeType.OK), true);
            }
            {
                return new Reply(failed(req, responseCodeType.FAILED_SequenceError), true);
            }
    }

    private String afterSchedule;

    /** Minimal schema-valid FAILED response of the request's type ([V2G20-736]). */
    private Object failed(Object req, responseCodeType c) {
        MessageHeaderType hh = new MessageHeaderType(sid == null ? new byte[8] : sid, clock.nowMs() / 1000, null);
        RationalNumberType z = Rational.of(0);
        return switch (req.getClass().getSimpleName()) {
            case "PowerDeliveryReqType" -> new PowerDeliveryResType(hh, c, null);
            case "AuthorizationSetupReqType" -> new AuthorizationSetupResType(hh, c, List.of(authorizationType.EIM), false,
                    new AuthorizationSetupResType.ASResAuthorizationMode.EIM_ASResAuthorizationMode(new EIM_ASResAuthorizationModeType()));
            case "DC_PreChargeReqType" -> new DC_PreChargeResType(hh, c, z);
            default -> new SessionStopResType(hh, c);
        };
    }

    /** The loop sequence timeout on a real socket: the standard's 0.5 s, more for tests that only check exit codes. */
    int socketLoopTimeoutMs = 500;

    /**
     * Serves one real connection: V2GTP frames in, responses out, closing on malformed EXI, after a FAILED
     * response, and when the EV is silent past the sequence timeout. Returns when the connection ends.
     */
    void serve(java.net.Socket s) throws java.io.IOException {
        connections++;
        expect = "SAP";
        try (s) {
            var in = s.getInputStream();
            var out = s.getOutputStream();
            while (true) {
                s.setSoTimeout("Loop".equals(expect) ? socketLoopTimeoutMs : 60_000);
                org.secc.transport.v2gtp.V2gtpFrame f;
                try {
                    f = new org.secc.transport.v2gtp.V2gtpFrameReader(in, org.secc.transport.v2gtp.V2gtpCodec.DEFAULT_MAX_PAYLOAD).read();
                } catch (java.net.SocketTimeoutException | EOFException | org.secc.transport.v2gtp.V2gtpException e) {
                    return;
                }
                Object req;
                try {
                    req = ExiCodec.of(kindOf(f.payloadType())).decode(f.payload()).value();
                } catch (ExiDecodeException e) {
                    return;
                }
                Reply r = handle(req);
                out.write(new org.secc.transport.v2gtp.V2gtpFrame(payloadTypeOf(r.msg()), ExiCodec.of(kindOf(payloadTypeOf(r.msg()))).encode(r.msg())).toBytes());
                out.flush();
                if (r.close()) {
                    return;
                }
            }
        }
    }

    private static int payloadTypeOf(Object msg) {
        String p = msg.getClass().getPackageName();
        return p.endsWith("apphand") ? Outgoing.SAP : p.endsWith(".dc") ? Outgoing.DC : p.endsWith(".ac") ? Outgoing.AC : Outgoing.COMMON;
    }

    private static SchemaKind kindOf(int payloadType) {
        return switch (payloadType) {
            case Outgoing.SAP -> SchemaKind.SAP;
            case Outgoing.DC -> SchemaKind.DC;
            case Outgoing.AC -> SchemaKind.AC;
            default -> SchemaKind.COMMON;
        };
    }

    /** An in-memory connection: responses cross the codec and arrive after {@link #responseDelayMs}. */
    final class FakeLink implements Link {
        private final ArrayDeque<Frame> queue = new ArrayDeque<>();
        private boolean closed;
        private long lastRequestAt = clock.nowMs();

        @Override
        public void send(int payloadType, byte[] payload) {
            if (closed) {
                return;
            }
            lastRequestAt = clock.nowMs();
            Object req;
            try {
                req = ExiCodec.of(kindOf(payloadType)).decode(payload).value();
            } catch (ExiDecodeException e) {
                closed = true; // malformed EXI: drop the connection
                return;
            }
            Reply r = handle(req);
            byte[] bytes = ExiCodec.of(kindOf(payloadTypeOf(r.msg()))).encode(r.msg());
            queue.add(new Frame(payloadTypeOf(r.msg()), bytes));
            if (r.close()) {
                closed = true;
            }
        }

        @Override
        public Frame receive(long timeoutMs) throws EOFException {
            if (!queue.isEmpty()) {
                clock.advance(responseDelayMs);
                return queue.poll();
            }
            if (closed) {
                throw new EOFException("closed");
            }
            long seqTimeout = "Loop".equals(expect) ? 500 : 60_000;
            long closeAt = lastRequestAt + seqTimeout;
            if (closeAt <= clock.nowMs() + timeoutMs) {
                clock.sleepUntil(closeAt);
                closed = true;
                throw new EOFException("sequence timeout");
            }
            clock.advance(timeoutMs);
            return null;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
