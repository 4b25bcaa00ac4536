package org.secc.app.sap;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.secc.exi.apphand.AppProtocolType;
import org.secc.exi.apphand.responseCodeType;
import org.secc.exi.apphand.supportedAppProtocolReq;

class SapNegotiatorTest {

    private static AppProtocolType e(String ns, long maj, long min, int schema, int prio) {
        return new AppProtocolType(ns, maj, min, schema, prio);
    }

    private static final String DC = AppProtocol.ISO20_DC.namespace();
    private static final String AC = AppProtocol.ISO20_AC.namespace();

    /** What a connection serves, computed once per combination: the same as restrictedTo, and the same instance each time. */
    @Test
    void restrictionPerConnectionIsRestrictedToComputedOnce() {
        SapNegotiator all = SapNegotiator.fromConfig("din,iso2,iso20-ac,iso20-dc", true);
        for (boolean din : new boolean[] {false, true}) {
            for (boolean iso2 : new boolean[] {false, true}) {
                java.util.Set<AppProtocol> served = new java.util.HashSet<>(java.util.Set.of(AppProtocol.ISO20_DC, AppProtocol.ISO20_AC));
                if (din) {
                    served.add(AppProtocol.DIN);
                }
                if (iso2) {
                    served.add(AppProtocol.ISO2);
                }
                SapNegotiator r = all.restrictedToIso20And(din, iso2);
                assertEquals(all.restrictedTo(served).offered(), r.offered(), "din " + din + ", iso2 " + iso2);
                assertSame(r, all.restrictedToIso20And(din, iso2));
            }
        }
        assertEquals(List.of(AppProtocol.ISO20_AC, AppProtocol.ISO20_DC), all.restrictedToIso20And(false, false).offered());
    }

    @Test
    void highestEvPriorityWins() {
        var r = SapNegotiator.defaults().negotiate(new supportedAppProtocolReq(List.of(
                e(DC, 1, 0, 1, 2), e(AC, 1, 0, 2, 1))));
        assertEquals(responseCodeType.OK_SuccessfulNegotiation, r.response().ResponseCode());
        assertEquals(2, r.response().SchemaID());
        assertEquals(AppProtocol.ISO20_AC, r.selected().orElseThrow());
    }

    @Test
    void minorDeviationOnlyWhenMinorDiffers() {
        var r = SapNegotiator.defaults().negotiate(new supportedAppProtocolReq(List.of(e(DC, 1, 3, 7, 1))));
        assertEquals(responseCodeType.OK_SuccessfulNegotiationWithMinorDeviation, r.response().ResponseCode());
        assertEquals(7, r.response().SchemaID());
        var same = SapNegotiator.defaults().negotiate(new supportedAppProtocolReq(List.of(e(DC, 1, 0, 7, 1))));
        assertEquals(responseCodeType.OK_SuccessfulNegotiation, same.response().ResponseCode());
    }

    @Test
    void majorMismatchIsSkipped() {
        var r = SapNegotiator.defaults().negotiate(new supportedAppProtocolReq(List.of(
                e(DC, 2, 0, 1, 1), e(AC, 1, 0, 3, 2))));
        assertEquals(AppProtocol.ISO20_AC, r.selected().orElseThrow());
        assertEquals(3, r.response().SchemaID());
    }

    @Test
    void dinAndIso2AreNegotiatedByEvPriority() {
        var r = SapNegotiator.defaults().negotiate(new supportedAppProtocolReq(List.of(
                e(AppProtocol.DIN.namespace(), 2, 0, 1, 1), e(AppProtocol.ISO2.namespace(), 2, 0, 2, 2))), false);
        assertEquals(responseCodeType.OK_SuccessfulNegotiation, r.response().ResponseCode());
        assertEquals(1, r.response().SchemaID());
        assertEquals(AppProtocol.DIN, r.selected().orElseThrow());
    }

    @Test
    void iso20OverTcpOnlyWhenTheEvOffersNothingElse() {
        var req = new supportedAppProtocolReq(List.of(e(DC, 1, 0, 4, 1), e(AppProtocol.DIN.namespace(), 2, 0, 1, 2)));
        assertEquals(AppProtocol.DIN, SapNegotiator.defaults().negotiate(req, false).selected().orElseThrow());
        assertEquals(AppProtocol.ISO20_DC, SapNegotiator.defaults().negotiate(req, true).selected().orElseThrow());
        var only20 = new supportedAppProtocolReq(List.of(e(DC, 1, 0, 4, 1)));
        assertEquals(AppProtocol.ISO20_DC, SapNegotiator.defaults().negotiate(only20, false).selected().orElseThrow());
        assertFalse(SapNegotiator.fromConfig("iso20-dc, din", false).negotiate(only20, false).success());
    }

    @Test
    void equalEvPriorityUsesSeccPreference() {
        var acFirst = SapNegotiator.fromConfig("iso20-ac, iso20-dc");
        var r = acFirst.negotiate(new supportedAppProtocolReq(List.of(e(DC, 1, 0, 1, 1), e(AC, 1, 0, 2, 1))));
        assertEquals(AppProtocol.ISO20_AC, r.selected().orElseThrow());
    }

    @Test
    void configRestrictsOffer() {
        var dcOnly = SapNegotiator.fromConfig("iso20-dc");
        var r = dcOnly.negotiate(new supportedAppProtocolReq(List.of(e(AC, 1, 0, 2, 1))));
        assertEquals(responseCodeType.Failed_NoNegotiation, r.response().ResponseCode());
        assertEquals(List.of(AppProtocol.DIN), SapNegotiator.fromConfig("din").offered());
        assertThrows(IllegalArgumentException.class, () -> SapNegotiator.fromConfig("din, din"));
        assertThrows(IllegalArgumentException.class, () -> SapNegotiator.fromConfig(" , "));
        assertThrows(IllegalArgumentException.class, () -> SapNegotiator.fromConfig("iso20-wpt"));
    }

    @Test
    void emptyRequestFails() {
        var r = SapNegotiator.defaults().negotiate(new supportedAppProtocolReq(List.of()));
        assertEquals(responseCodeType.Failed_NoNegotiation, r.response().ResponseCode());
    }
}
