package org.secc.app.charge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.secc.common.json.Json;

/**
 * The energy registers of every connector on disk: one small JSON file in the service's state
 * directory, {@code {"format":1,"connectors":{"1":{"imported_wh":..,"exported_wh":..}}}}. Crash-safe:
 * written to a temporary file in the same directory, forced to the device, renamed over the old one
 * (atomic on POSIX file systems) and the directory forced, so after a power cut the file is either the
 * old or the new version, never a mix.
 */
public final class EnergyRegisterFile {
    private static final Logger LOG = Logger.getLogger(EnergyRegisterFile.class.getName());
    /** The file holds a few numbers; anything bigger is not ours and is not read into memory. */
    static final int MAX_BYTES = 16 * 1024;
    public static final String NAME = "energy-registers.json";

    private final Path file;

    public EnergyRegisterFile(Path stateDir) {
        this.file = stateDir.resolve(NAME);
    }

    public Path path() {
        return file;
    }

    /**
     * The saved registers per connector; empty for a new device. A file that cannot be read as
     * registers is reported in one log line and set aside ({@code .bad}), and the registers start at
     * zero: telemetry is no reason to refuse service.
     */
    public Map<Integer, EnergyRegisters.Values> load() {
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            LOG.severe("energy registers " + file + " unreadable (" + e.getMessage() + "); counting from 0");
            return Map.of();
        }
        try {
            if (b.length > MAX_BYTES) {
                throw new IllegalArgumentException("longer than " + MAX_BYTES + " bytes");
            }
            return parse(new String(b, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            Path aside = file.resolveSibling(NAME + ".bad");
            LOG.severe("energy registers " + file + " invalid (" + e.getMessage() + "); set aside as " + aside + ", counting from 0");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException x) {
                LOG.warning("cannot set aside " + file + ": " + x.getMessage());
            }
            return Map.of();
        }
    }

    static Map<Integer, EnergyRegisters.Values> parse(String text) {
        Object root = Json.parse(text);
        if (!(root instanceof Map<?, ?> m) || !Integer.valueOf(1).equals(asInt(m.get("format")))
                || !(m.get("connectors") instanceof Map<?, ?> cs)) {
            throw new IllegalArgumentException("not {\"format\":1,\"connectors\":{...}}");
        }
        Map<Integer, EnergyRegisters.Values> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : cs.entrySet()) {
            int id;
            try {
                id = Integer.parseInt((String) e.getKey());
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException("connector '" + e.getKey() + "' is not a number");
            }
            if (id < 1 || id > 255 || !(e.getValue() instanceof Map<?, ?> v) || !(v.get("imported_wh") instanceof Number i)
                    || !(v.get("exported_wh") instanceof Number x)) {
                throw new IllegalArgumentException("connector " + e.getKey() + ": needs imported_wh and exported_wh");
            }
            out.put(id, new EnergyRegisters.Values(i.doubleValue(), x.doubleValue()));
        }
        return out;
    }

    private static Integer asInt(Object o) {
        return o instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : null;
    }

    /** Writes the registers of every connector: temporary file, force, rename, force the directory. */
    public void save(Map<Integer, EnergyRegisters.Values> registers) throws IOException {
        Map<String, Object> cs = new LinkedHashMap<>();
        new TreeMap<>(registers).forEach((id, v) -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("imported_wh", v.importedWh());
            o.put("exported_wh", v.exportedWh());
            cs.put(Integer.toString(id), o);
        });
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", 1);
        root.put("connectors", cs);
        byte[] bytes = (Json.compact(root) + "\n").getBytes(StandardCharsets.UTF_8);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, NAME, ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the rename itself on the device
        } catch (IOException e) {
            // some file systems cannot open a directory for force; the rename is still atomic
        }
    }
}
