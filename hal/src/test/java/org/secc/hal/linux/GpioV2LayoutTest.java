package org.secc.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.secc.testsupport.Prerequisites.require;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GpioV2LayoutTest {

    /** Sizes and offsets as documented in linux/gpio.h (the 592-byte request is stated there too). */
    @ParameterizedTest
    @EnumSource(GpioV2Layout.Abi.class)
    void layoutsMatchTheKernelHeader(GpioV2Layout.Abi abi) {
        GpioV2Layout l = new GpioV2Layout(abi);
        assertEquals(16, l.lineAttribute.size());
        assertEquals(8, l.lineAttribute.offset("value"));
        assertEquals(24, l.lineConfigAttribute.size());
        assertEquals(16, l.lineConfigAttribute.offset("mask"));
        assertEquals(272, l.lineConfig.size());
        assertEquals(8, l.lineConfig.offset("num_attrs"));
        assertEquals(32, l.lineConfig.offset("attrs"));
        assertEquals(592, l.lineRequest.size());
        assertEquals(256, l.lineRequest.offset("consumer"));
        assertEquals(288, l.lineRequest.offset("config"));
        assertEquals(560, l.lineRequest.offset("num_lines"));
        assertEquals(564, l.lineRequest.offset("event_buffer_size"));
        assertEquals(588, l.lineRequest.offset("fd"));
        assertEquals(16, l.lineValues.size());
        assertEquals(8, l.lineValues.offset("mask"));
        assertEquals(48, l.lineEvent.size());
        assertEquals(16, l.lineEvent.offset("seqno"));
        assertEquals(0xC250B407L, l.getLineIoctl());
        assertEquals(0xC110B40DL, l.setConfigIoctl());
        assertEquals(0xC010B40EL, l.getValuesIoctl());
        assertEquals(0xC010B40FL, l.setValuesIoctl());
    }

    /** Compiles a C program against the installed linux/gpio.h and compares every number. */
    @Test
    void matchesGccOnThisMachine(@TempDir Path dir) throws IOException, InterruptedException {
        GpioV2Layout.Abi abi = GpioV2Layout.Abi.current();
        require(abi != null, "not x86_64/aarch64");
        require(Files.exists(Path.of("/usr/include/linux/gpio.h")), "linux-libc-dev not installed (no linux/gpio.h)");
        Path src = dir.resolve("l.c");
        Files.writeString(src, String.join("\n",
                "#include <stdio.h>", "#include <stddef.h>", "#include <linux/gpio.h>",
                "#define P(n, v) printf(\"%s %lu\\n\", n, (unsigned long)(v))",
                "int main(void) {",
                "P(\"req\", sizeof(struct gpio_v2_line_request));",
                "P(\"req.consumer\", offsetof(struct gpio_v2_line_request, consumer));",
                "P(\"req.config\", offsetof(struct gpio_v2_line_request, config));",
                "P(\"req.num_lines\", offsetof(struct gpio_v2_line_request, num_lines));",
                "P(\"req.fd\", offsetof(struct gpio_v2_line_request, fd));",
                "P(\"cfg\", sizeof(struct gpio_v2_line_config));",
                "P(\"cfg.num_attrs\", offsetof(struct gpio_v2_line_config, num_attrs));",
                "P(\"cfg.attrs\", offsetof(struct gpio_v2_line_config, attrs));",
                "P(\"cattr\", sizeof(struct gpio_v2_line_config_attribute));",
                "P(\"attr\", sizeof(struct gpio_v2_line_attribute));",
                "P(\"vals\", sizeof(struct gpio_v2_line_values));",
                "P(\"vals.mask\", offsetof(struct gpio_v2_line_values, mask));",
                "P(\"event\", sizeof(struct gpio_v2_line_event));",
                "P(\"event.seqno\", offsetof(struct gpio_v2_line_event, seqno));",
                "P(\"EDGE_RISING\", GPIO_V2_LINE_FLAG_EDGE_RISING);",
                "P(\"EDGE_FALLING\", GPIO_V2_LINE_FLAG_EDGE_FALLING);",
                "P(\"GET_LINE\", GPIO_V2_GET_LINE_IOCTL);",
                "P(\"SET_VALUES\", GPIO_V2_LINE_SET_VALUES_IOCTL);",
                "P(\"GET_VALUES\", GPIO_V2_LINE_GET_VALUES_IOCTL);",
                "return 0; }", ""));
        Path exe = dir.resolve("l");
        Process cc;
        try {
            cc = new ProcessBuilder("gcc", "-o", exe.toString(), src.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            require(false, "gcc not available: " + e.getMessage());
            return;
        }
        require(cc.waitFor(60, TimeUnit.SECONDS) && cc.exitValue() == 0, "gcc failed: "
                + new String(cc.getInputStream().readAllBytes()));
        Process run = new ProcessBuilder(exe.toString()).start();
        Map<String, Long> c = new HashMap<>();
        for (String line : new String(run.getInputStream().readAllBytes()).split("\n")) {
            String[] kv = line.split(" ");
            c.put(kv[0], Long.parseLong(kv[1]));
        }
        run.waitFor(10, TimeUnit.SECONDS);
        GpioV2Layout l = new GpioV2Layout(abi);
        for (var e : List.of(
                Map.entry("req", (long) l.lineRequest.size()),
                Map.entry("req.consumer", (long) l.lineRequest.offset("consumer")),
                Map.entry("req.config", (long) l.lineRequest.offset("config")),
                Map.entry("req.num_lines", (long) l.lineRequest.offset("num_lines")),
                Map.entry("req.fd", (long) l.lineRequest.offset("fd")),
                Map.entry("cfg", (long) l.lineConfig.size()),
                Map.entry("cfg.num_attrs", (long) l.lineConfig.offset("num_attrs")),
                Map.entry("cfg.attrs", (long) l.lineConfig.offset("attrs")),
                Map.entry("cattr", (long) l.lineConfigAttribute.size()),
                Map.entry("attr", (long) l.lineAttribute.size()),
                Map.entry("vals", (long) l.lineValues.size()),
                Map.entry("vals.mask", (long) l.lineValues.offset("mask")),
                Map.entry("event", (long) l.lineEvent.size()),
                Map.entry("event.seqno", (long) l.lineEvent.offset("seqno")),
                Map.entry("EDGE_RISING", GpioV2Layout.FLAG_EDGE_RISING),
                Map.entry("EDGE_FALLING", GpioV2Layout.FLAG_EDGE_FALLING),
                Map.entry("GET_LINE", l.getLineIoctl()),
                Map.entry("SET_VALUES", l.setValuesIoctl()),
                Map.entry("GET_VALUES", l.getValuesIoctl()))) {
            assertEquals(c.get(e.getKey()), e.getValue(), e.getKey());
        }
    }

    @Test
    void gpioLinesOnMissingChipIsAClearError() {
        require(GpioV2Layout.Abi.current() != null, "not x86_64/aarch64");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new GpioLines("/dev/gpiochip-does-not-exist", new int[] {1}, true, false, "secc"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("cannot open"));
    }
}
