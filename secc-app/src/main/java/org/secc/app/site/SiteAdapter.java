package org.secc.app.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.secc.app.ctl.ControlTarget;
import org.secc.app.policy.CommandResult;
import org.secc.app.policy.CommandSource;
import org.secc.app.policy.ExternalLimit;
import org.secc.app.policy.Mode;
import org.secc.app.policy.PolicyCommand;
import org.secc.app.policy.PolicyStatus;
import org.secc.app.run.ChargePoint;
import org.secc.app.run.ConnectorView;
import org.secc.site.SiteCommand;
import org.secc.site.SitePort;
import org.secc.site.SiteReply;
import org.secc.site.SiteTelemetry;

/**
 * The charger behind the MQTT site interface: commands go into the one command path
 * ({@code PolicyEngine.handle(..., CommandSource.MQTT, now)}), the broker connection is supervised as the
 * {@code mqtt} source's link, and telemetry comes from each connector's {@link ConnectorView} and the policy.
 * Precedence: secc-app/README-grid.md ("Precedence").
 */
public final class SiteAdapter implements SitePort {
    private static final int REMEMBERED_IDS = 1024;

    private final ChargePoint cp;
    private final ControlTarget service;
    private final List<ConnectorView> connectors;
    private final LongSupplier nanos;
    /** Ids of the commands that are not policy commands (reload, clear-trip): applied once as well. */
    private final Map<String, SiteReply> seen = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SiteReply> e) {
            return size() > REMEMBERED_IDS;
        }
    };

    /** @param connectors the per-connector sources of the telemetry, as the service feeds them */
    public SiteAdapter(ChargePoint cp, ControlTarget service, List<ConnectorView> connectors, LongSupplier nanos) {
        this.cp = cp;
        this.service = service;
        this.connectors = List.copyOf(connectors);
        this.nanos = nanos;
    }

    @Override
    public SiteReply execute(SiteCommand c) {
        long now = nanos.getAsLong();
        PolicyCommand pc;
        if (c instanceof SiteCommand.Price p) {
            pc = new PolicyCommand.SetPrice(c.id(), p.perKwh(), p.validityS());
        } else if (c instanceof SiteCommand.Limits l) {
            pc = new PolicyCommand.SetLimits(c.id(), l.importLimitW(), l.exportLimitW(), l.validityS(), l.reason());
        } else if (c instanceof SiteCommand.Dispatch d) {
            pc = new PolicyCommand.Dispatch(c.id(), d.setpointW(), d.validityS(), d.reason());
        } else if (c instanceof SiteCommand.ClearLimits) {
            pc = new PolicyCommand.ClearLimits(c.id());
        } else if (c instanceof SiteCommand.ForceDischarge f) {
            pc = new PolicyCommand.ForceDischarge(c.id(), f.powerW());
        } else if (c instanceof SiteCommand.Manual m) {
            pc = new PolicyCommand.Manual(c.id(), Mode.valueOf(m.mode().toUpperCase(Locale.ROOT)), m.powerW());
        } else if (c instanceof SiteCommand.Auto) {
            pc = new PolicyCommand.Auto(c.id());
        } else if (c instanceof SiteCommand.EmergencyStop) {
            pc = new PolicyCommand.EmergencyStop(c.id());
        } else if (c instanceof SiteCommand.ResetEmergencyStop) {
            pc = new PolicyCommand.ResetEmergencyStop(c.id());
        } else if (c instanceof SiteCommand.Heartbeat) {
            cp.policy().heartbeat(CommandSource.MQTT, now);
            return new SiteReply(c.id(), true, false, "heartbeat received");
        } else {
            return once(c);
        }
        CommandResult r = cp.policy().handle(pc, CommandSource.MQTT, now);
        return new SiteReply(r.id(), r.accepted(), r.duplicate(), r.message());
    }

    /** reload and clear-trip, with the same id rule as policy commands. */
    private synchronized SiteReply once(SiteCommand c) {
        SiteReply prev = seen.get(c.id());
        if (prev != null) {
            return new SiteReply(c.id(), prev.accepted(), true, prev.message());
        }
        SiteReply r;
        try {
            String msg = c instanceof SiteCommand.Reload ? service.reload() : service.clearTrip();
            r = new SiteReply(c.id(), true, false, msg);
        } catch (RuntimeException e) {
            r = SiteReply.rejected(c.id(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
        seen.put(c.id(), r);
        return r;
    }

    @Override
    public void link(boolean up) {
        cp.policy().link(CommandSource.MQTT, up, nanos.getAsLong());
    }

    @Override
    public SiteTelemetry telemetry() {
        PolicyStatus ps = cp.policy().status(nanos.getAsLong());
        List<SiteTelemetry.Connector> cs = new ArrayList<>(connectors.size());
        for (ConnectorView v : connectors) {
            ConnectorView.Reading r = v.read();
            cs.add(new SiteTelemetry.Connector(r.id(), r.lifecycle(), r.lifecycleReason(), r.protocol(), r.sessionState(), r.mode(),
                    r.socPct(), r.voltageV(), r.currentA(), r.powerW(), r.importedWh(), r.exportedWh(), r.chargeLimitW(), r.chargeReason(),
                    r.dischargeLimitW(), r.dischargeReason(), r.trips(), r.faults()));
        }
        List<SiteTelemetry.Limit> limits = new ArrayList<>();
        for (PolicyStatus.Active a : ps.limits()) {
            ExternalLimit x = a.limit();
            limits.add(new SiteTelemetry.Limit(x.source().wire(), x.id(), x.isSetpoint() ? "setpoint" : "limits", x.importLimitW(),
                    x.exportLimitW(), x.setpointW(), x.reason(), a.remainingS()));
        }
        return new SiteTelemetry(List.copyOf(cs), limits, ps.failsafe());
    }
}
