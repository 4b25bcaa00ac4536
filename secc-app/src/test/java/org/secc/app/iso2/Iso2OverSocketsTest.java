package org.secc.app.iso2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.secc.app.iso2.Iso2Messages.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secc.app.run.SessionHandler;
import org.secc.app.sap.AppProtocol;
import org.secc.app.sap.SapNegotiator;
import org.secc.app.session.RecordingChargeControl;
import org.secc.app.session.SessionConfig;
import org.secc.app.v2g.V2gServer;
import org.secc.app.v2g.V2gServerConfig;
import org.secc.exi.ExiCodec;
import org.secc.exi.SchemaKind;
import org.secc.exi.apphand.AppProtocolType;
import org.secc.exi.apphand.supportedAppProtocolReq;
import org.secc.exi.apphand.supportedAppProtocolRes;
import org.secc.exi.iso2.V2G_Message;
import org.secc.exi.iso2.body.BodyType.BodyElementGroup;
import org.secc.exi.iso2.types.chargeProgressType;
import org.secc.exi.iso2.types.chargingSessionType;
import org.secc.exi.iso2.types.paymentOptionType;
import org.secc.exi.iso2.types.responseCodeType;
import org.secc.transport.v2gtp.V2gClient;
import org.secc.transport.v2gtp.V2gtpFrame;

/**
 * The connection handler over a real loopback TCP socket: SupportedAppProtocol chooses ISO 15118-2
 * for an EV that offers -2 and DIN, every later message is payload type 0x8001 in the -2 grammar, a
 * whole DC session charges, and a paused session is resumed on a new connection with its old ID.
 */
class Iso2OverSocketsTest {

    static final Duration T = Duration.ofSeconds(10);
    RecordingChargeControl charge = new RecordingChargeControl();
    PausedSession paused = new PausedSession();
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    V2gServer server;

    @BeforeEach
    void start() throws Exception {
        server = V2gServer.start(V2gServerConfig.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                conn -> new SessionHandler(conn, SapNegotiator.defaults(), () -> {
                    throw new AssertionError("-20 must not be chosen");
                }, null, () -> new Iso2Session(SessionConfig.defaults(), charge, paused, System::nanoTime), timers, s -> {
                }));
    }

    @AfterEach
    void stop() {
        server.close();
        timers.shutdownNow();
    }

    V2gClient connect() throws Exception {
        V2gClient c = V2gClient.connectTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), T, 65536);
        // the EV prefers -2 (priority 1) and also offers DIN
        var req = new supportedAppProtocolReq(List.of(new AppProtocolType(AppProtocol.DIN.namespace(), 2, 0, 1, 2),
                new AppProtocolType(AppProtocol.ISO2.namespace(), 2, 0, 2, 1)));
        V2gtpFrame res = c.request(new V2gtpFrame(0x8001, ExiCodec.of(SchemaKind.SAP).encode(req)));
        supportedAppProtocolRes sap = ExiCodec.of(SchemaKind.SAP).decode(res.payload(), supportedAppProtocolRes.class);
        assertEquals(org.secc.exi.apphand.responseCodeType.OK_SuccessfulNegotiation, sap.ResponseCode());
        assertEquals(2, sap.SchemaID());
        return c;
    }

    static V2G_Message request(V2gClient c, byte[] id, BodyElementGroup body) throws Exception {
        ExiCodec iso2 = ExiCodec.of(SchemaKind.ISO2);
        V2gtpFrame res = c.request(new V2gtpFrame(0x8001, iso2.encode(msg(id, body))));
        assertEquals(0x8001, res.payloadType());
        return iso2.decode(res.payload(), V2G_Message.class);
    }

    static responseCodeType code(V2G_Message m) {
        return Iso2SessionTest.code(m.Body().BodyElementGroup());
    }

    /** Runs SessionSetup with {@code id} up to welding detection; returns the SessionID. */
    byte[] chargeUpToWelding(V2gClient c, byte[] id, responseCodeType setupCode) throws Exception {
        V2G_Message r = request(c, id, sessionSetup());
        assertEquals(setupCode, code(r));
        byte[] sid = r.Header().SessionID();
        List<BodyElementGroup> path = List.of(serviceDiscovery(), paymentSelection(paymentOptionType.ExternalPayment, 1), authorization(),
                cpd(), cableCheck(), preCharge(), powerDelivery(chargeProgressType.Start), currentDemand(), currentDemand(),
                powerDelivery(chargeProgressType.Stop), weldingDetection());
        for (BodyElementGroup b : path) {
            V2G_Message m = request(c, sid, b);
            assertEquals(responseCodeType.OK, code(m), b.getClass().getSimpleName());
            assertArrayEquals(sid, m.Header().SessionID());
        }
        return sid;
    }

    @Test
    void wholeDcSessionThenPauseAndResumeOnANewConnection() throws Exception {
        byte[] sid;
        try (V2gClient c = connect()) {
            sid = chargeUpToWelding(c, new byte[] {0}, responseCodeType.OK_NewSessionEstablished);
            assertEquals(2, charge.loops.size());
            assertEquals(responseCodeType.OK, code(request(c, sid, sessionStop(chargingSessionType.Pause))));
        }
        assertFalse(charge.powered);
        assertTrue(paused.present());
        try (V2gClient c = connect()) {
            byte[] again = chargeUpToWelding(c, sid, responseCodeType.OK_OldSessionJoined);
            assertArrayEquals(sid, again);
            assertEquals(4, charge.loops.size());
            assertEquals(responseCodeType.OK, code(request(c, sid, sessionStop(chargingSessionType.Terminate))));
        }
        assertFalse(paused.present());
    }

    @Test
    void sequenceErrorClosesAndTheNextConnectionIsServed() throws Exception {
        try (V2gClient c = connect()) {
            V2G_Message r = request(c, new byte[] {0}, sessionSetup());
            V2G_Message bad = request(c, r.Header().SessionID(), cableCheck());
            assertEquals(responseCodeType.FAILED_SequenceError, code(bad));
            assertTrue(bad.Body().BodyElementGroup() instanceof BodyElementGroup.CableCheckRes);
        }
        assertFalse(charge.powered);
        try (V2gClient c = connect()) {
            assertEquals(responseCodeType.OK_NewSessionEstablished, code(request(c, new byte[] {0}, sessionSetup())));
        }
    }
}
