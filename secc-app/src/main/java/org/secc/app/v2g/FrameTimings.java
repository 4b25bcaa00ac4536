package org.secc.app.v2g;

/**
 * Where a request's time goes inside the charger, for the response-time benchmark and field diagnosis:
 * for each request frame the {@link System#nanoTime()} when it was read whole, when the handler had
 * answered (decode, session, encode) and when the answer was written to the socket. A fixed ring of the
 * last {@link #CAPACITY} frames, allocated once; recording is three stores under a lock nobody else holds
 * for longer (never a wait on the session path).
 */
public final class FrameTimings {
    /** Frames kept. */
    public static final int CAPACITY = 4096;

    /**
     * One request: read whole → handler answered → answer written (nanoTime); {@code first}: the connection's first
     * frame, then {@code acceptedNanos} is when its connection was accepted (else 0).
     */
    public record Entry(long readNanos, long handledNanos, long writtenNanos, boolean first, long acceptedNanos) {
    }

    private final long[] ring = new long[CAPACITY * 4];
    private final boolean[] firsts = new boolean[CAPACITY];
    private long count;

    synchronized void record(long read, long handled, long written, boolean first, long accepted) {
        int i = (int) (count % CAPACITY);
        ring[i * 4] = read;
        ring[i * 4 + 1] = handled;
        ring[i * 4 + 2] = written;
        ring[i * 4 + 3] = first ? accepted : 0;
        firsts[i] = first;
        count++;
    }

    /** The frames kept, oldest first. */
    public synchronized java.util.List<Entry> entries() {
        int n = (int) Math.min(count, CAPACITY);
        java.util.List<Entry> out = new java.util.ArrayList<>(n);
        for (long k = count - n; k < count; k++) {
            int i = (int) (k % CAPACITY);
            out.add(new Entry(ring[i * 4], ring[i * 4 + 1], ring[i * 4 + 2], firsts[i], ring[i * 4 + 3]));
        }
        return out;
    }
}
