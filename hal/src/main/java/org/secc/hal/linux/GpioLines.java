package org.secc.hal.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A set of GPIO lines of one chip, requested through the character device ({@code /dev/gpiochipN},
 * uAPI v2) via JNA: contactor drive (outputs), mirror contacts and emergency stop (inputs).
 */
public final class GpioLines implements AutoCloseable {
    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;

    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int open(String path, int flags) throws LastErrorException;

        int ioctl(int fd, NativeLong request, byte[] arg) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final String what;
    private final int fd;
    private final int count;
    private volatile boolean closed;

    private GpioLines(String what, int fd, int count) {
        this.what = what;
        this.fd = fd;
        this.count = count;
    }

    /** Requests outputs, driven to {@code initialBits} at once (bit i = offsets[i]). */
    public static GpioLines outputs(Path chip, int[] offsets, String consumer, boolean activeLow, long initialBits) throws IOException {
        long flags = GpioV2.FLAG_OUTPUT | (activeLow ? GpioV2.FLAG_ACTIVE_LOW : 0);
        return request(chip, GpioV2.lineRequest(offsets, consumer, flags, initialBits, 0), offsets.length);
    }

    /** Requests inputs with an optional kernel debounce. */
    public static GpioLines inputs(Path chip, int[] offsets, String consumer, boolean activeLow, int debounceUs) throws IOException {
        long flags = GpioV2.FLAG_INPUT | (activeLow ? GpioV2.FLAG_ACTIVE_LOW : 0);
        return request(chip, GpioV2.lineRequest(offsets, consumer, flags, 0, debounceUs), offsets.length);
    }

    private static GpioLines request(Path chip, byte[] req, int count) throws IOException {
        int chipFd;
        try {
            chipFd = LibC.INSTANCE.open(chip.toString(), O_RDWR | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + chip + ": errno " + e.getErrorCode()
                    + (e.getErrorCode() == 13 ? " (permission: add the service user to the gpio group)" : "")
                    + (e.getErrorCode() == 2 ? " (no such GPIO chip; gpio.chip in the configuration)" : ""));
        }
        try {
            LibC.INSTANCE.ioctl(chipFd, new NativeLong(GpioV2.GET_LINE_IOCTL), req);
        } catch (LastErrorException e) {
            throw new IOException("GPIO_V2_GET_LINE on " + chip + " failed: errno " + e.getErrorCode()
                    + (e.getErrorCode() == 16 ? " (a line is in use by another consumer)" : ""));
        } finally {
            LibC.INSTANCE.close(chipFd);
        }
        return new GpioLines(chip.toString(), GpioV2.requestFd(req), count);
    }

    /** Sets the lines selected by {@code mask} to {@code bits} (logical values: active-low is applied by the kernel). */
    public void set(long bits, long mask) throws IOException {
        try {
            LibC.INSTANCE.ioctl(fd, new NativeLong(GpioV2.LINE_SET_VALUES_IOCTL), GpioV2.values(bits, mask));
        } catch (LastErrorException e) {
            throw new IOException("setting GPIO lines of " + what + " failed: errno " + e.getErrorCode());
        }
    }

    /** Reads the lines selected by {@code mask}. */
    public long get(long mask) throws IOException {
        byte[] v = GpioV2.values(0, mask);
        try {
            LibC.INSTANCE.ioctl(fd, new NativeLong(GpioV2.LINE_GET_VALUES_IOCTL), v);
        } catch (LastErrorException e) {
            throw new IOException("reading GPIO lines of " + what + " failed: errno " + e.getErrorCode());
        }
        return GpioV2.bits(v) & mask;
    }

    public int count() {
        return count;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.INSTANCE.close(fd);
        }
    }
}
