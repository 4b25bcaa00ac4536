package org.secc.slac.link;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.secc.slac.MacAddress;

/**
 * Raw Ethernet frames on one Linux interface through an AF_PACKET socket (JNA), bound to the
 * interface by index. Needs CAP_NET_RAW; without it {@link #open} fails with a message that says so.
 */
public final class RawEthernetLink implements PlcLink {
    /** EtherType of HomePlug AV management messages. */
    public static final int ETH_P_HOMEPLUG = 0x88E1;
    /** Every EtherType: for the powerline simulator, which also carries IPv6. */
    public static final int ETH_P_ALL = 0x0003;

    private static final int AF_PACKET = 17;
    private static final int SOCK_RAW = 3;
    private static final int POLLIN = 0x0001;
    private static final int EPERM = 1;
    private static final int EACCES = 13;
    private static final int EINTR = 4;
    private static final int PACKET_OUTGOING = 4;
    private static final int SOCKADDR_LL_SIZE = 20;
    private static final int MAX_FRAME = 1518;

    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, byte[] addr, int addrlen) throws LastErrorException;

        NativeLong send(int fd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

        NativeLong recvfrom(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, IntByReference addrlen) throws LastErrorException;

        int poll(byte[] fds, NativeLong nfds, int timeout) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final String iface;
    private final MacAddress mac;
    private final int fd;
    private final byte[] rx = new byte[MAX_FRAME];
    private final byte[] from = new byte[SOCKADDR_LL_SIZE];
    private final byte[] pollfd = new byte[8];
    private volatile boolean closed;

    private RawEthernetLink(String iface, MacAddress mac, int fd) {
        this.iface = iface;
        this.mac = mac;
        this.fd = fd;
        ByteBuffer.wrap(pollfd).order(ByteOrder.nativeOrder()).putInt(0, fd).putShort(4, (short) POLLIN);
    }

    /** Opens a socket for {@code etherType} frames on {@code iface}; the MAC is read from sysfs. */
    public static RawEthernetLink open(String iface, int etherType) throws IOException {
        Path dev = Path.of("/sys/class/net", iface);
        int index;
        MacAddress mac;
        try {
            index = Integer.parseInt(Files.readString(dev.resolve("ifindex")).trim());
            mac = MacAddress.parse(Files.readString(dev.resolve("address")).trim());
        } catch (NoSuchFileException e) {
            // sysfs shows the network namespace it was mounted in; a thread that entered another
            // namespace (setns) finds its interfaces through the kernel's own interface queries
            java.net.NetworkInterface nif = java.net.NetworkInterface.getByName(iface);
            byte[] hw = nif == null ? null : nif.getHardwareAddress();
            if (hw == null || hw.length != 6) {
                throw new IOException("no network interface " + iface);
            }
            index = nif.getIndex();
            mac = MacAddress.parse(java.util.HexFormat.ofDelimiter(":").formatHex(hw));
        }
        int proto = Short.toUnsignedInt(Short.reverseBytes((short) etherType)); // htons on little- and big-endian alike
        if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN) {
            proto = etherType;
        }
        int fd;
        try {
            fd = LibC.INSTANCE.socket(AF_PACKET, SOCK_RAW, proto);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EPERM || e.getErrorCode() == EACCES) {
                throw new IOException("raw Ethernet on " + iface + " needs CAP_NET_RAW (run as root, `setcap cap_net_raw+ep` the java"
                        + " binary, or AmbientCapabilities=CAP_NET_RAW in the systemd unit)");
            }
            throw new IOException("socket(AF_PACKET) failed: errno " + e.getErrorCode(), e);
        }
        byte[] sll = new byte[SOCKADDR_LL_SIZE];
        ByteBuffer b = ByteBuffer.wrap(sll).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) AF_PACKET);
        b.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) etherType);
        b.order(ByteOrder.nativeOrder()).putInt(4, index);
        try {
            LibC.INSTANCE.bind(fd, sll, SOCKADDR_LL_SIZE);
        } catch (LastErrorException e) {
            LibC.INSTANCE.close(fd);
            throw new IOException("bind to " + iface + " failed: errno " + e.getErrorCode(), e);
        }
        return new RawEthernetLink(iface, mac, fd);
    }

    @Override
    public MacAddress mac() {
        return mac;
    }

    public String iface() {
        return iface;
    }

    @Override
    public void send(byte[] frame) throws IOException {
        if (closed) {
            throw new IOException("link closed");
        }
        try {
            LibC.INSTANCE.send(fd, frame, new NativeLong(frame.length), 0);
        } catch (LastErrorException e) {
            throw new IOException("send on " + iface + " failed: errno " + e.getErrorCode(), e);
        }
    }

    @Override
    public byte[] receive(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!closed) {
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            int ready;
            try {
                ready = LibC.INSTANCE.poll(pollfd, new NativeLong(1), (int) Math.min(left, Integer.MAX_VALUE));
            } catch (LastErrorException e) {
                if (e.getErrorCode() == EINTR) {
                    continue;
                }
                throw new IOException("poll on " + iface + " failed: errno " + e.getErrorCode(), e);
            }
            if (ready <= 0) {
                return null;
            }
            IntByReference len = new IntByReference(SOCKADDR_LL_SIZE);
            long n;
            try {
                n = LibC.INSTANCE.recvfrom(fd, rx, new NativeLong(rx.length), 0, from, len).longValue();
            } catch (LastErrorException e) {
                if (closed) {
                    return null;
                }
                throw new IOException("receive on " + iface + " failed: errno " + e.getErrorCode(), e);
            }
            if ((from[10] & 0xFF) == PACKET_OUTGOING) {
                continue; // our own frame, seen by a socket bound to every EtherType
            }
            return Arrays.copyOf(rx, (int) n);
        }
        return null;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.INSTANCE.close(fd);
        }
    }
}
