package org.secc.site.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.secc.site.SiteCommand;
import org.secc.site.SitePort;
import org.secc.site.SiteReply;
import org.secc.site.SiteTelemetry;

/**
 * A charger stand-in for the module's own tests: applies each id once, refuses negative powers, records
 * what it applied and the link changes, and serves a telemetry snapshot the test sets. The whole charger
 * behind the same port is tested in secc-app.
 */
public final class TestPort implements SitePort {
    public final List<SiteCommand> applied = new CopyOnWriteArrayList<>();
    public final List<Boolean> links = new CopyOnWriteArrayList<>();
    private final Map<String, SiteReply> seen = new ConcurrentHashMap<>();
    public final AtomicReference<SiteTelemetry> telemetry = new AtomicReference<>(snapshot(0));

    public static SiteTelemetry snapshot(double powerW) {
        return new SiteTelemetry(List.of(new SiteTelemetry.Connector(1, "energized", "power transfer", "iso15118-20", "DC_ChargeLoop", "charge", 55.5,
                400, powerW / 400, powerW, 120, 0, 11000, "max charge power 11.0 kW", 0, "mode charge", List.of(), List.of())),
                List.of(), List.of());
    }

    @Override
    public synchronized SiteReply execute(SiteCommand c) {
        SiteReply prev = seen.get(c.id());
        if (prev != null) {
            return new SiteReply(c.id(), prev.accepted(), true, prev.message());
        }
        SiteReply r;
        if (c instanceof SiteCommand.ForceDischarge f && f.powerW() <= 0) {
            r = SiteReply.rejected(c.id(), "force-discharge power must be > 0 W");
        } else {
            applied.add(c);
            r = new SiteReply(c.id(), true, false, c.verb() + " applied");
        }
        seen.put(c.id(), r);
        return r;
    }

    @Override
    public void link(boolean up) {
        links.add(up);
    }

    @Override
    public SiteTelemetry telemetry() {
        return telemetry.get();
    }
}
