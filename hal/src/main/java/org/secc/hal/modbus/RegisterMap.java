package org.secc.hal.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A register map: named points with address, type, word order, scale and access. One point per line:
 * <pre>
 * # name = address, type, word order, scale, access
 * present_voltage_v = 100, uint16, big, 0.1, r
 * current_setpoint_a = 201, int32, big, 0.01, rw
 * W = 8, int16, big, sf:W_SF, r          # SunSpec: value = raw × 10^W_SF
 * power_setpoint_w = 22, int32, big, -sf:WSet_SF, rw   # same, sign turned round
 * Mn = 0, string16, big, 1, r            # 16 registers of ASCII
 * </pre>
 * Types: int16, uint16, int32, uint32, float32, stringN (N registers, two ASCII bytes each, NUL
 * padded). Word order for 32-bit values: big (high word first) or little. Scale: a number (value =
 * raw × scale; a negative number turns the sign round) or {@code sf:<point>} / {@code -sf:<point>}
 * (value = ±raw × 10^sf). Points with an {@code sf:} scale follow SunSpec's conventions: the
 * "not implemented" raw values (int16 0x8000, uint16 0xFFFF, int32 0x80000000, uint32 0xFFFFFFFF,
 * and a scale factor of 0x8000) read as NaN.
 */
public final class RegisterMap {
    public enum Type { INT16, UINT16, INT32, UINT32, FLOAT32, STRING }

    private static final Pattern STRING_TYPE = Pattern.compile("string(\\d{1,3})");

    public record Point(String name, int address, Type type, int words, boolean bigWordOrder, double scale,
                        String sfPoint, boolean writable) {
        Point renamed(String newName, String newSf, int newAddress, boolean negate) {
            return new Point(newName, newAddress, type, words, bigWordOrder, negate ? -scale : scale, newSf, writable);
        }

        /** Last register (inclusive). */
        int end() {
            return address + words - 1;
        }
    }

    private final Map<String, Point> points;

    private RegisterMap(Map<String, Point> points) {
        this.points = points;
    }

    public Point point(String name) {
        Point p = points.get(name);
        if (p == null) {
            throw new IllegalArgumentException("register map has no point '" + name + "'");
        }
        return p;
    }

    public boolean has(String name) {
        return points.containsKey(name);
    }

    public Collection<Point> points() {
        return points.values();
    }

    /** Loads a shipped map, e.g. {@code generic-bidir-dc.map} or {@code sunspec/701.map}. */
    public static RegisterMap resource(String name) {
        try (InputStream in = RegisterMap.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no shipped register map " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The longest map file read. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    /** Loads a map file (the format above). */
    public static RegisterMap load(Path file) throws IOException {
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1); // a bound: /dev/zero or a huge file is an error, not OutOfMemoryError
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(file + ": longer than " + MAX_FILE_BYTES + " bytes; a register map is a short text file");
        }
        try {
            return parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static RegisterMap parse(String text) {
        Map<String, Point> m = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = "register map line " + (i + 1) + ": ";
            int eq = line.indexOf('=');
            String[] f = eq < 0 ? new String[0] : line.substring(eq + 1).split(",");
            if (f.length != 5) {
                problems.add(where + "expected 'name = address, type, order, scale, access'");
                continue;
            }
            String name = line.substring(0, eq).strip();
            try {
                int addr = Integer.parseInt(f[0].strip());
                if (addr < 0 || addr > 65535) {
                    throw new IllegalArgumentException("address " + addr + " outside 0..65535");
                }
                String typeName = f[1].strip().toLowerCase();
                Matcher sm = STRING_TYPE.matcher(typeName);
                Type type;
                int words;
                if (sm.matches()) {
                    type = Type.STRING;
                    words = Integer.parseInt(sm.group(1));
                    if (words < 1 || words > J2modBus.MAX_READ) {
                        throw new IllegalArgumentException("string of " + words + " registers; allowed 1.."
                                + J2modBus.MAX_READ);
                    }
                } else {
                    try {
                        type = Type.valueOf(typeName.toUpperCase());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("type '" + typeName
                                + "' (allowed types: int16, uint16, int32, uint32, float32, stringN)");
                    }
                    if (type == Type.STRING) {
                        throw new IllegalArgumentException("a string needs its length in registers, e.g. string16");
                    }
                    words = type == Type.INT16 || type == Type.UINT16 ? 1 : 2;
                }
                if (addr + words - 1 > 65535) {
                    throw new IllegalArgumentException("address " + addr + " + " + words + " registers outside 0..65535");
                }
                String order = f[2].strip();
                if (!order.equals("big") && !order.equals("little")) {
                    throw new IllegalArgumentException("word order '" + order + "'; allowed: big, little");
                }
                String sc = f[3].strip();
                boolean neg = sc.startsWith("-sf:");
                String sf = sc.startsWith("sf:") ? sc.substring(3) : neg ? sc.substring(4) : null;
                double scale = sf == null ? Double.parseDouble(sc) : neg ? -1 : 1;
                String acc = f[4].strip();
                if (!acc.equals("r") && !acc.equals("rw")) {
                    throw new IllegalArgumentException("access '" + acc + "'; allowed: r, rw");
                }
                if (m.containsKey(name)) {
                    throw new IllegalArgumentException("point defined twice");
                }
                m.put(name, new Point(name, addr, type, words, order.equals("big"), scale, sf, acc.equals("rw")));
            } catch (IllegalArgumentException e) {
                problems.add(where + name + ": " + e.getMessage());
            }
        }
        checkSfRefs(m, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new RegisterMap(Map.copyOf(m));
    }

    private static void checkSfRefs(Map<String, Point> m, List<String> problems) {
        for (Point p : m.values()) {
            if (p.sfPoint() != null && !m.containsKey(p.sfPoint())) {
                problems.add("register map: point '" + p.name() + "' refers to missing scale-factor point '" + p.sfPoint() + "'");
            }
        }
    }

    /** The same map moved by {@code offset} registers (SunSpec maps are written relative to the model). */
    public RegisterMap rebase(int offset) {
        Map<String, Point> m = new LinkedHashMap<>();
        for (Point p : points.values()) {
            int a = p.address() + offset;
            if (a < 0 || a + p.words() - 1 > 65535) {
                throw new IllegalArgumentException("point '" + p.name() + "' moved to " + a + " is outside 0..65535");
            }
            m.put(p.name(), p.renamed(p.name(), p.sfPoint(), a, false));
        }
        return new RegisterMap(Map.copyOf(m));
    }

    /** Every point (and scale-factor reference) renamed to {@code prefix + name}, for merging maps. */
    public RegisterMap prefixed(String prefix) {
        Map<String, Point> m = new LinkedHashMap<>();
        for (Point p : points.values()) {
            m.put(prefix + p.name(), p.renamed(prefix + p.name(), p.sfPoint() == null ? null : prefix + p.sfPoint(),
                    p.address(), false));
        }
        return new RegisterMap(Map.copyOf(m));
    }

    /** Points of several maps in one; names must not collide (use {@link #prefixed}). */
    public static RegisterMap merge(RegisterMap... maps) {
        Map<String, Point> m = new LinkedHashMap<>();
        for (RegisterMap map : maps) {
            for (Point p : map.points.values()) {
                if (m.putIfAbsent(p.name(), p) != null) {
                    throw new IllegalArgumentException("point '" + p.name() + "' is in more than one map");
                }
            }
        }
        return new RegisterMap(Map.copyOf(m));
    }

    /**
     * Adds {@code role} as another name of {@code point}; {@code negate} turns the sign round (a
     * SunSpec DER counts power injected into the grid as positive, this project counts charging the
     * EV as positive).
     */
    public RegisterMap alias(String role, String point, boolean negate) {
        Point p = point(point);
        if (points.containsKey(role)) {
            throw new IllegalArgumentException("point '" + role + "' already exists");
        }
        Map<String, Point> m = new LinkedHashMap<>(points);
        m.put(role, p.renamed(role, p.sfPoint(), p.address(), negate));
        return new RegisterMap(Map.copyOf(m));
    }

    /** Reads a point in engineering units. */
    public double read(RegisterBus bus, String name) throws IOException {
        return readAll(bus, List.of(name)).get(name);
    }

    /**
     * Reads several points (and their scale factors) in as few requests as possible: one block read
     * when they all lie within 125 registers, otherwise one read per point.
     */
    public Map<String, Double> readAll(RegisterBus bus, List<String> names) throws IOException {
        List<Point> wanted = new ArrayList<>();
        for (String n : names) {
            Point p = point(n);
            if (p.type() == Type.STRING) {
                throw new IllegalArgumentException("point '" + n + "' is a string; use readString");
            }
            wanted.add(p);
            if (p.sfPoint() != null) {
                wanted.add(point(p.sfPoint()));
            }
        }
        int lo = wanted.stream().mapToInt(Point::address).min().orElse(0);
        int hi = wanted.stream().mapToInt(Point::end).max().orElse(0);
        Map<Integer, Integer> regs = new HashMap<>();
        if (hi - lo + 1 <= J2modBus.MAX_READ) {
            int[] w = bus.readHolding(lo, hi - lo + 1);
            for (int i = 0; i < w.length; i++) {
                regs.put(lo + i, w[i]);
            }
        } else {
            for (Point p : wanted) {
                if (!regs.containsKey(p.address())) {
                    int[] w = bus.readHolding(p.address(), p.words());
                    for (int i = 0; i < w.length; i++) {
                        regs.put(p.address() + i, w[i]);
                    }
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String n : names) {
            Point p = point(n);
            double raw = decode(p, words(regs, p));
            double scale = p.scale();
            if (p.sfPoint() != null) {
                Point sfp = point(p.sfPoint());
                int sfRaw = words(regs, sfp)[0];
                if (notImplemented(p, words(regs, p)) || sfRaw == 0x8000) {
                    raw = Double.NaN;
                }
                out.put(n, Math.signum(p.scale()) * pow10(raw, (short) sfRaw));
                continue;
            }
            out.put(n, raw * scale);
        }
        return out;
    }

    /** raw × 10^sf, dividing for negative sf so that e.g. 5012 × 10^-2 is exactly the double nearest 50.12. */
    static double pow10(double raw, int sf) {
        return sf >= 0 ? raw * Math.pow(10, sf) : raw / Math.pow(10, -sf);
    }

    private static int[] words(Map<Integer, Integer> regs, Point p) {
        int[] w = new int[p.words()];
        for (int i = 0; i < w.length; i++) {
            w[i] = regs.get(p.address() + i);
        }
        return w;
    }

    private static boolean notImplemented(Point p, int[] w) {
        return switch (p.type()) {
            case INT16 -> w[0] == 0x8000;
            case UINT16 -> w[0] == 0xFFFF;
            case INT32 -> (p.bigWordOrder() ? w[0] == 0x8000 && w[1] == 0 : w[1] == 0x8000 && w[0] == 0);
            case UINT32 -> w[0] == 0xFFFF && w[1] == 0xFFFF;
            default -> false;
        };
    }

    /** Reads a string point: ASCII, two characters per register (high byte first), NULs and blanks trimmed. */
    public String readString(RegisterBus bus, String name) throws IOException {
        Point p = point(name);
        if (p.type() != Type.STRING) {
            throw new IllegalArgumentException("point '" + name + "' is not a string");
        }
        int[] w = bus.readHolding(p.address(), p.words());
        StringBuilder sb = new StringBuilder();
        for (int x : w) {
            for (int c : new int[] {(x >> 8) & 0xFF, x & 0xFF}) {
                if (c == 0) {
                    return sb.toString().strip();
                }
                sb.append((char) c);
            }
        }
        return sb.toString().strip();
    }

    /** Writes a point given in engineering units (rounded to the register's resolution). */
    public void write(RegisterBus bus, String name, double value) throws IOException {
        Point p = point(name);
        if (!p.writable()) {
            throw new IllegalArgumentException("point '" + name + "' is read-only");
        }
        if (p.type() == Type.STRING) {
            throw new IllegalArgumentException("point '" + name + "' is a string");
        }
        double scale = p.scale();
        if (p.sfPoint() != null) {
            int sfRaw = bus.readHolding(point(p.sfPoint()).address(), 1)[0];
            if (sfRaw == 0x8000) {
                throw new IOException("scale factor '" + p.sfPoint() + "' of '" + name + "' is not implemented by the device");
            }
            bus.writeHolding(p.address(), encode(p, Math.signum(p.scale()) * pow10(value, -(short) sfRaw)));
            return;
        }
        bus.writeHolding(p.address(), encode(p, value / scale));
    }

    static double decode(Point p, int[] w) {
        switch (p.type()) {
            case INT16:
                return (short) w[0];
            case UINT16:
                return w[0] & 0xFFFF;
            default:
                long hi = p.bigWordOrder() ? w[0] : w[1];
                long lo = p.bigWordOrder() ? w[1] : w[0];
                int bits = (int) (((hi & 0xFFFF) << 16) | (lo & 0xFFFF));
                if (p.type() == Type.INT32) {
                    return bits;
                }
                if (p.type() == Type.UINT32) {
                    return bits & 0xFFFFFFFFL;
                }
                return Float.intBitsToFloat(bits);
        }
    }

    static int[] encode(Point p, double raw) {
        switch (p.type()) {
            case INT16:
                return new int[] {(int) clamp(Math.round(raw), Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFF};
            case UINT16:
                return new int[] {(int) clamp(Math.round(raw), 0, 0xFFFF)};
            default:
                int bits = switch (p.type()) {
                    case INT32 -> (int) clamp(Math.round(raw), Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case UINT32 -> (int) clamp(Math.round(raw), 0, 0xFFFFFFFFL);
                    default -> Float.floatToIntBits((float) raw);
                };
                int hi = (bits >>> 16) & 0xFFFF;
                int lo = bits & 0xFFFF;
                return p.bigWordOrder() ? new int[] {hi, lo} : new int[] {lo, hi};
        }
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
