package org.secc.app.v2g;

import java.util.List;
import org.secc.transport.v2gtp.V2gtpFrame;

/**
 * What the session plugs into the V2GTP server: one instance per TCP/TLS connection, called from
 * that connection's thread only. Keep work per frame small; the server writes the returned frames
 * in order, each as one write.
 */
public interface V2gConnectionHandler {

    /** A well-formed frame arrived; return the frames to send in answer (often one, may be empty). */
    List<V2gtpFrame> onFrame(V2gtpFrame in);

    /**
     * Called after the frames {@link #onFrame} returned were written: work the answer need not wait for
     * (log lines, status). Same thread as {@code onFrame}.
     */
    default void afterSend() {
    }

    /** The connection is gone (called exactly once, also after {@link V2gConnection#close}). */
    void onClosed(CloseReason reason);

    /** Creates the handler of a new connection; the connection lets the handler send unsolicited frames and close. */
    @FunctionalInterface
    interface Factory {
        V2gConnectionHandler open(V2gConnection connection);
    }
}
