package org.secc.common.systemd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * A Unix datagram socket ({@code AF_UNIX}, {@code SOCK_DGRAM}) through libc: the JDK's channels
 * offer Unix sockets only as streams, while systemd's notification socket is a datagram socket.
 * Addresses are file-system paths or, with a leading {@code @}, names in the abstract namespace
 * (sd_notify(3): "@" stands for the leading NUL byte).
 */
public final class UnixDatagram implements AutoCloseable {

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    /** sizeof(struct sockaddr_un): sa_family_t plus 108 bytes of path. */
    private static final int SUN_PATH = 108;

    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, byte[] addr, int addrlen) throws LastErrorException;

        NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, int addrlen) throws LastErrorException;

        NativeLong recv(int fd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

        int setsockopt(int fd, int level, int name, byte[] value, int len) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final int fd;
    private volatile boolean closed;

    private UnixDatagram(int fd) {
        this.fd = fd;
    }

    /** An unbound socket for sending. */
    public static UnixDatagram open() throws IOException {
        try {
            return new UnixDatagram(LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        } catch (LastErrorException e) {
            throw new IOException("socket(AF_UNIX, SOCK_DGRAM): " + e.getMessage(), e);
        }
    }

    /** A socket bound to {@code address} (a path, or {@code @name} in the abstract namespace), for receiving. */
    public static UnixDatagram bind(String address) throws IOException {
        UnixDatagram s = open();
        byte[] sa = sockaddr(address);
        try {
            LibC.INSTANCE.bind(s.fd, sa, sa.length);
        } catch (LastErrorException e) {
            s.close();
            throw new IOException("bind " + address + ": " + e.getMessage(), e);
        }
        return s;
    }

    /** Sends one datagram to {@code address}; never blocks on a full receiver for long (datagram semantics). */
    public void send(String address, byte[] payload) throws IOException {
        byte[] sa = sockaddr(address);
        try {
            LibC.INSTANCE.sendto(fd, payload, new NativeLong(payload.length), 0, sa, sa.length);
        } catch (LastErrorException e) {
            throw new IOException("sendto " + address + ": " + e.getMessage(), e);
        }
    }

    public void send(String address, String text) throws IOException {
        send(address, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next datagram as UTF-8 text, or empty when none arrived within {@code timeout}. */
    public Optional<String> receive(Duration timeout) throws IOException {
        long us = Math.max(1, timeout.toNanos() / 1000);
        byte[] tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(us / 1_000_000).putLong(us % 1_000_000).array();
        byte[] buf = new byte[4096];
        try {
            LibC.INSTANCE.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, tv.length);
            while (true) {
                try {
                    long n = LibC.INSTANCE.recv(fd, buf, new NativeLong(buf.length), 0).longValue();
                    return Optional.of(new String(buf, 0, (int) n, StandardCharsets.UTF_8));
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == EAGAIN) {
                        return Optional.empty();
                    }
                    if (e.getErrorCode() != EINTR) {
                        throw e;
                    }
                }
            }
        } catch (LastErrorException e) {
            throw new IOException("recv: " + e.getMessage(), e);
        }
    }

    /** struct sockaddr_un for a path or an abstract name; the length counts what the kernel must read. */
    static byte[] sockaddr(String address) {
        if (address == null || address.isEmpty()) {
            throw new IllegalArgumentException("empty Unix socket address");
        }
        boolean abstractName = address.charAt(0) == '@';
        byte[] name = (abstractName ? address.substring(1) : address).getBytes(StandardCharsets.UTF_8);
        // A path needs its NUL terminator; an abstract name has the leading NUL instead.
        if (name.length + 1 > SUN_PATH) {
            throw new IllegalArgumentException("Unix socket address longer than " + (SUN_PATH - 1) + " bytes: " + address);
        }
        byte[] sa = new byte[2 + 1 + name.length];
        ByteBuffer.wrap(sa).order(ByteOrder.nativeOrder()).putShort((short) AF_UNIX);
        System.arraycopy(name, 0, sa, abstractName ? 3 : 2, name.length);
        return sa;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                LibC.INSTANCE.close(fd);
            } catch (LastErrorException e) {
                // nothing left to release
            }
        }
    }
}
