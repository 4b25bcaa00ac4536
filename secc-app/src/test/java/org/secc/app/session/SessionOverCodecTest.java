package org.secc.app.session;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.secc.exi.ExiCodec;
import org.secc.exi.SchemaKind;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.MessageHeaderType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.V2GResponseType;
import org.secc.exi.iso20.types.processingType;
import org.secc.exi.iso20.types.responseCodeType;

/**
 * Drives a DC_BPT Scheduled session (SessionSetup → PreCharge → SessionStop) with every request
 * and every response passing through the EXI codec, so the responses the states build are proven
 * schema-valid (facets enforced on encode) and round-trip unchanged; also every FAILED_SequenceError
 * response type the session builds.
 */
class SessionOverCodecTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RecordingChargeControl charge = new RecordingChargeControl();
    private final V2gSession s = new V2gSession(SessionConfig.defaults(), charge, nanos::get,
            Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));

    private static SchemaKind kindOf(Object m) {
        return m.getClass().getPackageName().endsWith(".dc") ? SchemaKind.DC : SchemaKind.COMMON;
    }

    private V2GResponseType exchange(V2GRequestType req) {
        ExiCodec reqCodec = ExiCodec.of(kindOf(req));
        V2GRequestType decoded = (V2GRequestType) reqCodec.decode(reqCodec.encode(req), req.getClass());
        V2GResponseType res = s.handle(decoded).response().orElseThrow();
        ExiCodec resCodec = ExiCodec.of(kindOf(res));
        byte[] bytes = resCodec.encode(res);
        Object back = resCodec.decode(bytes, res.getClass());
        assertArrayEquals(bytes, resCodec.encode(back), "round trip of " + res.getClass().getSimpleName());
        return res;
    }

    private MessageHeaderType h() {
        return new MessageHeaderType(s.sessionId(), 1_700_000_000L, null);
    }

    private static org.secc.exi.iso20.types.RationalNumberType rn(double x) {
        return RationalNumbers.of(x);
    }

    @Test
    void dcBptScheduledUpToPreChargeThroughCodec() {
        List<V2GResponseType> out = new ArrayList<>();
        out.add(exchange(new SessionSetupReqType(new MessageHeaderType(new byte[8], 1_700_000_000L, null), "WMIV1234567890ABCDEX")));
        out.add(exchange(new AuthorizationSetupReqType(h())));
        out.add(exchange(new AuthorizationReqType(h(), authorizationType.EIM,
                new AuthorizationReqType.AReqAuthorizationMode.EIM_AReqAuthorizationMode(new EIM_AReqAuthorizationModeType()))));
        out.add(exchange(new ServiceDiscoveryReqType(h(), null)));
        out.add(exchange(new ServiceDetailReqType(h(), 6)));
        out.add(exchange(new ServiceSelectionReqType(h(), new SelectedServiceType(6, 1), null)));
        out.add(exchange(new DC_ChargeParameterDiscoveryReqType(h(), new DC_ChargeParameterDiscoveryReqType.DC_CPDReqEnergyTransferModeGroup.BPT_DC_CPDReqEnergyTransferMode(
                new BPT_DC_CPDReqEnergyTransferModeType(rn(100_000), rn(0), rn(250), rn(0), rn(450), rn(200), 80, rn(20_000), rn(0), rn(50), rn(0))))));
        out.add(exchange(new ScheduleExchangeReqType(h(), 12, new ScheduleExchangeReqType.SEReqControlMode.Scheduled_SEReqControlMode(
                new Scheduled_SEReqControlModeType(3600L, rn(40_000), rn(60_000), rn(0), null)))));
        out.add(exchange(new DC_CableCheckReqType(h())));
        out.add(exchange(new DC_PreChargeReqType(h(), processingType.Finished, rn(380), rn(400))));
        out.add(exchange(new SessionStopReqType(h(), chargingSessionType.Terminate, null, null)));
        assertEquals(11, out.size());
        assertTrue(s.ended());
        assertFalse(charge.powered);
    }

    @Test
    void everyBuiltFailedResponseIsSchemaValid() {
        MessageHeaderType hd = new MessageHeaderType(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 1L, null);
        List<V2GRequestType> reqs = List.of(
                new SessionSetupReqType(hd, "X"), new AuthorizationSetupReqType(hd),
                new AuthorizationReqType(hd, authorizationType.EIM, new AuthorizationReqType.AReqAuthorizationMode.EIM_AReqAuthorizationMode(new EIM_AReqAuthorizationModeType())),
                new ServiceDiscoveryReqType(hd, null), new ServiceDetailReqType(hd, 6),
                new ServiceSelectionReqType(hd, new SelectedServiceType(6, 1), null),
                new ScheduleExchangeReqType(hd, 12, new ScheduleExchangeReqType.SEReqControlMode.Scheduled_SEReqControlMode(
                        new Scheduled_SEReqControlModeType(null, null, null, null, null))),
                new DC_CableCheckReqType(hd), new DC_PreChargeReqType(hd, processingType.Ongoing, rn(1), rn(1)),
                new SessionStopReqType(hd, chargingSessionType.Terminate, null, null));
        for (V2GRequestType r : reqs) {
            var res = Responses.failed(r, responseCodeType.FAILED_SequenceError, hd, "ZZ00000").orElseThrow();
            ExiCodec c = ExiCodec.of(kindOf(res));
            assertEquals(res.getClass(), c.decode(c.encode(res), res.getClass()).getClass());
        }
    }
}
