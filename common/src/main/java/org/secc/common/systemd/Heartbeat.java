package org.secc.common.systemd;

/** One supervised thread's sign of life. {@link #tick()} is a volatile write: cheap enough for a 2 ms loop. */
public interface Heartbeat extends AutoCloseable {

    void tick();

    /** The thread ended on purpose: stop judging it. */
    @Override
    void close();

    Heartbeat NONE = new Heartbeat() {
        @Override
        public void tick() {
        }

        @Override
        public void close() {
        }
    };
}
