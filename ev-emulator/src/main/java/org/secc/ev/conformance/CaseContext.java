package org.secc.ev.conformance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Service;
import org.secc.transport.v2gtp.V2gClient;

/**
 * What one running case works with: the target, the settings, the charger's identity, a seeded random,
 * and the evidence it collects (trace, timings, wire tap for the pcap). Cases fail through {@link #check}.
 */
public final class CaseContext {
    private final Target target;
    private final Settings settings;
    private final ChargerIdentity identity;
    private final Random random;
    private final LongSupplier clockMs;
    private final WireTap tap;
    private final long t0;
    private final List<TraceEntry> trace = new ArrayList<>();
    private final List<Timing> timings = new ArrayList<>();
    private final List<Conversation> open = new ArrayList<>();
    private int connections;

    public CaseContext(Target target, Settings settings, ChargerIdentity identity, long caseSeed, LongSupplier clockMs, WireTap tap) {
        this.target = target;
        this.settings = settings;
        this.identity = identity;
        this.random = new Random(caseSeed);
        this.clockMs = clockMs;
        this.tap = tap;
        this.t0 = clockMs.getAsLong();
    }

    public Target target() {
        return target;
    }

    public Settings settings() {
        return settings;
    }

    public ChargerIdentity identity() {
        return identity;
    }

    public Random random() {
        return random;
    }

    public long nowMs() {
        return clockMs.getAsLong();
    }

    WireTap tap() {
        return tap;
    }

    /** A new connection with the target's profile. */
    public Conversation connect() throws IOException {
        return adopt(target.open());
    }

    /** Wraps a connection opened by a case itself (TLS probes). */
    public Conversation adopt(V2gClient client) {
        Conversation c = new Conversation(this, client, ++connections);
        open.add(c);
        return c;
    }

    /** A new connection and a valid EV walking it (see {@link Walk}). */
    public Walk walk(Service service, ControlMode mode) throws IOException {
        return new Walk(this, connect(), service, mode);
    }

    /** A new connection and a valid DIN / -2 DC EV walking it (see {@link LegacyWalk}). */
    public LegacyWalk walk(LegacyDialect dialect) throws IOException {
        return new LegacyWalk(this, connect(), dialect);
    }

    /** A DC walk with whatever DC service the charger offers (DC before DC_BPT). */
    public Walk walkDc(ControlMode mode) throws IOException {
        return walk(pick(Service.DC, Service.DC_BPT), mode);
    }

    /** An AC walk with whatever AC service the charger offers (AC before AC_BPT). */
    public Walk walkAc(ControlMode mode) throws IOException {
        return walk(pick(Service.AC, Service.AC_BPT), mode);
    }

    /** The first of {@code preferred} the charger offers; the case is not applicable when it offers none. */
    public Service pick(Service... preferred) {
        for (Service s : preferred) {
            if (identity.energyServices().isEmpty() || identity.offers(s.id)) {
                return s;
            }
        }
        throw new NotApplicable("the charger offers none of " + List.of(preferred) + " (it offers ServiceIDs " + identity.energyServices() + ")");
    }

    public void check(boolean ok, String reason) {
        if (!ok) {
            throw new CaseFailure(reason);
        }
    }

    /** Expected versus observed, for the verdict's reason. */
    public void checkEquals(Object expected, Object observed, String what) {
        if (!java.util.Objects.equals(expected, observed)) {
            throw new CaseFailure(what + ": expected " + expected + ", got " + observed);
        }
    }

    public void note(String text) {
        trace("*", 0, "note", text);
    }

    void trace(String dir, int connection, String name, String detail) {
        trace.add(new TraceEntry(nowMs() - t0, dir, connection, name, detail));
    }

    void timing(Timing t) {
        timings.add(t);
    }

    public List<TraceEntry> traceEntries() {
        return List.copyOf(trace);
    }

    public List<Timing> timings() {
        return List.copyOf(timings);
    }

    /** Closes every connection the case left open. */
    void closeAll() {
        for (Conversation c : open) {
            c.close();
        }
        open.clear();
    }
}
