package org.secc.hal.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The Linux GPIO character-device uAPI v2 ({@code linux/gpio.h}): struct layouts computed from the
 * field sizes and the kernel's alignment rules, ioctl numbers from the generic {@code _IOWR} encoding.
 * Every 64-bit member is {@code __aligned_u64}, so the layout is the same on x86_64, aarch64 and
 * 32-bit ARM; the ioctl encoding is the generic one on all three.
 */
public final class GpioV2 {
    private GpioV2() {
    }

    public static final int LINES_MAX = 64;
    public static final int NUM_ATTRS_MAX = 10;
    public static final int MAX_NAME_SIZE = 32;

    // struct gpio_v2_line_attribute { u32 id; u32 padding; union { aligned_u64 flags, values; u32 debounce_period_us; } }
    public static final int ATTRIBUTE_SIZE = 4 + 4 + 8;
    // struct gpio_v2_line_config_attribute { attribute attr; aligned_u64 mask; }
    public static final int CONFIG_ATTRIBUTE_SIZE = ATTRIBUTE_SIZE + 8;
    // struct gpio_v2_line_config { aligned_u64 flags; u32 num_attrs; u32 padding[5]; config_attribute attrs[10]; }
    public static final int CONFIG_FLAGS = 0;
    public static final int CONFIG_NUM_ATTRS = 8;
    public static final int CONFIG_ATTRS = 8 + 4 + 5 * 4;
    public static final int CONFIG_SIZE = CONFIG_ATTRS + NUM_ATTRS_MAX * CONFIG_ATTRIBUTE_SIZE;
    // struct gpio_v2_line_request { u32 offsets[64]; char consumer[32]; config; u32 num_lines; u32 event_buffer_size; u32 padding[5]; s32 fd; }
    public static final int REQUEST_OFFSETS = 0;
    public static final int REQUEST_CONSUMER = LINES_MAX * 4;
    public static final int REQUEST_CONFIG = REQUEST_CONSUMER + MAX_NAME_SIZE;
    public static final int REQUEST_NUM_LINES = REQUEST_CONFIG + CONFIG_SIZE;
    public static final int REQUEST_EVENT_BUFFER_SIZE = REQUEST_NUM_LINES + 4;
    public static final int REQUEST_FD = REQUEST_EVENT_BUFFER_SIZE + 4 + 5 * 4;
    public static final int REQUEST_SIZE = REQUEST_FD + 4;
    // struct gpio_v2_line_values { aligned_u64 bits; aligned_u64 mask; }
    public static final int VALUES_SIZE = 16;

    public static final long FLAG_ACTIVE_LOW = 1L << 1;
    public static final long FLAG_INPUT = 1L << 2;
    public static final long FLAG_OUTPUT = 1L << 3;
    public static final long FLAG_EDGE_RISING = 1L << 4;
    public static final long FLAG_EDGE_FALLING = 1L << 5;
    public static final long FLAG_OPEN_DRAIN = 1L << 6;
    public static final long FLAG_BIAS_PULL_UP = 1L << 8;
    public static final long FLAG_BIAS_PULL_DOWN = 1L << 9;

    public static final int ATTR_ID_FLAGS = 1;
    public static final int ATTR_ID_OUTPUT_VALUES = 2;
    public static final int ATTR_ID_DEBOUNCE = 3;

    private static final int GPIO_IOCTL_TYPE = 0xB4;

    /** {@code _IOWR(type, nr, size)}: direction read|write (3) in bits 30-31, size in 16-29, type in 8-15, nr in 0-7. */
    static long iowr(int nr, int size) {
        return (3L << 30) | ((long) size << 16) | ((long) GPIO_IOCTL_TYPE << 8) | nr;
    }

    public static final long GET_LINE_IOCTL = iowr(0x07, REQUEST_SIZE);
    public static final long LINE_SET_CONFIG_IOCTL = iowr(0x0D, CONFIG_SIZE);
    public static final long LINE_GET_VALUES_IOCTL = iowr(0x0E, VALUES_SIZE);
    public static final long LINE_SET_VALUES_IOCTL = iowr(0x0F, VALUES_SIZE);

    /**
     * A line request: {@code offsets} with {@code flags}; for outputs, {@code initialBits} (bit i =
     * line offsets[i]) through an OUTPUT_VALUES attribute; for inputs, an optional debounce.
     */
    public static byte[] lineRequest(int[] offsets, String consumer, long flags, long initialBits, int debounceUs) {
        if (offsets.length == 0 || offsets.length > LINES_MAX) {
            throw new IllegalArgumentException("1-64 lines per request");
        }
        ByteBuffer b = ByteBuffer.allocate(REQUEST_SIZE).order(ByteOrder.nativeOrder());
        for (int i = 0; i < offsets.length; i++) {
            b.putInt(REQUEST_OFFSETS + 4 * i, offsets[i]);
        }
        byte[] name = consumer.getBytes(StandardCharsets.US_ASCII);
        b.put(REQUEST_CONSUMER, name, 0, Math.min(name.length, MAX_NAME_SIZE - 1));
        b.putLong(REQUEST_CONFIG + CONFIG_FLAGS, flags);
        long all = offsets.length == 64 ? -1L : (1L << offsets.length) - 1;
        int attrs = 0;
        if ((flags & FLAG_OUTPUT) != 0) {
            int a = REQUEST_CONFIG + CONFIG_ATTRS + attrs++ * CONFIG_ATTRIBUTE_SIZE;
            b.putInt(a, ATTR_ID_OUTPUT_VALUES);
            b.putLong(a + 8, initialBits & all);
            b.putLong(a + ATTRIBUTE_SIZE, all);
        }
        if ((flags & FLAG_INPUT) != 0 && debounceUs > 0) {
            int a = REQUEST_CONFIG + CONFIG_ATTRS + attrs++ * CONFIG_ATTRIBUTE_SIZE;
            b.putInt(a, ATTR_ID_DEBOUNCE);
            b.putInt(a + 8, debounceUs);
            b.putLong(a + ATTRIBUTE_SIZE, all);
        }
        b.putInt(REQUEST_CONFIG + CONFIG_NUM_ATTRS, attrs);
        b.putInt(REQUEST_NUM_LINES, offsets.length);
        return b.array();
    }

    public static byte[] values(long bits, long mask) {
        return ByteBuffer.allocate(VALUES_SIZE).order(ByteOrder.nativeOrder()).putLong(0, bits).putLong(8, mask).array();
    }

    public static long bits(byte[] values) {
        return ByteBuffer.wrap(values).order(ByteOrder.nativeOrder()).getLong(0);
    }

    /** The file descriptor of the requested lines that the kernel fills in. */
    public static int requestFd(byte[] request) {
        return ByteBuffer.wrap(request).order(ByteOrder.nativeOrder()).getInt(REQUEST_FD);
    }
}
