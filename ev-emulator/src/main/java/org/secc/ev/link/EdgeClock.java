package org.secc.ev.link;

/** Time at the edge: the runner reads it and waits on it; tests use a fake that never sleeps. */
public interface EdgeClock {
    long nowMs();

    void sleepUntil(long ms) throws InterruptedException;

    EdgeClock SYSTEM = new EdgeClock() {
        @Override
        public long nowMs() {
            return System.currentTimeMillis();
        }

        @Override
        public void sleepUntil(long ms) throws InterruptedException {
            long d = ms - System.currentTimeMillis();
            if (d > 0) {
                Thread.sleep(d);
            }
        }
    };
}
