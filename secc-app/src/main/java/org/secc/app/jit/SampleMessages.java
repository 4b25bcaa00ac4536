package org.secc.app.jit;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.secc.exi.ExiCodec;
import org.secc.exi.ExiEncodeException;
import org.secc.exi.SchemaKind;

/**
 * Messages of every type the charger exchanges, built from the typed model of exi-codec (no test
 * vectors): every request and response of ISO 15118-20 Common, DC and AC, every body element of
 * ISO 15118-2 and DIN 70121 in a {@code V2G_Message}, and SupportedAppProtocol. Each is built in a few
 * variants (the alternatives of its choices, the constants of its enumerations, its optional elements
 * present or absent), and only values that encode are kept, each with its EXI bytes.
 *
 * <p>The values are placeholders of the right shape (numbers 1 or the lowest their range allows, strings and
 * byte strings of a length their facets accept); nothing
 * here is sent anywhere. Used by {@link JitWarmUp} to run the codec's per-message paths before the
 * first EV does.
 */
public final class SampleMessages {

    /** One message: its grammar, a name for the log and tests, the value and its encoding. */
    public record Sample(SchemaKind kind, String name, Object message, byte[] exi) {
    }

    /** How many variants of one message type are kept at most. */
    static final int VARIANTS = 2;

    private SampleMessages() {
    }

    /** Every sample, in a fixed order. */
    public static List<Sample> all() {
        List<Sample> out = new ArrayList<>();
        out.addAll(of(SchemaKind.SAP, "org.secc.exi.apphand", ""));
        out.addAll(of(SchemaKind.COMMON, "org.secc.exi.iso20.common", "Type"));
        out.addAll(of(SchemaKind.DC, "org.secc.exi.iso20.dc", "Type"));
        out.addAll(of(SchemaKind.AC, "org.secc.exi.iso20.ac", "Type"));
        out.addAll(bodies(SchemaKind.ISO2, org.secc.exi.iso2.V2G_Message.class, org.secc.exi.iso2.body.BodyType.BodyElementGroup.class));
        out.addAll(bodies(SchemaKind.DIN, org.secc.exi.din.V2G_Message.class, org.secc.exi.din.BodyType.BodyElementGroup.class));
        return out;
    }

    /** The request and response roots of a grammar whose root {@code X} has the record {@code pkg.X + suffix}. */
    private static List<Sample> of(SchemaKind kind, String pkg, String suffix) {
        List<Sample> out = new ArrayList<>();
        for (String root : ExiCodec.of(kind).roots()) {
            if (!(root.endsWith("Req") || root.endsWith("Res"))) {
                continue; // fragments and xmldsig elements: not messages
            }
            Class<?> type;
            try {
                type = Class.forName(pkg + "." + root + suffix);
            } catch (ClassNotFoundException e) {
                continue;
            }
            out.addAll(variants(kind, root, type, Map.of()));
        }
        return out;
    }

    /** ISO 15118-2 and DIN 70121: one V2G_Message per alternative of the body. */
    private static List<Sample> bodies(SchemaKind kind, Class<?> message, Class<?> bodyGroup) {
        List<Sample> out = new ArrayList<>();
        Class<?>[] alternatives = bodyGroup.getPermittedSubclasses();
        for (int i = 0; i < alternatives.length; i++) {
            out.addAll(variants(kind, alternatives[i].getSimpleName(), message, Map.of(bodyGroup, i)));
        }
        return out;
    }

    /** Lengths tried for a string or byte string whose facets refused the last one (SessionID 8, EMAID 14+, keys 65...). */
    private static final int[] LENGTHS = {1, 3, 8, 14, 16, 20, 32, 65, 84, 94, 133, 206, 256};
    private static final Pattern LENGTH_REFUSED = Pattern.compile("^(.+) length outside its facets: (\\d+)$");
    private static final Pattern RANGE_REFUSED = Pattern.compile("^(.+) out of \\[(-?\\d+), (-?\\d+)\\]: .*$");
    /** Encoding attempts per variant while lengths are adjusted. */
    private static final int ATTEMPTS = 40;

    /**
     * Up to {@link #VARIANTS} distinct encodable values of {@code type}. A string or byte string whose length its
     * facets refuse (the encoder names it) gets the next length of {@link #LENGTHS}, for this type's later variants too.
     */
    private static List<Sample> variants(SchemaKind kind, String name, Class<?> type, Map<Class<?>, Integer> forced) {
        Map<String, Sample> distinct = new LinkedHashMap<>();
        Map<String, Integer> lengths = new HashMap<>();
        Map<String, Long> numbers = new HashMap<>();
        for (int v = 0; v < 2 * VARIANTS && distinct.size() < VARIANTS; v++) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                try {
                    Object value = new Builder(v, v % 2 == 0, lengths, numbers, forced).build(type, type, 0, "");
                    byte[] exi = ExiCodec.of(kind).encode(value);
                    distinct.putIfAbsent(Arrays.toString(exi), new Sample(kind, name, value, exi));
                    break;
                } catch (ExiEncodeException e) {
                    String why = String.valueOf(e.getMessage());
                    Matcher r = RANGE_REFUSED.matcher(why);
                    if (r.matches() && !numbers.containsKey(r.group(1))) {
                        numbers.put(r.group(1), Long.parseLong(r.group(2))); // the lowest value its range allows
                        continue;
                    }
                    Matcher m = LENGTH_REFUSED.matcher(why);
                    if (!m.matches() || !longer(lengths, m.group(1))) {
                        break; // not a length, or no length fits: the next variant
                    }
                } catch (RuntimeException e) {
                    break; // cannot be built in this variant
                }
            }
        }
        return new ArrayList<>(distinct.values());
    }

    /** The next length for {@code key}; false when all were tried. */
    private static boolean longer(Map<String, Integer> lengths, String key) {
        int i = lengths.getOrDefault(key, 0) + 1;
        if (i >= LENGTHS.length) {
            return false;
        }
        lengths.put(key, i);
        return true;
    }

    /** Thrown when a type cannot be built (an open type, a recursion too deep). */
    private static final class Unbuildable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unbuildable(String what) {
            super(what, null, false, false);
        }
    }

    private static final class Builder {
        private static final int MAX_DEPTH = 24;
        private final int variant;
        private final boolean optionals;
        private final Map<String, Integer> lengths;
        private final Map<String, Long> numbers;
        private final Map<Class<?>, Integer> forced;

        Builder(int variant, boolean optionals, Map<String, Integer> lengths, Map<String, Long> numbers, Map<Class<?>, Integer> forced) {
            this.variant = variant;
            this.optionals = optionals;
            this.lengths = lengths;
            this.numbers = numbers;
            this.forced = forced;
        }

        /** @param key the element's name as the encoder names it in a facet error (for strings and byte strings) */
        Object build(Class<?> c, Type generic, int depth, String key) {
            if (depth > MAX_DEPTH) {
                throw new Unbuildable("too deep at " + c.getName());
            }
            if (c == boolean.class || c == Boolean.class) {
                return variant % 2 == 0;
            }
            if (c == int.class || c == Integer.class) {
                return (int) (long) numbers.getOrDefault(key, 1L);
            }
            if (c == long.class || c == Long.class) {
                return numbers.getOrDefault(key, 1L);
            }
            if (c == short.class || c == Short.class) {
                return (short) (long) numbers.getOrDefault(key, 1L);
            }
            if (c == byte.class || c == Byte.class) {
                return (byte) (long) numbers.getOrDefault(key, 1L);
            }
            if (c == double.class || c == Double.class) {
                return 1.0;
            }
            if (c == float.class || c == Float.class) {
                return 1.0f;
            }
            if (c == BigInteger.class) {
                return BigInteger.ONE;
            }
            if (c == String.class) {
                return "A".repeat(LENGTHS[lengths.getOrDefault(key, 0)]);
            }
            if (c == byte[].class) {
                byte[] b = new byte[LENGTHS[lengths.getOrDefault(key, 0)]];
                Arrays.fill(b, (byte) 0x11);
                return b;
            }
            if (c == List.class) {
                if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> e) {
                    return List.of(build(e, e, depth + 1, key));
                }
                throw new Unbuildable("list of " + generic);
            }
            if (c.isEnum()) {
                Object[] k = c.getEnumConstants();
                return k[variant % k.length];
            }
            if (c.isSealed()) {
                Class<?>[] alt = c.getPermittedSubclasses();
                int i = forced.getOrDefault(c, variant % alt.length);
                return build(alt[i], alt[i], depth + 1, key);
            }
            if (c.isRecord()) {
                return record(c, depth);
            }
            throw new Unbuildable("no value for " + c.getName());
        }

        /**
         * A record through its canonical constructor. Optional components (the constructor accepts null) are
         * present in the variants with optionals, absent otherwise; XML signatures are always left out.
         */
        private Object record(Class<?> c, int depth) {
            RecordComponent[] rc = c.getRecordComponents();
            Class<?>[] types = new Class<?>[rc.length];
            Object[] args = new Object[rc.length];
            for (int i = 0; i < rc.length; i++) {
                types[i] = rc[i].getType();
                args[i] = build(types[i], rc[i].getGenericType(), depth + 1, rc[i].getName().equals("CONTENT") ? c.getSimpleName() + " content" : rc[i].getName());
            }
            Constructor<?> k;
            try {
                k = c.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new Unbuildable("no canonical constructor of " + c.getName());
            }
            for (int i = 0; i < rc.length; i++) {
                if (types[i].isPrimitive() || types[i] == List.class) {
                    continue;
                }
                boolean signature = types[i].getPackageName().startsWith("org.secc.exi.xmldsig");
                if (signature || !optionals) {
                    Object kept = args[i];
                    args[i] = null;
                    try {
                        k.newInstance(args);
                    } catch (InvocationTargetException e) {
                        args[i] = kept; // required
                    } catch (ReflectiveOperationException e) {
                        throw new Unbuildable(c.getName() + ": " + e);
                    }
                }
            }
            try {
                return k.newInstance(args);
            } catch (InvocationTargetException e) {
                throw new Unbuildable(c.getName() + ": " + e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new Unbuildable(c.getName() + ": " + e);
            }
        }
    }
}
