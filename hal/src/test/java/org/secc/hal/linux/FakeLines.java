package org.secc.hal.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * In-memory digital lines for tests: GPIO character devices cannot be had in this build environment
 * (no gpio-sim), so the GPIO part is tested behind {@link DigitalLines}; {@link GpioLines} itself
 * is covered by the ABI layout tests.
 */
public final class FakeLines implements DigitalLines {
    public final String chip;
    public final int[] offsets;
    public final boolean output;
    public final boolean activeLow;
    public final String consumer;
    public volatile long bits;
    public volatile boolean closed;
    public volatile boolean failing;

    public FakeLines(String chip, int[] offsets, boolean output, boolean activeLow, String consumer) {
        this.chip = chip;
        this.offsets = offsets.clone();
        this.output = output;
        this.activeLow = activeLow;
        this.consumer = consumer;
    }

    @Override
    public long read() {
        if (failing) {
            throw new IllegalStateException("GPIO_V2_LINE_GET_VALUES_IOCTL failed (errno 5)");
        }
        return bits;
    }

    @Override
    public void write(long b, long mask) {
        bits = (bits & ~mask) | (b & mask);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** An opener that records every request. */
    public static final class Opener implements DigitalLines.Opener {
        public final List<FakeLines> opened = new ArrayList<>();

        @Override
        public synchronized DigitalLines open(String chip, int[] offsets, boolean output, boolean activeLow,
                                              String consumer) {
            FakeLines l = new FakeLines(chip, offsets, output, activeLow, consumer);
            opened.add(l);
            return l;
        }

        public FakeLines byConsumer(String consumer) {
            return opened.stream().filter(l -> l.consumer.equals(consumer)).findFirst().orElseThrow();
        }
    }
}
