package org.secc.hal.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.secc.hal.thermal.Temperatures;

/**
 * Temperatures from Linux sysfs, found once at construction under a configurable root
 * ({@code /sys} on a board, a temporary directory in tests):
 * <ul>
 * <li>hwmon: {@code class/hwmon/hwmonN/tempK_input}, millidegrees Celsius, named
 * {@code <name>/<tempK_label>} (or {@code <name>/tempK} without a label file), where
 * {@code <name>} is the chip's {@code name} file;</li>
 * <li>thermal zones: {@code class/thermal/thermal_zoneN/temp}, millidegrees, named after the
 * zone's {@code type} file.</li>
 * </ul>
 * {@code selected} keeps only the named sensors (empty = all); a selected name that is not found is
 * an error at construction. A sensor that cannot be read reports NaN (the caller's thermal limit
 * must treat an unknown temperature as too hot).
 */
public final class SysfsTemperatures implements Temperatures {
    private static final Logger LOG = Logger.getLogger(SysfsTemperatures.class.getName());

    private final Map<String, Path> sensors;

    public SysfsTemperatures(Path sysfsRoot, Set<String> selected) {
        Map<String, Path> found = new TreeMap<>();
        for (Path hw : list(sysfsRoot.resolve("class/hwmon"), "hwmon*")) {
            String chip = text(hw.resolve("name")).orElse(hw.getFileName().toString());
            for (Path input : list(hw, "temp*_input")) {
                String n = input.getFileName().toString();
                String base = n.substring(0, n.length() - "_input".length());
                String label = text(hw.resolve(base + "_label")).orElse(base);
                put(found, chip + "/" + label, input);
            }
        }
        for (Path zone : list(sysfsRoot.resolve("class/thermal"), "thermal_zone*")) {
            if (Files.exists(zone.resolve("temp"))) {
                put(found, text(zone.resolve("type")).orElse(zone.getFileName().toString()), zone.resolve("temp"));
            }
        }
        Map<String, Path> kept = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        if (selected.isEmpty()) {
            kept.putAll(found);
        } else {
            for (String s : selected) {
                if (found.containsKey(s)) {
                    kept.put(s, found.get(s));
                } else {
                    missing.add(s);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("temperature sensors " + missing + " not found under " + sysfsRoot
                    + "; found: " + found.keySet());
        }
        this.sensors = Map.copyOf(kept);
        LOG.info(() -> "temperature sensors: " + kept.keySet());
    }

    /** Sensor names this instance reads. */
    public Set<String> names() {
        return new TreeMap<>(sensors).keySet();
    }

    @Override
    public Map<String, Double> readC() {
        Map<String, Double> out = new TreeMap<>();
        sensors.forEach((name, path) -> out.put(name, text(path).map(SysfsTemperatures::milli).orElse(Double.NaN)));
        return out;
    }

    private static double milli(String s) {
        try {
            return Long.parseLong(s) / 1000.0;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static void put(Map<String, Path> m, String name, Path p) {
        String n = name;
        for (int i = 2; m.containsKey(n); i++) {
            n = name + "#" + i; // two chips with the same name
        }
        m.put(n, p);
    }

    private static List<Path> list(Path dir, String glob) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(null);
        return out;
    }

    private static java.util.Optional<String> text(Path p) {
        try {
            return java.util.Optional.of(Files.readString(p, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
