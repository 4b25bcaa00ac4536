package org.secc.app.sap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.secc.exi.apphand.AppProtocolType;
import org.secc.exi.apphand.supportedAppProtocolReq;

/**
 * Every combination of what the charger offers (each non-empty ordered subset of the four protocols),
 * what the EV offers (each non-empty subset, with every assignment of distinct priorities and with
 * all priorities equal) and TLS on/off, checked against the rule written out independently here:
 * the EV's highest-priority entry the charger offers wins; equal priorities go to the charger's
 * order; without TLS a -20 entry is skipped while a -2/DIN entry matches.
 */
class SapTableTest {

    static final List<AppProtocol> ALL = List.of(AppProtocol.ISO20_DC, AppProtocol.ISO20_AC, AppProtocol.ISO2, AppProtocol.DIN);

    record Row(List<AppProtocol> charger, List<AppProtocol> ev, List<Integer> prio, boolean tls) {
        @Override
        public String toString() {
            return "charger " + names(charger) + " ev " + names(ev) + " prio " + prio + (tls ? " tls" : " tcp");
        }
    }

    static String names(List<AppProtocol> l) {
        return l.stream().map(AppProtocol::name).toList().toString();
    }

    static List<Row> rows() {
        List<Row> out = new ArrayList<>();
        List<List<AppProtocol>> chargerLists = new ArrayList<>();
        for (List<AppProtocol> subset : subsets(ALL)) {
            chargerLists.add(subset);
            if (subset.size() > 1) {
                List<AppProtocol> rev = new ArrayList<>(subset);
                java.util.Collections.reverse(rev);
                chargerLists.add(rev);
            }
        }
        for (List<AppProtocol> charger : chargerLists) {
            for (List<AppProtocol> ev : subsets(ALL)) {
                List<List<Integer>> prios = new ArrayList<>(permutations(ev.size()));
                prios.add(java.util.Collections.nCopies(ev.size(), 1));
                for (List<Integer> prio : prios) {
                    for (boolean tls : new boolean[] {true, false}) {
                        out.add(new Row(charger, ev, prio, tls));
                    }
                }
            }
        }
        return out;
    }

    /** About 4 100 rows; one test so that the suite stays quick. */
    @Test
    void everyCombinationChoosesAsSpecified() {
        List<Row> rows = rows();
        assertEquals(4108, rows.size());
        for (Row row : rows) {
            choosesAsSpecified(row);
        }
    }

    static void choosesAsSpecified(Row row) {
        List<AppProtocolType> entries = new ArrayList<>();
        for (int i = 0; i < row.ev.size(); i++) {
            AppProtocol p = row.ev.get(i);
            entries.add(new AppProtocolType(p.namespace(), p.major(), p.minor(), 10 + i, row.prio.get(i)));
        }
        var result = new SapNegotiator(row.charger).negotiate(new supportedAppProtocolReq(entries), row.tls);
        AppProtocol expected = expected(row);
        assertEquals(expected == null ? "none" : expected.name(), result.selected().map(AppProtocol::name).orElse("none"), row.toString());
        if (expected != null) {
            assertEquals(10 + row.ev.indexOf(expected), result.response().SchemaID(), "the EV's SchemaID is echoed");
        } else {
            assertEquals(null, result.response().SchemaID());
        }
    }

    /** The rule, stated the simple way: scan priorities 1.., within one priority the charger's order. */
    static AppProtocol expected(Row row) {
        boolean legacy = row.ev.stream().anyMatch(p -> row.charger.contains(p) && !p.iso20());
        for (int prio = 1; prio <= 20; prio++) {
            for (AppProtocol c : row.charger) {
                int i = row.ev.indexOf(c);
                if (i < 0 || row.prio.get(i) != prio) {
                    continue;
                }
                if (c.iso20() && !row.tls && legacy) {
                    continue;
                }
                return c;
            }
        }
        return null;
    }

    static List<List<AppProtocol>> subsets(List<AppProtocol> all) {
        List<List<AppProtocol>> out = new ArrayList<>();
        for (int mask = 1; mask < 1 << all.size(); mask++) {
            List<AppProtocol> s = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    s.add(all.get(i));
                }
            }
            out.add(s);
        }
        return out;
    }

    static List<List<Integer>> permutations(int n) {
        List<List<Integer>> out = new ArrayList<>();
        permute(new ArrayList<>(), n, out);
        return out;
    }

    private static void permute(List<Integer> prefix, int n, List<List<Integer>> out) {
        if (prefix.size() == n) {
            out.add(List.copyOf(prefix));
            return;
        }
        for (int v = 1; v <= n; v++) {
            if (!prefix.contains(v)) {
                prefix.add(v);
                permute(prefix, n, out);
                prefix.remove(prefix.size() - 1);
            }
        }
    }
}
