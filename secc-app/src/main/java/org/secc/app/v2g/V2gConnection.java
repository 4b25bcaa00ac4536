package org.secc.app.v2g;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.secc.transport.v2gtp.V2gtpFrame;

/** The handler's view of its connection. Thread-safe: timers on other threads may send and close. */
public interface V2gConnection {

    InetSocketAddress remote();

    InetSocketAddress local();

    /** The TLS session (protocol, suite, peer certificates), empty on plain TCP. */
    Optional<SSLSession> tlsSession();

    /** Sends a frame now (unsolicited, e.g. from a timer); one write per frame. */
    void send(V2gtpFrame frame) throws IOException;

    /** Closes the connection; {@link V2gConnectionHandler#onClosed} follows with HANDLER_CLOSED. */
    void close(String why);

    boolean isOpen();
}
