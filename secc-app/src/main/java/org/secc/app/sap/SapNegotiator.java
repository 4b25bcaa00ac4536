package org.secc.app.sap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import org.secc.exi.apphand.AppProtocolType;
import org.secc.exi.apphand.responseCodeType;
import org.secc.exi.apphand.supportedAppProtocolReq;
import org.secc.exi.apphand.supportedAppProtocolRes;

/**
 * SupportedAppProtocol negotiation across ISO 15118-20 DC/AC, ISO 15118-2 and DIN SPEC 70121. Pure
 * function of the request, the configured protocol list and whether the connection is TLS; no I/O.
 *
 * <p>The EV's entries are visited by its Priority (1 = highest, [V2G2-172]/[V2G20-167]); the first
 * one whose namespace the SECC offers with the same major version wins and its SchemaID is echoed.
 * The SECC's own order only breaks ties between EV entries of equal priority. Minor-deviation is
 * answered only when the minor version really differs (EVerest #1409).
 *
 * <p>-20 requires TLS ([V2G20-2356]): on a plain TCP connection a -20 entry is skipped while the EV
 * also offers a -2 or DIN entry the SECC speaks, so such a car falls back to -2/DIN. An EV that
 * offers only -20 still gets -20 over TCP (the bench and cars configured for no TLS), unless
 * {@code iso20OverTcp} is false.
 */
public final class SapNegotiator {

    private static final Logger LOG = Logger.getLogger(SapNegotiator.class.getName());

    /** The outcome: the response to send and, on success, the chosen protocol. */
    public record Result(supportedAppProtocolRes response, Optional<AppProtocol> selected) {
        public boolean success() {
            return selected.isPresent();
        }
    }

    private final List<AppProtocol> offered;
    private final boolean iso20OverTcp;

    /** @param offered protocols in SECC preference order (first = preferred on EV priority ties) */
    public SapNegotiator(List<AppProtocol> offered) {
        this(offered, true);
    }

    /**
     * @param offered      protocols in SECC preference order
     * @param iso20OverTcp false: never select -20 on a connection without TLS
     */
    public SapNegotiator(List<AppProtocol> offered, boolean iso20OverTcp) {
        if (offered.isEmpty()) {
            throw new IllegalArgumentException("no protocol offered");
        }
        this.offered = List.copyOf(offered);
        this.iso20OverTcp = iso20OverTcp;
    }

    /** The default preference: -20 DC, -20 AC, then -2, then DIN. */
    public static SapNegotiator defaults() {
        return new SapNegotiator(List.of(AppProtocol.ISO20_DC, AppProtocol.ISO20_AC, AppProtocol.ISO2, AppProtocol.DIN));
    }

    /**
     * Builds the list from a configuration value such as {@code "iso20-dc, iso20-ac, iso2, din"}
     * (order = SECC preference). Names: iso20-dc, iso20-ac, iso2, din.
     */
    public static SapNegotiator fromConfig(String csv) {
        return fromConfig(csv, true);
    }

    public static SapNegotiator fromConfig(String csv, boolean iso20OverTcp) {
        List<AppProtocol> list = new ArrayList<>();
        for (String raw : csv.split(",")) {
            String name = raw.trim().toLowerCase(java.util.Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            AppProtocol p = switch (name) {
                case "iso20-dc" -> AppProtocol.ISO20_DC;
                case "iso20-ac" -> AppProtocol.ISO20_AC;
                case "iso2" -> AppProtocol.ISO2;
                case "din" -> AppProtocol.DIN;
                default -> throw new IllegalArgumentException("unknown protocol " + raw.trim() + " (allowed: iso20-dc, iso20-ac, iso2, din)");
            };
            if (list.contains(p)) {
                throw new IllegalArgumentException("protocol listed twice: " + name);
            }
            list.add(p);
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no protocol listed (allowed: iso20-dc, iso20-ac, iso2, din)");
        }
        return new SapNegotiator(list, iso20OverTcp);
    }

    /**
     * {@link #restrictedTo} for what a connection serves: -20 DC and AC always, DIN and -2 when asked. Computed once
     * per combination and kept: every new connection asks, and the set arithmetic over records (their hashCode and
     * equals run interpreted on so rare a path) cost up to a millisecond before the first answer.
     */
    public SapNegotiator restrictedToIso20And(boolean din, boolean iso2) {
        int k = (din ? 1 : 0) | (iso2 ? 2 : 0);
        SapNegotiator r = restrictions[k]; // a race computes the same immutable value twice at worst
        if (r == null) {
            java.util.Set<AppProtocol> served = new java.util.HashSet<>(java.util.Set.of(AppProtocol.ISO20_DC, AppProtocol.ISO20_AC));
            if (din) {
                served.add(AppProtocol.DIN);
            }
            if (iso2) {
                served.add(AppProtocol.ISO2);
            }
            r = restrictedTo(served);
            restrictions[k] = r;
        }
        return r;
    }

    /** By {@link #restrictedToIso20And}'s key: bit 0 DIN, bit 1 -2. */
    private final SapNegotiator[] restrictions = new SapNegotiator[4];

    /** The same preference without the protocols this charger does not serve on a connection. */
    public SapNegotiator restrictedTo(java.util.Set<AppProtocol> served) {
        List<AppProtocol> l = offered.stream().filter(served::contains).toList();
        return l.equals(offered) ? this : new SapNegotiator(l.isEmpty() ? List.of(AppProtocol.ISO20_DC) : l, iso20OverTcp);
    }

    public List<AppProtocol> offered() {
        return offered;
    }

    /** Negotiation on a TLS connection (every offered protocol is selectable). */
    public Result negotiate(supportedAppProtocolReq req) {
        return negotiate(req, true);
    }

    /** @param tls the connection is TLS: -20 is selectable without restriction */
    public Result negotiate(supportedAppProtocolReq req, boolean tls) {
        List<AppProtocolType> entries = new ArrayList<>(req.AppProtocol());
        // Stable sort: EV priority first, then SECC preference for equal priorities.
        entries.sort(Comparator.comparingInt(AppProtocolType::Priority).thenComparingInt(this::seccRank));
        boolean legacyAvailable = entries.stream().map(this::match).flatMap(Optional::stream).anyMatch(p -> !p.iso20());
        for (AppProtocolType e : entries) {
            Optional<AppProtocol> m = match(e);
            if (m.isEmpty()) {
                continue;
            }
            AppProtocol p = m.get();
            if (p.iso20() && !tls && (legacyAvailable || !iso20OverTcp)) {
                continue; // [V2G20-2356]: -20 only over TLS; the car's -2/DIN entry is taken instead
            }
            responseCodeType code = p.minor() == e.VersionNumberMinor()
                    ? responseCodeType.OK_SuccessfulNegotiation
                    : responseCodeType.OK_SuccessfulNegotiationWithMinorDeviation;
            return new Result(new supportedAppProtocolRes(code, e.SchemaID()), Optional.of(p));
        }
        LOG.info(() -> "SupportedAppProtocol: no match among " + req.AppProtocol().size() + " EV entries" + (tls ? "" : " (no TLS)"));
        // SchemaID left out on failure (XSD-SAP: optional; omitted by EVerest and Josev).
        return new Result(new supportedAppProtocolRes(responseCodeType.Failed_NoNegotiation, null), Optional.empty());
    }

    private Optional<AppProtocol> match(AppProtocolType e) {
        for (AppProtocol p : offered) {
            if (p.namespace().equals(e.ProtocolNamespace()) && p.major() == e.VersionNumberMajor()) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private int seccRank(AppProtocolType e) {
        for (int i = 0; i < offered.size(); i++) {
            if (offered.get(i).namespace().equals(e.ProtocolNamespace())) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
