package org.secc.transport.v2gtp;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.secc.transport.tls.ClientAuth;
import org.secc.transport.tls.Tls;
import org.secc.transport.tls.TlsProfile;

/**
 * The EV side of a V2GTP connection over TCP or TLS 1.3. Blocking; one instance per connection,
 * used from one thread (sending from another thread is allowed).
 */
public final class V2gClient implements Closeable {
    private static final Logger LOG = Logger.getLogger(V2gClient.class.getName());

    private final Socket socket;
    private final V2gtpFrameReader reader;
    private final V2gtpFrameWriter writer;

    private V2gClient(Socket socket, int maxPayload) throws IOException {
        this.socket = socket;
        V2gtpCodec codec = new V2gtpCodec(maxPayload);
        this.reader = new V2gtpFrameReader(socket.getInputStream(), codec);
        this.writer = new V2gtpFrameWriter(socket.getOutputStream(), codec);
    }

    /** Plain TCP (only for -2/DIN or bench links that allow it; -20 requires TLS, [V2G20-1235]). */
    public static V2gClient connectTcp(InetSocketAddress server, Duration timeout, int maxPayload) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(server, (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            return new V2gClient(s, maxPayload);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /**
     * TLS with the given context and profile; the handshake completes before this returns. The
     * timeout bounds connect, handshake and every later read.
     */
    public static V2gClient connectTls(InetSocketAddress server, SSLContext ctx, TlsProfile profile,
                                       Duration timeout, int maxPayload) throws IOException {
        Socket raw = new Socket();
        try {
            raw.setTcpNoDelay(true);
            raw.connect(server, (int) timeout.toMillis());
            raw.setSoTimeout((int) timeout.toMillis());
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw,
                    server.getHostString(), server.getPort(), true);
            Tls.configure(s, profile, false, ClientAuth.NONE);
            s.startHandshake();
            SSLSession sess = s.getSession();
            LOG.fine(() -> "TLS up with " + server + ": " + sess.getProtocol() + " " + sess.getCipherSuite());
            return new V2gClient(s, maxPayload);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    public void send(V2gtpFrame frame) throws IOException {
        writer.write(frame);
    }

    /** Writes raw bytes as they are (fault injection: garbage, wrong headers). */
    public void sendRaw(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Blocks for the next frame, at most the configured timeout ({@link java.net.SocketTimeoutException}). */
    public V2gtpFrame receive() throws IOException, V2gtpException {
        return reader.read();
    }

    public V2gtpFrame request(V2gtpFrame req) throws IOException, V2gtpException {
        send(req);
        return receive();
    }

    public void setReadTimeout(Duration d) throws IOException {
        socket.setSoTimeout((int) d.toMillis());
    }

    /** The TLS session, empty on plain TCP. */
    public Optional<SSLSession> tlsSession() {
        return socket instanceof SSLSocket s ? Optional.of(s.getSession()) : Optional.empty();
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
