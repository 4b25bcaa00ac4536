package org.secc.hal.linux;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Byte layouts of the Linux GPIO character-device v2 uAPI structures ({@code linux/gpio.h}),
 * computed with the C layout rules of an ABI (natural alignment; {@code __aligned_u64} is 8-aligned
 * everywhere). x86_64 and aarch64 are both LP64 with 8-byte u64 alignment, so the structures are
 * identical there; the computation is kept explicit so tests can check it per ABI.
 */
public final class GpioV2Layout {
    public static final int GPIO_MAX_NAME_SIZE = 32;
    public static final int GPIO_V2_LINES_MAX = 64;
    public static final int GPIO_V2_LINE_NUM_ATTRS_MAX = 10;

    public static final long FLAG_ACTIVE_LOW = 1L << 1;
    public static final long FLAG_INPUT = 1L << 2;
    public static final long FLAG_OUTPUT = 1L << 3;
    public static final long FLAG_EDGE_RISING = 1L << 4;
    public static final long FLAG_EDGE_FALLING = 1L << 5;
    public static final long FLAG_BIAS_PULL_UP = 1L << 8;
    public static final long FLAG_BIAS_PULL_DOWN = 1L << 9;
    public static final int ATTR_ID_FLAGS = 1;
    public static final int ATTR_ID_OUTPUT_VALUES = 2;
    public static final int ATTR_ID_DEBOUNCE = 3;

    /** The target ABI. */
    public enum Abi {
        X86_64(8), AARCH64(8);

        final int alignedU64;

        Abi(int alignedU64) {
            this.alignedU64 = alignedU64;
        }

        /** The ABI of the running JVM, or null when neither. */
        public static Abi current() {
            String a = System.getProperty("os.arch");
            return switch (a) {
                case "amd64", "x86_64" -> X86_64;
                case "aarch64", "arm64" -> AARCH64;
                default -> null;
            };
        }
    }

    /** A laid-out struct: field offsets and total size. */
    public record Struct(String name, Map<String, Integer> offsets, int size, int align) {
        public int offset(String field) {
            Integer o = offsets.get(field);
            if (o == null) {
                throw new IllegalArgumentException(name + " has no field " + field);
            }
            return o;
        }
    }

    private static final class Builder {
        private final String name;
        private final Map<String, Integer> offsets = new LinkedHashMap<>();
        private int pos;
        private int align = 1;

        Builder(String name) {
            this.name = name;
        }

        Builder field(String f, int size, int fieldAlign) {
            pos = (pos + fieldAlign - 1) / fieldAlign * fieldAlign;
            offsets.put(f, pos);
            pos += size;
            align = Math.max(align, fieldAlign);
            return this;
        }

        Builder struct(String f, Struct s, int count) {
            return field(f, s.size() * count, s.align());
        }

        Struct build() {
            int size = (pos + align - 1) / align * align;
            return new Struct(name, Map.copyOf(offsets), size, align);
        }
    }

    public final Struct lineAttribute;
    public final Struct lineConfigAttribute;
    public final Struct lineConfig;
    public final Struct lineRequest;
    public final Struct lineValues;
    public final Struct lineEvent;

    public GpioV2Layout(Abi abi) {
        int u64 = abi.alignedU64;
        // struct gpio_v2_line_attribute { __u32 id; __u32 padding; union { __aligned_u64 flags;
        //   __aligned_u64 values; __u32 debounce_period_us; }; }
        lineAttribute = new Builder("gpio_v2_line_attribute").field("id", 4, 4).field("padding", 4, 4)
                .field("value", 8, u64).build();
        lineConfigAttribute = new Builder("gpio_v2_line_config_attribute").struct("attr", lineAttribute, 1)
                .field("mask", 8, u64).build();
        lineConfig = new Builder("gpio_v2_line_config").field("flags", 8, u64).field("num_attrs", 4, 4)
                .field("padding", 4 * 5, 4).struct("attrs", lineConfigAttribute, GPIO_V2_LINE_NUM_ATTRS_MAX).build();
        lineRequest = new Builder("gpio_v2_line_request").field("offsets", 4 * GPIO_V2_LINES_MAX, 4)
                .field("consumer", GPIO_MAX_NAME_SIZE, 1).struct("config", lineConfig, 1)
                .field("num_lines", 4, 4).field("event_buffer_size", 4, 4).field("padding", 4 * 5, 4)
                .field("fd", 4, 4).build();
        lineValues = new Builder("gpio_v2_line_values").field("bits", 8, u64).field("mask", 8, u64).build();
        // struct gpio_v2_line_event { __aligned_u64 timestamp_ns; __u32 id; __u32 offset; __u32 seqno;
        //   __u32 line_seqno; __u32 padding[6]; }: what read(2) returns on a line fd with edge detection
        lineEvent = new Builder("gpio_v2_line_event").field("timestamp_ns", 8, u64).field("id", 4, 4).field("offset", 4, 4)
                .field("seqno", 4, 4).field("line_seqno", 4, 4).field("padding", 4 * 6, 4).build();
    }

    /** {@code _IOWR(type, nr, size)} with the generic ioctl encoding used by x86_64 and arm64. */
    public static long iowr(int type, int nr, int size) {
        long dirReadWrite = 3L;
        return (dirReadWrite << 30) | ((long) size << 16) | ((long) type << 8) | nr;
    }

    public long getLineIoctl() {
        return iowr(0xB4, 0x07, lineRequest.size());
    }

    public long setConfigIoctl() {
        return iowr(0xB4, 0x0D, lineConfig.size());
    }

    public long getValuesIoctl() {
        return iowr(0xB4, 0x0E, lineValues.size());
    }

    public long setValuesIoctl() {
        return iowr(0xB4, 0x0F, lineValues.size());
    }
}
