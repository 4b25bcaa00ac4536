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

    /** One request: read whole → handler answered → answer written (nanoTime); {@code first}: the connection's first frame. */
    public record Entry(long readNanos, long handledNanos, long writtenNanos, boolean first) {
    }

    private final long[] ring = new long[CAPACITY * 3];
    private final boolean[] firsts = new boolean[CAPACITY];
    private long count;

    synchronized void record(long read, long handled, long written, boolean first) {
        int i = (int) (count % CAPACITY);
        ring[i * 3] = read;
        ring[i * 3 + 1] = handled;
        ring[i * 3 + 2] = written;
        firsts[i] = first;
        count++;
    }

    /** The frames kept, oldest first. */
    public synchronized java.util.List<Entry> entries() {
        int n = (int) Math.min(count, CAPACITY);
        java.util.List<Entry> out = new java.util.ArrayList<>(n);
        for (long k = count - n; k < count; k++) {
            int i = (int) (k % CAPACITY);
            out.add(new Entry(ring[i * 3], ring[i * 3 + 1], ring[i * 3 + 2], firsts[i]));
        }
        return out;
    }
}
