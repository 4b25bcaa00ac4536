package org.secc.hal.linux;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * A set of GPIO lines of one chip requested through the v2 character-device uAPI
 * ({@code GPIO_V2_GET_LINE_IOCTL} on {@code /dev/gpiochipN}), all inputs or all outputs.
 * Values are read and written as bit masks over the requested lines (bit i = i-th offset).
 */
public final class GpioLines implements DigitalLines {
    private static final Logger LOG = Logger.getLogger(GpioLines.class.getName());
    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;

    interface LibC extends Library {
        int open(String path, int flags);

        int ioctl(int fd, NativeLong request, Pointer arg);

        int close(int fd);

        int ppoll(Pointer fds, NativeLong nfds, Pointer timeout, Pointer sigmask);

        NativeLong read(int fd, Pointer buf, NativeLong count);
    }

    /** Opens {@code GpioLines} (inputs with edge detection through {@link #withEdges}). */
    public static final DigitalLines.Opener OPENER = new DigitalLines.Opener() {
        @Override
        public DigitalLines open(String chip, int[] offsets, boolean output, boolean activeLow, String consumer) {
            return new GpioLines(chip, offsets, output, activeLow, consumer);
        }

        @Override
        public DigitalLines openInputWithEdges(String chip, int[] offsets, boolean activeLow, String consumer) {
            return withEdges(chip, offsets, activeLow, consumer);
        }
    };

    private static final short POLLIN = 0x1;
    private static final short POLLERR = 0x8;
    private static final short POLLHUP = 0x10;
    private static final short POLLNVAL = 0x20;
    private static final int EINTR = 4;
    /** Events drained per read (the kernel's default buffer is 16 per line). */
    private static final int EVENTS_PER_READ = 16;

    private static LibC libc;

    private static synchronized LibC libc() {
        if (libc == null) {
            libc = Native.load("c", LibC.class);
        }
        return libc;
    }

    private final GpioV2Layout layout;
    private final int lineFd;
    private final int count;
    private final boolean edges;

    /**
     * @param chip     e.g. {@code /dev/gpiochip0}
     * @param offsets  line offsets on that chip
     * @param output   true: outputs, initially low (inactive); false: inputs
     * @param activeLow whether the lines are active-low (the kernel then inverts values)
     * @param consumer label shown by gpioinfo
     */
    public GpioLines(String chip, int[] offsets, boolean output, boolean activeLow, String consumer) {
        this(chip, offsets, output, activeLow, consumer, false);
    }

    /**
     * Inputs that report both edges ({@code GPIO_V2_LINE_FLAG_EDGE_RISING | _FALLING}), so that
     * {@link #awaitEdge} wakes on a change instead of a timer. A chip that cannot detect edges on
     * these lines (no interrupt for them) refuses the request: then plain inputs, said once at INFO,
     * and the caller's wait only times out (it polls).
     */
    public static GpioLines withEdges(String chip, int[] offsets, boolean activeLow, String consumer) {
        try {
            return new GpioLines(chip, offsets, false, activeLow, consumer, true);
        } catch (EdgesRefused e) {
            LOG.info(() -> chip + " " + java.util.Arrays.toString(offsets) + " (" + consumer + "): " + e.getMessage()
                    + "; the lines are read by polling");
            return new GpioLines(chip, offsets, false, activeLow, consumer, false);
        }
    }

    /** The kernel refused edge detection on the lines (the plain request may still work). */
    private static final class EdgesRefused extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        EdgesRefused(String m) {
            super(m);
        }
    }

    private GpioLines(String chip, int[] offsets, boolean output, boolean activeLow, String consumer, boolean edges) {
        GpioV2Layout.Abi abi = GpioV2Layout.Abi.current();
        if (abi == null) {
            throw new IllegalStateException("GPIO v2 uAPI layout is only known for x86_64 and aarch64, not "
                    + System.getProperty("os.arch"));
        }
        if (offsets.length == 0 || offsets.length > GpioV2Layout.GPIO_V2_LINES_MAX) {
            throw new IllegalArgumentException("1.." + GpioV2Layout.GPIO_V2_LINES_MAX + " lines, got " + offsets.length);
        }
        this.layout = new GpioV2Layout(abi);
        this.count = offsets.length;
        Memory req = new Memory(layout.lineRequest.size());
        req.clear();
        int base = layout.lineRequest.offset("offsets");
        for (int i = 0; i < offsets.length; i++) {
            req.setInt(base + 4L * i, offsets[i]);
        }
        byte[] label = consumer.getBytes(StandardCharsets.US_ASCII);
        req.write(layout.lineRequest.offset("consumer"), label, 0, Math.min(label.length, GpioV2Layout.GPIO_MAX_NAME_SIZE - 1));
        long flags = (output ? GpioV2Layout.FLAG_OUTPUT : GpioV2Layout.FLAG_INPUT)
                | (activeLow ? GpioV2Layout.FLAG_ACTIVE_LOW : 0)
                | (edges ? GpioV2Layout.FLAG_EDGE_RISING | GpioV2Layout.FLAG_EDGE_FALLING : 0);
        this.edges = edges;
        req.setLong(layout.lineRequest.offset("config") + layout.lineConfig.offset("flags"), flags);
        req.setInt(layout.lineRequest.offset("num_lines"), offsets.length);
        int chipFd = libc().open(chip, O_RDWR | O_CLOEXEC);
        if (chipFd < 0) {
            throw new IllegalStateException("cannot open " + chip + " (errno " + Native.getLastError() + ")");
        }
        try {
            int rc = libc().ioctl(chipFd, new NativeLong(layout.getLineIoctl()), req);
            if (rc < 0) {
                int errno = Native.getLastError();
                if (edges) {
                    throw new EdgesRefused("edge detection refused by GPIO_V2_GET_LINE_IOCTL (errno " + errno + ")");
                }
                throw new IllegalStateException("GPIO_V2_GET_LINE_IOCTL on " + chip + " failed (errno " + errno + ")");
            }
        } finally {
            libc().close(chipFd);
        }
        lineFd = req.getInt(layout.lineRequest.offset("fd"));
        LOG.info(() -> "requested " + offsets.length + " GPIO lines on " + chip + " as " + (output ? "outputs" : "inputs"));
    }

    /** Reads the logical values of all lines (bit i = line i). */
    @Override
    public synchronized long read() {
        Memory v = new Memory(layout.lineValues.size());
        v.clear();
        v.setLong(layout.lineValues.offset("mask"), mask());
        if (libc().ioctl(lineFd, new NativeLong(layout.getValuesIoctl()), v) < 0) {
            throw new IllegalStateException("GPIO_V2_LINE_GET_VALUES_IOCTL failed (errno " + Native.getLastError() + ")");
        }
        return v.getLong(layout.lineValues.offset("bits"));
    }

    /** Writes the logical values of the lines selected by {@code mask}. */
    @Override
    public synchronized void write(long bits, long mask) {
        Memory v = new Memory(layout.lineValues.size());
        v.setLong(layout.lineValues.offset("bits"), bits);
        v.setLong(layout.lineValues.offset("mask"), mask & mask());
        if (libc().ioctl(lineFd, new NativeLong(layout.setValuesIoctl()), v) < 0) {
            throw new IllegalStateException("GPIO_V2_LINE_SET_VALUES_IOCTL failed (errno " + Native.getLastError() + ")");
        }
    }

    @Override
    public boolean signalsEdges() {
        return edges;
    }

    /** Blocks in ppoll(2) on the line fd until an edge event or the timeout; drains the events. */
    @Override
    public boolean awaitEdge(long timeoutNanos) {
        if (!edges) {
            return DigitalLines.super.awaitEdge(timeoutNanos);
        }
        return awaitEvents(lineFd, timeoutNanos, layout.lineEvent.size());
    }

    /**
     * Waits in ppoll(2) until {@code fd} is readable or {@code timeoutNanos} passed, then reads what is
     * there in records of {@code eventSize} bytes (the fd is readable: the read does not block). True
     * when events were read; false on timeout or a signal. An fd in error (closed, hung up) throws.
     */
    static boolean awaitEvents(int fd, long timeoutNanos, int eventSize) {
        Memory pfd = new Memory(8); // struct pollfd { int fd; short events; short revents; }
        pfd.setInt(0, fd);
        pfd.setShort(4, POLLIN);
        pfd.setShort(6, (short) 0);
        Memory ts = new Memory(16); // struct timespec { time_t tv_sec; long tv_nsec; } (LP64)
        long t = Math.max(0, timeoutNanos);
        ts.setLong(0, t / 1_000_000_000L);
        ts.setLong(8, t % 1_000_000_000L);
        int rc = libc().ppoll(pfd, new NativeLong(1), ts, Pointer.NULL);
        if (rc < 0) {
            int errno = Native.getLastError();
            if (errno == EINTR) {
                return false;
            }
            throw new IllegalStateException("ppoll on GPIO line fd failed (errno " + errno + ")");
        }
        if (rc == 0) {
            return false;
        }
        short revents = pfd.getShort(6);
        if ((revents & (POLLERR | POLLHUP | POLLNVAL)) != 0 && (revents & POLLIN) == 0) {
            throw new IllegalStateException("GPIO line fd in error (revents 0x" + Integer.toHexString(revents & 0xFFFF) + ")");
        }
        Memory buf = new Memory((long) eventSize * EVENTS_PER_READ);
        long n = libc().read(fd, buf, new NativeLong(buf.size())).longValue();
        if (n < 0) {
            throw new IllegalStateException("reading GPIO line events failed (errno " + Native.getLastError() + ")");
        }
        return n > 0;
    }

    private long mask() {
        return count == 64 ? -1L : (1L << count) - 1;
    }

    @Override
    public void close() {
        libc().close(lineFd);
    }
}
