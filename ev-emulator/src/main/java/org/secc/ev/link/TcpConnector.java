package org.secc.ev.link;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TCP or TLS 1.3 connections to an SECC at a host and port. With TLS the server certificate is not
 * verified (bench use: the test PKI is generated per build); the handshake, protocol and cipher are real.
 */
public final class TcpConnector implements Connector {
    private final String host;
    private final int port;
    private final boolean tls;

    public TcpConnector(String host, int port, boolean tls) {
        this.host = host;
        this.port = port;
        this.tls = tls;
    }

    @Override
    public Link connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), 5000);
        if (tls) {
            try {
                SSLContext ctx = benchContext();
                SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(s, host, port, true);
                ssl.setEnabledProtocols(new String[] {"TLSv1.3"}); // [V2G20-1237]: -20 only over TLS 1.3
                ssl.startHandshake();
                s = ssl;
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }
        return new SocketLink(s);
    }

    /** A TLS 1.3 client context that accepts any server chain (bench use). */
    public static SSLContext benchContext() throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLSv1.3");
            ctx.init(null, new TrustManager[] {new BenchTrust()}, null);
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    /** Accepts any server chain: the emulator is a test client, not a production EV. */
    static final class BenchTrust implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            if (chain == null || chain.length == 0) {
                throw new IllegalArgumentException("empty server chain");
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    static final class SocketLink implements Link {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        SocketLink(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        @Override
        public void send(int payloadType, byte[] payload) throws IOException {
            V2gtp.write(out, payloadType, payload);
        }

        @Override
        public Frame receive(long timeoutMs) throws IOException {
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMs)));
            try {
                return V2gtp.read(in);
            } catch (SocketTimeoutException e) {
                return null;
            } catch (java.net.SocketException e) {
                throw new EOFException("connection reset: " + e.getMessage());
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
