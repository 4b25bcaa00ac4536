package org.secc.hal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class SysfsTemperaturesTest {
    @TempDir
    Path sys;

    /** A sysfs tree as the kernel lays it out: hwmon chips with name/label files, thermal zones with type. */
    public static void tree(Path sys) throws IOException {
        Path hw0 = Files.createDirectories(sys.resolve("class/hwmon/hwmon0"));
        Files.writeString(hw0.resolve("name"), "ntc_thermistor\n");
        Files.writeString(hw0.resolve("temp1_input"), "41250\n");
        Files.writeString(hw0.resolve("temp1_label"), "connector_dc_plus\n");
        Files.writeString(hw0.resolve("temp2_input"), "39500\n");
        Path hw1 = Files.createDirectories(sys.resolve("class/hwmon/hwmon1"));
        Files.writeString(hw1.resolve("name"), "lm75\n");
        Files.writeString(hw1.resolve("temp1_input"), "-5125\n");
        Path zone = Files.createDirectories(sys.resolve("class/thermal/thermal_zone0"));
        Files.writeString(zone.resolve("type"), "cpu-thermal\n");
        Files.writeString(zone.resolve("temp"), "55000\n");
        Files.createDirectories(sys.resolve("class/thermal/cooling_device0"));
    }

    @Test
    void findsHwmonAndThermalZonesInMillidegrees() throws IOException {
        tree(sys);
        SysfsTemperatures t = new SysfsTemperatures(sys, Set.of());
        var r = t.readC();
        assertEquals(41.25, r.get("ntc_thermistor/connector_dc_plus"), 1e-9);
        assertEquals(39.5, r.get("ntc_thermistor/temp2"), 1e-9);
        assertEquals(-5.125, r.get("lm75/temp1"), 1e-9);
        assertEquals(55.0, r.get("cpu-thermal"), 1e-9);
        assertEquals(4, r.size());
        assertEquals(55.0, t.maxC(), 1e-9);
        Files.writeString(sys.resolve("class/hwmon/hwmon0/temp1_input"), "71000\n");
        assertEquals(71.0, t.readC().get("ntc_thermistor/connector_dc_plus"), 1e-9, "read anew each time");
    }

    @Test
    void selectionKeepsNamedSensorsAndRejectsUnknownOnes() throws IOException {
        tree(sys);
        SysfsTemperatures t = new SysfsTemperatures(sys, Set.of("cpu-thermal", "lm75/temp1"));
        assertEquals(Set.of("cpu-thermal", "lm75/temp1"), t.readC().keySet());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SysfsTemperatures(sys, Set.of("fan/temp9")));
        assertTrue(e.getMessage().contains("fan/temp9") && e.getMessage().contains("cpu-thermal"), e.getMessage());
    }

    @Test
    void unreadableSensorIsNaN() throws IOException {
        tree(sys);
        SysfsTemperatures t = new SysfsTemperatures(sys, Set.of("lm75/temp1"));
        Files.delete(sys.resolve("class/hwmon/hwmon1/temp1_input"));
        assertTrue(Double.isNaN(t.readC().get("lm75/temp1")));
    }
}
