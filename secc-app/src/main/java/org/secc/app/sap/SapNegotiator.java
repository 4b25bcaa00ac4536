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
 * SupportedAppProtocol negotiation (secc-app/README-session.md, "SupportedAppProtocol"). Pure function of the request and the
 * configured protocol list; no I/O.
 *
 * <p>The EV's entries are visited by its Priority (1 = highest); the first one whose namespace the
 * SECC supports with the same major version wins ([V2G20-167]). The SECC's own order only breaks
 * ties between EV entries of equal priority. Minor-deviation is answered only when the minor
 * version really differs (EVerest #1409).
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

    /** @param offered protocols in SECC preference order (first = preferred on EV priority ties) */
    public SapNegotiator(List<AppProtocol> offered) {
        this.offered = List.copyOf(offered);
    }

    /** The default: -20 DC, -20 AC supported; -2 and DIN recognised, not supported. */
    public static SapNegotiator defaults() {
        return new SapNegotiator(List.of(AppProtocol.ISO20_DC, AppProtocol.ISO20_AC, AppProtocol.ISO2, AppProtocol.DIN));
    }

    /**
     * Builds the list from a configuration value such as {@code "iso20-dc,iso20-ac"} (order = SECC
     * preference). Names: iso20-dc, iso20-ac, iso2, din.
     */
    public static SapNegotiator fromConfig(String csv) {
        List<AppProtocol> list = new ArrayList<>();
        for (String raw : csv.split(",")) {
            String name = raw.trim().toLowerCase(java.util.Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            list.add(switch (name) {
                case "iso20-dc" -> AppProtocol.ISO20_DC;
                case "iso20-ac" -> AppProtocol.ISO20_AC;
                case "iso2" -> AppProtocol.ISO2;
                case "din" -> AppProtocol.DIN;
                default -> throw new IllegalArgumentException("unknown protocol in sap.protocols: " + raw.trim());
            });
        }
        if (list.stream().noneMatch(AppProtocol::supported)) {
            throw new IllegalArgumentException("sap.protocols offers no supported protocol: " + csv);
        }
        return new SapNegotiator(list);
    }

    public List<AppProtocol> offered() {
        return offered;
    }

    public Result negotiate(supportedAppProtocolReq req) {
        List<AppProtocolType> entries = new ArrayList<>(req.AppProtocol());
        // Stable sort: EV priority first, then SECC preference for equal priorities.
        entries.sort(Comparator.comparingInt(AppProtocolType::Priority).thenComparingInt(this::seccRank));
        for (AppProtocolType e : entries) {
            for (AppProtocol p : offered) {
                if (p.supported() && p.namespace().equals(e.ProtocolNamespace()) && p.major() == e.VersionNumberMajor()) {
                    responseCodeType code = p.minor() == e.VersionNumberMinor()
                            ? responseCodeType.OK_SuccessfulNegotiation
                            : responseCodeType.OK_SuccessfulNegotiationWithMinorDeviation;
                    return new Result(new supportedAppProtocolRes(code, e.SchemaID()), Optional.of(p));
                }
            }
        }
        LOG.info(() -> "SupportedAppProtocol: no match among " + req.AppProtocol().size() + " EV entries");
        // SchemaID left out on failure (secc-app/README-session.md, "SupportedAppProtocol").
        return new Result(new supportedAppProtocolRes(responseCodeType.Failed_NoNegotiation, null), Optional.empty());
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
