package org.secc.app.v2g;

import java.net.InetSocketAddress;

/** Sees every V2GTP byte the server exchanges (plaintext, also under TLS); the pcap writer implements it. */
public interface TrafficTap {
    void opened(long connectionId, InetSocketAddress client, InetSocketAddress server);

    /** One whole frame (header + payload) as sent or received. */
    void frame(long connectionId, boolean fromClient, byte[] frameBytes);

    void closed(long connectionId);

    TrafficTap NONE = new TrafficTap() {
        @Override
        public void opened(long id, InetSocketAddress c, InetSocketAddress s) {
        }

        @Override
        public void frame(long id, boolean fromClient, byte[] b) {
        }

        @Override
        public void closed(long id) {
        }
    };
}
