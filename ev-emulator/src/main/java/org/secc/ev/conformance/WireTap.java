package org.secc.ev.conformance;

/** Sees every byte the suite puts on or takes off a connection (the per-case pcap). */
public interface WireTap {
    void opened(int connection);

    void sent(int connection, byte[] bytes);

    void received(int connection, byte[] bytes);

    void closed(int connection, boolean byCharger);

    WireTap NONE = new WireTap() {
        @Override
        public void opened(int connection) {
        }

        @Override
        public void sent(int connection, byte[] bytes) {
        }

        @Override
        public void received(int connection, byte[] bytes) {
        }

        @Override
        public void closed(int connection, boolean byCharger) {
        }
    };
}
