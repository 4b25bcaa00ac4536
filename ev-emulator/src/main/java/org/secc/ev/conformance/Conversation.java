package org.secc.ev.conformance;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HexFormat;
import org.secc.transport.v2gtp.V2gClient;
import org.secc.exi.ExiCodec;
import org.secc.exi.ExiDecodeException;
import org.secc.exi.ExiDocument;
import org.secc.exi.SchemaKind;
import org.secc.exi.iso20.types.V2GResponseType;
import org.secc.transport.v2gtp.V2gtpException;
import org.secc.transport.v2gtp.V2gtpFrame;

/**
 * One connection of a case to the charger: typed messages and raw bytes out, frames in, each on the
 * case's trace and wire tap, each response timed against its limit. Blocking, one thread.
 */
public final class Conversation implements AutoCloseable {
    /** How long past a response's limit the suite still waits, so that a late answer is reported as late, not missing. */
    static final long GRACE_MS = 1500;

    private final CaseContext ctx;
    private final V2gClient client;
    private final int number;
    private boolean closed;
    private boolean closedByCharger;
    /** The grammar of payload type 0x8001 after SupportedAppProtocol selected DIN or -2 (null: SAP, -20 routing). */
    private SchemaKind selected;
    private byte[] lastHeaderSessionId;

    Conversation(CaseContext ctx, V2gClient client, int number) {
        this.ctx = ctx;
        this.client = client;
        this.number = number;
        ctx.tap().opened(number);
        ctx.trace("*", number, "connected", ctx.target().describe()
                + client.tlsSession().map(s -> " " + s.getProtocol() + " " + s.getCipherSuite()).orElse(""));
    }

    public int number() {
        return number;
    }

    public V2gClient client() {
        return client;
    }

    /**
     * DIN and -2 carry every message after SupportedAppProtocol in payload type 0x8001 like SAP itself:
     * from now on such frames decode with {@code kind} (facts: the grammar is per-connection state after SAP).
     */
    public void selected(SchemaKind kind) {
        this.selected = kind;
    }

    /** Encodes and sends a typed message in one V2GTP frame of its grammar's payload type. */
    public void send(Object message) throws IOException {
        SchemaKind kind = Wire.schemaOf(message);
        byte[] exi = ExiCodec.of(kind).encode(message);
        byte[] frame = new V2gtpFrame(kind.payloadType(), exi).toBytes();
        ctx.trace(">", number, Wire.nameOf(message), Wire.readable(kind, new ExiDocument(ExiCodec.of(kind).rootOf(message), message)));
        write(frame);
    }

    /** Sends bytes exactly as given (malformed EXI, bad V2GTP headers). */
    public void sendRaw(byte[] bytes, String what) throws IOException {
        ctx.trace(">", number, what, HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 64)) + (bytes.length > 64 ? "..." : ""));
        write(bytes);
    }

    private void write(byte[] bytes) throws IOException {
        ctx.tap().sent(number, bytes);
        client.sendRaw(bytes);
    }

    /** What arrived: a decoded message, an undecodable frame, nothing in time, or the charger closed. */
    public sealed interface Received {
        record Message(int payloadType, Object message, long ms) implements Received {
        }

        record Undecodable(int payloadType, String reason, long ms) implements Received {
        }

        record Nothing(long ms) implements Received {
        }

        record Closed(long ms) implements Received {
        }
    }

    /** Waits up to {@code waitMs} for the next frame; {@code sentAtMs} is when the stimulus went out. */
    public Received receive(long sentAtMs, long waitMs) throws IOException {
        long remaining = sentAtMs + waitMs - ctx.nowMs();
        if (closed) {
            return new Received.Closed(ctx.nowMs() - sentAtMs);
        }
        try {
            client.setReadTimeout(Duration.ofMillis(Math.max(1, remaining)));
            V2gtpFrame f = client.receive();
            long ms = ctx.nowMs() - sentAtMs;
            ctx.tap().received(number, f.toBytes());
            SchemaKind kind = f.payloadType() == 0x8001 && selected != null ? selected : Wire.schemaOfPayloadType(f.payloadType());
            if (kind == null) {
                ctx.trace("<", number, String.format("payload type 0x%04x", f.payloadType()), HexFormat.of().formatHex(f.payload()));
                return new Received.Undecodable(f.payloadType(), String.format("payload type 0x%04x", f.payloadType()), ms);
            }
            try {
                ExiDocument doc = ExiCodec.of(kind).decode(f.payload());
                ctx.trace("<", number, Wire.nameOf(doc.value()), Wire.readable(kind, doc) + "  (" + ms + " ms)");
                return new Received.Message(f.payloadType(), doc.value(), ms);
            } catch (ExiDecodeException e) {
                ctx.trace("<", number, "undecodable EXI", e.getMessage() + ": " + HexFormat.of().formatHex(f.payload()));
                return new Received.Undecodable(f.payloadType(), e.getMessage(), ms);
            }
        } catch (SocketTimeoutException e) {
            return new Received.Nothing(ctx.nowMs() - sentAtMs);
        } catch (V2gtpException e) {
            long ms = ctx.nowMs() - sentAtMs;
            if (e.reason() == V2gtpException.Reason.END_OF_STREAM) {
                markClosed(ms);
                return new Received.Closed(ms);
            }
            ctx.trace("<", number, "bad V2GTP frame", e.getMessage());
            markClosed(ms);
            return new Received.Undecodable(-1, "bad V2GTP frame: " + e.getMessage(), ms);
        } catch (java.net.SocketException | javax.net.ssl.SSLException e) {
            long ms = ctx.nowMs() - sentAtMs;
            markClosed(ms);
            return new Received.Closed(ms);
        }
    }

    private void markClosed(long ms) {
        if (!closed) {
            closed = true;
            closedByCharger = true;
            ctx.trace("*", number, "charger closed the connection", "after " + ms + " ms");
            ctx.tap().closed(number, true);
        }
    }

    /**
     * Sends a request and returns its response of type {@code type}, timed against {@code limitMs}.
     * Fails the case when nothing comes, the charger closes, another message comes, or it comes late.
     */
    public <T> T exchange(Object request, Class<T> type, long limitMs) throws IOException {
        long t = ctx.nowMs();
        send(request);
        return expect(Wire.nameOf(request), t, type, limitMs);
    }

    /** The response to a request already sent at {@code sentAtMs}. */
    public <T> T expect(String requestName, long sentAtMs, Class<T> type, long standardLimitMs) throws IOException {
        long limitMs = ctx.settings().limit(standardLimitMs);
        Received r = receive(sentAtMs, limitMs + GRACE_MS);
        String want = type.getSimpleName().replaceAll("Type$", "");
        if (r instanceof Received.Message m) {
            ctx.timing(new Timing(requestName, m.ms(), limitMs));
            Object body = Wire.body(m.message());
            if (!type.isInstance(body)) {
                throw new CaseFailure("expected " + want + " to " + requestName + ", got " + Wire.nameOf(m.message())
                        + codeSuffix(m.message()));
            }
            if (m.ms() > limitMs) {
                throw new CaseFailure(want + " arrived after " + m.ms() + " ms, limit " + limitMs + " ms");
            }
            lastHeaderSessionId = Wire.headerSessionId(m.message());
            return type.cast(body);
        }
        if (r instanceof Received.Undecodable u) {
            throw new CaseFailure("expected " + want + " to " + requestName + ", got " + u.reason());
        }
        if (r instanceof Received.Closed c) {
            throw new CaseFailure("expected " + want + " to " + requestName + ", the charger closed the connection after " + c.ms() + " ms");
        }
        throw new CaseFailure("no " + want + " to " + requestName + " within " + (limitMs + GRACE_MS) + " ms (limit " + limitMs + " ms)");
    }

    static String codeSuffix(Object msg) {
        if (msg instanceof V2GResponseType r) {
            return " (" + r.ResponseCode() + ")";
        }
        if (msg instanceof org.secc.exi.apphand.supportedAppProtocolRes s) {
            return " (" + s.ResponseCode() + ")";
        }
        String code = Wire.responseCode(msg);
        return code == null ? "" : " (" + code + ")";
    }

    /** The header SessionID of the last DIN / -2 response {@link #expect} returned (null for -20 and SAP). */
    public byte[] lastHeaderSessionId() {
        return lastHeaderSessionId == null ? null : lastHeaderSessionId.clone();
    }

    /**
     * Waits until the charger closes the connection; frames that still arrive go on the trace.
     * Returns the milliseconds from {@code sinceMs} to the close, or -1 when it stayed open for {@code maxMs}.
     */
    public long awaitClose(long sinceMs, long maxMs) throws IOException {
        while (true) {
            Received r = receive(sinceMs, maxMs);
            if (r instanceof Received.Closed c) {
                return c.ms();
            }
            if (r instanceof Received.Nothing) {
                return -1;
            }
            if (r instanceof Received.Undecodable u && u.payloadType() == -1) {
                return u.ms();
            }
        }
    }

    public boolean closedByCharger() {
        return closedByCharger;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ctx.trace("*", number, "suite closed the connection", "");
            ctx.tap().closed(number, false);
        }
        try {
            client.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
