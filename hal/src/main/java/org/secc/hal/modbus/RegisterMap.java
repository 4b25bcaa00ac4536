package org.secc.hal.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A register map: named points with address, type, word order, scale and access. One point per line:
 * <pre>
 * # name = address, type, word order, scale, access
 * present_voltage_v = 100, uint16, big, 0.1, r
 * current_setpoint_a = 201, int32, big, 0.01, rw
 * w = 40083, int16, big, sf:w_sf, r      # SunSpec: scale factor 10^register w_sf
 * </pre>
 * Types: int16, uint16, int32, uint32, float32. Word order for 32-bit values: big (high word first)
 * or little. Scale: a number (value = raw × scale) or {@code sf:<point>} (value = raw × 10^sf).
 */
public final class RegisterMap {
    public enum Type { INT16, UINT16, INT32, UINT32, FLOAT32 }

    public record Point(String name, int address, Type type, boolean bigWordOrder, double scale, String sfPoint,
                        boolean writable) {
        public int words() {
            return type == Type.INT16 || type == Type.UINT16 ? 1 : 2;
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

    /** Loads a shipped map, e.g. {@code generic-bidir-dc.map}. */
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
                Type type = Type.valueOf(f[1].strip().toUpperCase());
                String order = f[2].strip();
                if (!order.equals("big") && !order.equals("little")) {
                    throw new IllegalArgumentException("word order '" + order + "'; allowed: big, little");
                }
                String sc = f[3].strip();
                String sf = sc.startsWith("sf:") ? sc.substring(3) : null;
                double scale = sf == null ? Double.parseDouble(sc) : 1;
                String acc = f[4].strip();
                if (!acc.equals("r") && !acc.equals("rw")) {
                    throw new IllegalArgumentException("access '" + acc + "'; allowed: r, rw");
                }
                m.put(name, new Point(name, addr, type, order.equals("big"), scale, sf, acc.equals("rw")));
            } catch (IllegalArgumentException e) {
                problems.add(where + name + ": " + e.getMessage()
                        + (e.getMessage() != null && e.getMessage().contains("No enum") ? " (allowed types: int16, uint16, int32, uint32, float32)" : ""));
            }
        }
        for (Point p : m.values()) {
            if (p.sfPoint() != null && !m.containsKey(p.sfPoint())) {
                problems.add("register map: point '" + p.name() + "' refers to missing scale-factor point '" + p.sfPoint() + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new RegisterMap(Map.copyOf(m));
    }

    /** Reads a point in engineering units. */
    public double read(RegisterBus bus, String name) throws IOException {
        Point p = point(name);
        int[] w = bus.readHolding(p.address(), p.words());
        double raw = decode(p, w);
        double scale = p.scale();
        if (p.sfPoint() != null) {
            scale = Math.pow(10, read(bus, p.sfPoint()));
        }
        return raw * scale;
    }

    /** Writes a point given in engineering units (rounded to the register's resolution). */
    public void write(RegisterBus bus, String name, double value) throws IOException {
        Point p = point(name);
        if (!p.writable()) {
            throw new IllegalArgumentException("point '" + name + "' is read-only");
        }
        double scale = p.sfPoint() != null ? Math.pow(10, read(bus, p.sfPoint())) : p.scale();
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
