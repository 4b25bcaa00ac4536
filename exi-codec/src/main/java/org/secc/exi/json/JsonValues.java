package org.secc.exi.json;

import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Conversions used by the generated JSON mapping; every failure is an IllegalArgumentException naming the path. */
public final class JsonValues {
    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private JsonValues() {
    }

    public static IllegalArgumentException bad(String path, String what) {
        return new IllegalArgumentException("JSON " + path + ": " + what);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> obj(Object o, String path) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw bad(path, "expected an object");
    }

    @SuppressWarnings("unchecked")
    public static List<Object> arr(Object o, String path) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw bad(path, "expected an array");
    }

    public static void keys(Map<String, Object> m, Set<String> allowed, String path) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw bad(path, "unknown key \"" + k + "\"");
            }
        }
    }

    public static Object req(Map<String, Object> m, String key, String path) {
        Object o = m.get(key);
        if (o == null) {
            throw bad(path, "missing \"" + key + "\"");
        }
        return o;
    }

    public static String str(Object o, String path) {
        if (o instanceof String s) {
            return s;
        }
        throw bad(path, "expected a string");
    }

    public static boolean bool(Object o, String path) {
        if (o instanceof Boolean b) {
            return b;
        }
        throw bad(path, "expected true or false");
    }

    public static long lng(Object o, long min, long max, String path) {
        if (o instanceof Long l && l >= min && l <= max) {
            return l;
        }
        throw bad(path, "expected an integer in [" + min + ", " + max + "]");
    }

    public static long ulng(Object o, String path) {
        if (o instanceof Long l && l >= 0) {
            return l;
        }
        if (o instanceof BigInteger b && b.signum() >= 0 && b.compareTo(ULONG_MAX) <= 0) {
            return b.longValue();
        }
        throw bad(path, "expected an unsigned 64-bit integer");
    }

    public static BigInteger big(Object o, String path) {
        if (o instanceof Long l) {
            return BigInteger.valueOf(l);
        }
        if (o instanceof BigInteger b) {
            return b;
        }
        throw bad(path, "expected an integer");
    }

    public static Object num(long v) {
        return v;
    }

    public static Object unum(long v) {
        return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
    }

    public static Object num(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    public static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    public static byte[] unhex(Object o, String path) {
        try {
            return HEX.parseHex(str(o, path).toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(path, "expected hex digits");
        }
    }

    public static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    public static byte[] unb64(Object o, String path) {
        try {
            return Base64.getMimeDecoder().decode(str(o, path));
        } catch (IllegalArgumentException e) {
            throw bad(path, "expected base64");
        }
    }

    public static <E> E lit(E e, Object o, String path) {
        if (e == null) {
            throw bad(path, "unknown enumeration literal " + o);
        }
        return e;
    }
}
