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
    }

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

    /**
     * @param chip     e.g. {@code /dev/gpiochip0}
     * @param offsets  line offsets on that chip
     * @param output   true: outputs, initially low (inactive); false: inputs
     * @param activeLow whether the lines are active-low (the kernel then inverts values)
     * @param consumer label shown by gpioinfo
     */
    public GpioLines(String chip, int[] offsets, boolean output, boolean activeLow, String consumer) {
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
                | (activeLow ? GpioV2Layout.FLAG_ACTIVE_LOW : 0);
        req.setLong(layout.lineRequest.offset("config") + layout.lineConfig.offset("flags"), flags);
        req.setInt(layout.lineRequest.offset("num_lines"), offsets.length);
        int chipFd = libc().open(chip, O_RDWR | O_CLOEXEC);
        if (chipFd < 0) {
            throw new IllegalStateException("cannot open " + chip + " (errno " + Native.getLastError() + ")");
        }
        try {
            int rc = libc().ioctl(chipFd, new NativeLong(layout.getLineIoctl()), req);
            if (rc < 0) {
                throw new IllegalStateException("GPIO_V2_GET_LINE_IOCTL on " + chip + " failed (errno "
                        + Native.getLastError() + ")");
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

    private long mask() {
        return count == 64 ? -1L : (1L << count) - 1;
    }

    @Override
    public void close() {
        libc().close(lineFd);
    }
}
