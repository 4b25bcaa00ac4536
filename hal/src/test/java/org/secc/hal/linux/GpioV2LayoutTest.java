package org.secc.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPIO v2 uAPI layouts. The numbers are those of linux/gpio.h on x86_64 and aarch64 (identical:
 * every 64-bit member is __aligned_u64 and both use the generic ioctl encoding); where gcc and the
 * kernel headers are present, a C program built here confirms them for this machine.
 */
class GpioV2LayoutTest {
    @TempDir
    Path tmp;

    @Test
    void layoutsMatchTheKernelHeader() {
        assertEquals(16, GpioV2.ATTRIBUTE_SIZE);
        assertEquals(24, GpioV2.CONFIG_ATTRIBUTE_SIZE);
        assertEquals(32, GpioV2.CONFIG_ATTRS);
        assertEquals(272, GpioV2.CONFIG_SIZE);
        assertEquals(256, GpioV2.REQUEST_CONSUMER);
        assertEquals(288, GpioV2.REQUEST_CONFIG);
        assertEquals(560, GpioV2.REQUEST_NUM_LINES);
        assertEquals(564, GpioV2.REQUEST_EVENT_BUFFER_SIZE);
        assertEquals(588, GpioV2.REQUEST_FD);
        assertEquals(592, GpioV2.REQUEST_SIZE);
        assertEquals(16, GpioV2.VALUES_SIZE);
        assertEquals(0xC250B407L, GpioV2.GET_LINE_IOCTL);
        assertEquals(0xC110B40DL, GpioV2.LINE_SET_CONFIG_IOCTL);
        assertEquals(0xC010B40EL, GpioV2.LINE_GET_VALUES_IOCTL);
        assertEquals(0xC010B40FL, GpioV2.LINE_SET_VALUES_IOCTL);
    }

    @Test
    void aCompiledProgramAgreesOnThisMachine() throws Exception {
        Path header = Path.of("/usr/include/linux/gpio.h");
        boolean gcc = new ProcessBuilder("sh", "-c", "command -v gcc").start().waitFor() == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(gcc && Files.exists(header),
                "skipped: gcc or /usr/include/linux/gpio.h (linux-libc-dev) missing; the constants are still checked above");
        Path src = Files.writeString(tmp.resolve("l.c"), String.join("\n",
                "#include <stdio.h>", "#include <stddef.h>", "#include <linux/gpio.h>",
                "int main(void){printf(\"%zu %zu %zu %zu %zu %zu %zu %zu %lx %lx %lx %lx\\n\",",
                " sizeof(struct gpio_v2_line_request), offsetof(struct gpio_v2_line_request, consumer),",
                " offsetof(struct gpio_v2_line_request, config), offsetof(struct gpio_v2_line_request, num_lines),",
                " offsetof(struct gpio_v2_line_request, fd), sizeof(struct gpio_v2_line_config),",
                " offsetof(struct gpio_v2_line_config, attrs), sizeof(struct gpio_v2_line_values),",
                " (unsigned long) GPIO_V2_GET_LINE_IOCTL, (unsigned long) GPIO_V2_LINE_SET_CONFIG_IOCTL,",
                " (unsigned long) GPIO_V2_LINE_GET_VALUES_IOCTL, (unsigned long) GPIO_V2_LINE_SET_VALUES_IOCTL); return 0;}", ""));
        Path exe = tmp.resolve("l");
        Process cc = new ProcessBuilder("gcc", "-o", exe.toString(), src.toString()).redirectErrorStream(true).start();
        assertTrue(cc.waitFor(60, TimeUnit.SECONDS) && cc.exitValue() == 0, new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        Process run = new ProcessBuilder(exe.toString()).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String expected = String.format("%d %d %d %d %d %d %d %d %x %x %x %x", GpioV2.REQUEST_SIZE, GpioV2.REQUEST_CONSUMER,
                GpioV2.REQUEST_CONFIG, GpioV2.REQUEST_NUM_LINES, GpioV2.REQUEST_FD, GpioV2.CONFIG_SIZE, GpioV2.CONFIG_ATTRS,
                GpioV2.VALUES_SIZE, GpioV2.GET_LINE_IOCTL, GpioV2.LINE_SET_CONFIG_IOCTL, GpioV2.LINE_GET_VALUES_IOCTL,
                GpioV2.LINE_SET_VALUES_IOCTL);
        assertEquals(expected, out);
    }

    @Test
    void outputRequestCarriesTheInitialValues() {
        byte[] req = GpioV2.lineRequest(new int[] {17, 27}, "secc-contactors", GpioV2.FLAG_OUTPUT, 0b01, 0);
        ByteBuffer b = ByteBuffer.wrap(req).order(ByteOrder.nativeOrder());
        assertEquals(17, b.getInt(0));
        assertEquals(27, b.getInt(4));
        assertEquals('s', req[GpioV2.REQUEST_CONSUMER]);
        assertEquals(GpioV2.FLAG_OUTPUT, b.getLong(GpioV2.REQUEST_CONFIG));
        assertEquals(1, b.getInt(GpioV2.REQUEST_CONFIG + GpioV2.CONFIG_NUM_ATTRS));
        int attr = GpioV2.REQUEST_CONFIG + GpioV2.CONFIG_ATTRS;
        assertEquals(GpioV2.ATTR_ID_OUTPUT_VALUES, b.getInt(attr));
        assertEquals(0b01, b.getLong(attr + 8));
        assertEquals(0b11, b.getLong(attr + 16), "mask: both lines");
        assertEquals(2, b.getInt(GpioV2.REQUEST_NUM_LINES));
    }

    @Test
    void inputRequestCarriesTheDebounce() {
        byte[] req = GpioV2.lineRequest(new int[] {5}, "secc-mirror", GpioV2.FLAG_INPUT | GpioV2.FLAG_ACTIVE_LOW, 0, 5000);
        ByteBuffer b = ByteBuffer.wrap(req).order(ByteOrder.nativeOrder());
        int attr = GpioV2.REQUEST_CONFIG + GpioV2.CONFIG_ATTRS;
        assertEquals(GpioV2.ATTR_ID_DEBOUNCE, b.getInt(attr));
        assertEquals(5000, b.getInt(attr + 8));
        assertEquals(1, b.getLong(attr + 16));
        assertThrows(IllegalArgumentException.class, () -> GpioV2.lineRequest(new int[0], "x", GpioV2.FLAG_INPUT, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> GpioV2.lineRequest(new int[65], "x", GpioV2.FLAG_INPUT, 0, 0));
    }

    @Test
    void missingChipIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> GpioLines.outputs(tmp.resolve("gpiochip9"), new int[] {1}, "t", false, 0));
        assertTrue(e.getMessage().contains("no such GPIO chip"), e.getMessage());
    }
}
