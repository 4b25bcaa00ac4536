package org.secc.app.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.secc.ev.conformance.Wire;
import org.secc.exi.ExiCodec;
import org.secc.exi.SchemaKind;
import org.secc.transport.v2gtp.V2gtpCodec;
import org.secc.transport.v2gtp.V2gtpException;
import org.secc.transport.v2gtp.V2gtpFrame;
import org.secc.transport.v2gtp.V2gtpFrameReader;

/**
 * A deliberately misbehaving charger for the suite's negative self-tests: a TCP front on ::1 that
 * relays every connection to the real charger and breaks exactly one thing on the way back: a
 * response code, a SchemaID, the timing of a response, or the connection's end. The EV's bytes pass
 * unchanged (so malformed input still reaches the charger).
 */
final class MisbehavingCharger implements AutoCloseable {

    /** What goes wrong. {@code message} is a response element name ({@code *} for any). */
    record Mutation(Kind kind, String message, String from, String to, long delayMs) {
        enum Kind { CODE, SCHEMA_ID, LATE, HOLD_OPEN, CLOSE_AFTER }

        /** Rewrites the ResponseCode of {@code message} (only when it is {@code from}, if given) to {@code to}. */
        static Mutation code(String message, String from, String to) {
            return new Mutation(Kind.CODE, message, from, to, 0);
        }

        static Mutation code(String message, String to) {
            return code(message, null, to);
        }

        /** Any FAILED_SequenceError becomes OK: the charger accepts requests out of sequence. */
        static Mutation acceptsOutOfSequence() {
            return code("*", "FAILED_SequenceError", "OK");
        }

        static Mutation schemaId() {
            return new Mutation(Kind.SCHEMA_ID, "supportedAppProtocolRes", null, null, 0);
        }

        /** Holds each {@code message} back {@code ms} before forwarding it. */
        static Mutation late(String message, long ms) {
            return new Mutation(Kind.LATE, message, null, null, ms);
        }

        /** Never closes the EV's side when the charger closes: the charger "never times out, never drops". */
        static Mutation holdOpen() {
            return new Mutation(Kind.HOLD_OPEN, "*", null, null, 0);
        }

        /** Closes the EV's side right after forwarding {@code message}. */
        static Mutation closeAfter(String message) {
            return new Mutation(Kind.CLOSE_AFTER, message, null, null, 0);
        }

        /** The word the failing case's reason must contain to be a clear reason. */
        String evidence() {
            return switch (kind) {
                case CODE -> to;
                case SCHEMA_ID -> "SchemaID";
                case LATE -> "limit";
                case HOLD_OPEN -> "open";
                case CLOSE_AFTER -> "closed";
            };
        }
    }

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Mutation mutation;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Socket> sockets = new ArrayList<>();
    private final Thread acceptor;
    /** DIN / -2: the grammar of every 0x8001 frame after the SAP response (null: -20 routing by payload type). */
    private final SchemaKind afterSap;

    MisbehavingCharger(InetSocketAddress upstream, Mutation mutation) throws IOException {
        this(upstream, mutation, null);
    }

    MisbehavingCharger(InetSocketAddress upstream, Mutation mutation, SchemaKind afterSap) throws IOException {
        this.upstream = upstream;
        this.mutation = mutation;
        this.afterSap = afterSap;
        this.listener = new ServerSocket(0, 16, InetAddress.getByName("::1"));
        this.acceptor = new Thread(this::accept, "misbehaving-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!stopped.get()) {
            try {
                Socket ev = listener.accept();
                Socket secc = new Socket(upstream.getAddress(), upstream.getPort());
                synchronized (sockets) {
                    sockets.add(ev);
                    sockets.add(secc);
                }
                start("misbehaving-up", () -> up(ev, secc));
                start("misbehaving-down", () -> down(secc, ev));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    /** EV to charger: bytes as they come; the EV's close closes both. */
    private void up(Socket ev, Socket secc) {
        byte[] buf = new byte[8192];
        try (InputStream in = ev.getInputStream(); OutputStream out = secc.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // either side went away
        } finally {
            quiet(secc);
            quiet(ev);
        }
    }

    /** Charger to EV: frame by frame, the mutation applied. */
    private void down(Socket secc, Socket ev) {
        try {
            V2gtpFrameReader reader = new V2gtpFrameReader(secc.getInputStream(), new V2gtpCodec());
            OutputStream out = ev.getOutputStream();
            boolean sapSeen = false;
            while (true) {
                V2gtpFrame f = reader.read();
                SchemaKind kind = sapSeen && afterSap != null && f.payloadType() == 0x8001 ? afterSap : Wire.schemaOfPayloadType(f.payloadType());
                sapSeen = true;
                byte[] payload = f.payload();
                String name = "";
                if (kind != null) {
                    Object msg = ExiCodec.of(kind).decode(payload).value();
                    name = Wire.nameOf(msg);
                    Object changed = mutate(name, msg);
                    if (changed != msg) {
                        payload = ExiCodec.of(kind).encode(changed);
                    }
                }
                if (mutation.kind() == Mutation.Kind.LATE && matches(name)) {
                    Thread.sleep(mutation.delayMs());
                }
                out.write(new V2gtpFrame(f.payloadType(), payload).toBytes());
                out.flush();
                if (mutation.kind() == Mutation.Kind.CLOSE_AFTER && matches(name)) {
                    quiet(ev);
                    quiet(secc);
                    return;
                }
            }
        } catch (IOException | V2gtpException | RuntimeException e) {
            // the charger closed (or sent what the front cannot read): pass the close on unless told not to
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        quiet(secc);
        if (mutation.kind() != Mutation.Kind.HOLD_OPEN) {
            quiet(ev);
        }
    }

    private boolean matches(String name) {
        return mutation.message().equals("*") || mutation.message().equals(name);
    }

    private Object mutate(String name, Object msg) {
        if (!matches(name)) {
            return msg;
        }
        return switch (mutation.kind()) {
            case CODE -> msg.getClass().getSimpleName().equals("V2G_Message") ? withBodyCode(msg, mutation.from(), mutation.to())
                    : withComponent(msg, "ResponseCode", mutation.from(), mutation.to());
            case SCHEMA_ID -> msg instanceof org.secc.exi.apphand.supportedAppProtocolRes r && r.SchemaID() != null
                    ? new org.secc.exi.apphand.supportedAppProtocolRes(r.ResponseCode(), r.SchemaID() + 1) : msg;
            default -> msg;
        };
    }

    /** A DIN / -2 V2G_Message whose body's ResponseCode is {@code to} (if it was {@code from}): body, group, Body and message rebuilt. */
    static Object withBodyCode(Object msg, String from, String to) {
        Object body = Wire.body(msg);
        Object changed = withComponent(body, "ResponseCode", from, to);
        if (changed == body) {
            return msg;
        }
        try {
            Object bodyType = Wire.get(msg, "Body");
            Object group = Wire.get(bodyType, "BodyElementGroup");
            Object newGroup = group.getClass().getDeclaredConstructor(body.getClass()).newInstance(changed);
            Object newBody = bodyType.getClass().getDeclaredConstructors()[0].newInstance(newGroup);
            return msg.getClass().getDeclaredConstructors()[0].newInstance(Wire.get(msg, "Header"), newBody);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record with its enum component {@code component} set to the constant {@code to} (if it was {@code from}). */
    static Object withComponent(Object rec, String component, String from, String to) {
        try {
            RecordComponent[] rc = rec.getClass().getRecordComponents();
            Object[] args = new Object[rc.length];
            Class<?>[] types = new Class<?>[rc.length];
            boolean changed = false;
            for (int i = 0; i < rc.length; i++) {
                types[i] = rc[i].getType();
                args[i] = rc[i].getAccessor().invoke(rec);
                if (rc[i].getName().equals(component) && types[i].isEnum() && (from == null || String.valueOf(args[i]).equals(from))) {
                    for (Object c : types[i].getEnumConstants()) {
                        if (((Enum<?>) c).name().equals(to)) {
                            args[i] = c;
                            changed = true;
                        }
                    }
                }
            }
            return changed ? rec.getClass().getDeclaredConstructor(types).newInstance(args) : rec;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void quiet(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        stopped.set(true);
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        synchronized (sockets) {
            sockets.forEach(MisbehavingCharger::quiet);
        }
    }
}
