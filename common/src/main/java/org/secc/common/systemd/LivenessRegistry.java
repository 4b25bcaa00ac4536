package org.secc.common.systemd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/** The registered heartbeats and the judgement of which of them are stalled, on an injected monotonic clock. */
public final class LivenessRegistry implements Liveness {

    private final LongSupplier nanos;
    private final List<Probe> probes = new CopyOnWriteArrayList<>();

    /** @param nanos monotonic clock in nanoseconds ({@code System::nanoTime} in the service) */
    public LivenessRegistry(LongSupplier nanos) {
        this.nanos = nanos;
    }

    @Override
    public Heartbeat register(String name, Duration maxSilence) {
        if (maxSilence.isNegative() || maxSilence.isZero()) {
            throw new IllegalArgumentException("maxSilence of " + name + " must be positive: " + maxSilence);
        }
        Probe p = new Probe(name, maxSilence.toNanos(), nanos.getAsLong());
        probes.add(p);
        return p;
    }

    /** One line per stalled heartbeat ({@code control-pilot silent for 2.31 s}); empty when all are alive. */
    public List<String> stalled(long now) {
        List<String> out = new ArrayList<>(0);
        for (Probe p : probes) {
            long silent = now - p.last;
            if (silent > p.maxSilenceNanos) {
                out.add(String.format(Locale.ROOT, "%s silent for %.2f s", p.name, silent / 1e9));
            }
        }
        return out;
    }

    public List<String> names() {
        return probes.stream().map(p -> p.name).toList();
    }

    private final class Probe implements Heartbeat {
        final String name;
        final long maxSilenceNanos;
        volatile long last;

        Probe(String name, long maxSilenceNanos, long now) {
            this.name = name;
            this.maxSilenceNanos = maxSilenceNanos;
            this.last = now;
        }

        @Override
        public void tick() {
            last = nanos.getAsLong();
        }

        @Override
        public void close() {
            probes.remove(this);
        }
    }
}
