package org.secc.exi.gen;

import com.siemens.ct.exi.core.FidelityOptions;
import com.siemens.ct.exi.core.datatype.BinaryBase64Datatype;
import com.siemens.ct.exi.core.datatype.BinaryHexDatatype;
import com.siemens.ct.exi.core.datatype.BooleanDatatype;
import com.siemens.ct.exi.core.datatype.Datatype;
import com.siemens.ct.exi.core.datatype.EnumerationDatatype;
import com.siemens.ct.exi.core.datatype.IntegerDatatype;
import com.siemens.ct.exi.core.datatype.NBitUnsignedIntegerDatatype;
import com.siemens.ct.exi.core.datatype.StringDatatype;
import com.siemens.ct.exi.core.datatype.UnsignedIntegerDatatype;
import com.siemens.ct.exi.core.grammars.Grammars;
import com.siemens.ct.exi.core.grammars.event.Attribute;
import com.siemens.ct.exi.core.grammars.event.DatatypeEvent;
import com.siemens.ct.exi.core.grammars.event.Event;
import com.siemens.ct.exi.core.grammars.event.EventType;
import com.siemens.ct.exi.core.grammars.event.StartElement;
import com.siemens.ct.exi.core.grammars.grammar.Grammar;
import com.siemens.ct.exi.core.grammars.production.Production;
import com.siemens.ct.exi.grammars.GrammarFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.xerces.xs.XSElementDeclaration;
import org.secc.exi.gen.Generator.Kind;
import org.secc.exi.gen.Model.Alt;
import org.secc.exi.gen.Model.ComplexType;
import org.secc.exi.gen.Model.FKind;
import org.secc.exi.gen.Model.Field;
import org.secc.exi.gen.Model.SKind;
import org.secc.exi.gen.Model.Simple;
import org.secc.exi.gen.Model.VType;

/**
 * Writes one schema-specific bit-level codec: one encode and one decode method per (type, grammar),
 * a state machine over EXIficient's grammar states with every event code and width resolved at
 * build time (non-strict, bit-packed, no string tables).
 */
final class CodecWriter {
    private final Path out;
    private final Path testOut;
    private final Kind kind;
    private final Path schemas;
    private final Map<XSElementDeclaration, VType> globals;
    private final FidelityOptions fo = FidelityOptions.createDefault();
    private final Map<Grammar, Map<ComplexType, Integer>> methodIds = new IdentityHashMap<>();
    private final List<Runnable> pending = new ArrayList<>();
    private final StringBuilder methods = new StringBuilder();
    private final Map<String, Integer> simpleIds = new HashMap<>();
    private final Map<String, Integer> valueIds = new HashMap<>();
    private int nextMethod;

    private final List<ComplexType> types;

    CodecWriter(Path out, Path testOut, Kind kind, Path schemas, Map<XSElementDeclaration, VType> globals, List<ComplexType> types) {
        this.testOut = testOut;
        this.types = types;
        this.out = out;
        this.kind = kind;
        this.schemas = schemas;
        this.globals = globals;
    }

    static int codingLength(int n) {
        if (n < 2) {
            return 0;
        }
        return 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    int width(Grammar g) {
        return fo.get1stLevelEventCodeLength(g);
    }

    List<Production> productions(Grammar g) {
        List<Production> l = new ArrayList<>();
        for (int i = 0; i < g.getNumberOfEvents(); i++) {
            l.add(g.getProduction(i));
        }
        return l;
    }

    static String q(String s) {
        return MappingWriter.q(s);
    }

    void write() throws IOException {
        Grammars grammars;
        try {
            grammars = GrammarFactory.newInstance().createGrammars(schemas.resolve(kind.xsd()).toUri().toString(),
                    new Generator.OfflineResolver(schemas));
        } catch (Exception e) {
            throw new IOException("EXIficient grammars for " + kind.id(), e);
        }
        Grammar top = kind.fragment() ? grammars.getFragmentGrammar() : grammars.getDocumentGrammar();
        Production sd = top.getProduction(0);
        Grammar content = sd.getNextGrammar();
        StringBuilder enc = new StringBuilder();
        StringBuilder dec = new StringBuilder();
        List<String> roots = new ArrayList<>();
        StringBuilder rootOf = new StringBuilder();
        Map<String, Integer> typeUse = new HashMap<>();
        List<Object[]> rootInfo = new ArrayList<>();
        for (Production p : productions(content)) {
            if (p.getEvent().getEventType() != EventType.START_ELEMENT) {
                continue;
            }
            StartElement se = (StartElement) p.getEvent();
            VType vt = global(se.getQName().getNamespaceURI(), se.getQName().getLocalPart());
            if (vt == null || (vt.complex != null && vt.complex.isAbstract)) {
                continue;
            }
            rootInfo.add(new Object[] {se, vt, p});
            if (vt.complex != null) {
                typeUse.merge(vt.complex.fqn(), 1, Integer::sum);
            }
        }
        Map<String, Integer> localCount = new HashMap<>();
        for (Object[] ri : rootInfo) {
            localCount.merge(((StartElement) ri[0]).getQName().getLocalPart(), 1, Integer::sum);
        }
        for (Object[] ri : rootInfo) {
            StartElement se = (StartElement) ri[0];
            String ln = se.getQName().getLocalPart();
            // a local name used in two namespaces is named {ns}local
            roots.add(localCount.get(ln) > 1 ? "{" + se.getQName().getNamespaceURI() + "}" + ln : ln);
        }
        int wTop = width(top);
        int rootIndex = 0;
        int wContent = width(content);
        for (Object[] ri : rootInfo) {
            StartElement se = (StartElement) ri[0];
            VType vt = (VType) ri[1];
            Production p = (Production) ri[2];
            String name = roots.get(rootIndex++);
            String jt = vt.javaType(true);
            if (vt.complex != null && typeUse.get(vt.complex.fqn()) == 1) {
                rootOf.append(rootOf.length() == 0 ? "\n            " : ",\n            ").append("java.util.Map.entry(").append(jt).append(".class, ").append(q(name)).append(")");
            }
            Grammar after = p.getNextGrammar();
            enc.append("            case ").append(q(name)).append(" -> {\n");
            enc.append("                if (!(value instanceof ").append(jt.equals("byte[]") ? "byte[]" : jt).append(" v)) {\n");
            enc.append("                    throw new org.secc.exi.ExiEncodeException(\"root ").append(name).append(" needs a ").append(jt).append("\");\n                }\n");
            enc.append("                w.bits(").append(p.getEventCode()).append(", ").append(wContent).append(");\n");
            enc.append("                ").append(encodeElementCall(se, vt, "v", name)).append("\n");
            // end of document / fragment
            Production ed = after.getProduction(EventType.END_DOCUMENT);
            if (ed == null) {
                throw new IllegalStateException("no ED after root " + name);
            }
            enc.append("                w.bits(").append(ed.getEventCode()).append(", ").append(width(after)).append(");\n");
            enc.append("            }\n");
            dec.append("            case ").append(p.getEventCode()).append(" -> {\n");
            dec.append("                Object v = ").append(decodeElementCall(se, vt, name)).append(";\n");
            dec.append("                int ed = r.bits(").append(width(after)).append(");\n");
            dec.append("                if (ed != ").append(ed.getEventCode()).append(") {\n                    throw r.fail(\"expected the end of the ")
                    .append(kind.fragment() ? "fragment (one element per fragment)" : "document").append("\");\n                }\n");
            dec.append("                yield new org.secc.exi.ExiDocument(").append(q(name)).append(", v);\n            }\n");
        }
        while (!pending.isEmpty()) {
            Runnable r = pending.remove(0);
            r.run();
        }
        StringBuilder sb = new StringBuilder();
        sb.append("/** EXI codec for the {@code ").append(kind.id()).append("} grammar (").append(kind.xsd())
                .append(kind.fragment() ? ", fragment" : "").append("), generated from EXIficient's grammars. */\n");
        sb.append(ModelWriter.GENERATED).append("\n@SuppressWarnings({\"unused\", \"unchecked\"})\npublic final class ").append(kind.className()).append(" {\n");
        sb.append("    private ").append(kind.className()).append("() {\n    }\n\n");
        sb.append("    /** The root elements this grammar accepts, in event-code order. */\n");
        sb.append("    public static final java.util.List<String> ROOTS = java.util.List.of(");
        for (int i = 0; i < roots.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(q(roots.get(i)));
        }
        sb.append(");\n\n");
        sb.append("    /** The root element for a value whose type belongs to exactly one global element, else null. */\n");
        sb.append("    public static String rootOf(Object value) {\n        return ROOT_BY_CLASS.get(value.getClass());\n    }\n\n");
        sb.append("    private static final java.util.Map<Class<?>, String> ROOT_BY_CLASS = java.util.Map.ofEntries(").append(rootOf).append(");\n\n");
        sb.append("    /** Encodes one document: header 0x80, then the body; the writer is not reset. */\n");
        sb.append("    public static void encode(org.secc.exi.runtime.BitWriter w, String root, Object value) {\n");
        sb.append("        w.bits(0x80, 8);\n");
        sb.append("        w.bits(").append(sd.getEventCode()).append(", ").append(wTop).append(");\n");
        sb.append("        switch (root) {\n").append(enc);
        sb.append("            default -> throw new org.secc.exi.ExiEncodeException(\"no root element \" + root + \" in ").append(kind.id()).append("\");\n");
        sb.append("        }\n    }\n\n");
        sb.append("    /** Decodes one document; any malformed input ends in ExiDecodeException. */\n");
        sb.append("    public static org.secc.exi.ExiDocument decode(org.secc.exi.runtime.BitReader r) {\n");
        sb.append("        if (r.bits(8) != 0x80) {\n            throw r.fail(\"EXI header must be 0x80 (no options, final version 1)\");\n        }\n");
        sb.append("        int sd = r.bits(").append(wTop).append(");\n");
        sb.append("        int ec = r.bits(").append(wContent).append(");\n");
        sb.append("        return switch (ec) {\n").append(dec);
        sb.append("            default -> throw r.fail(\"root event code \" + ec + \" is not a supported element\");\n        };\n    }\n");
        // JSON and XML (reference path) entry points per root
        StringBuilder tj = new StringBuilder();
        StringBuilder fj = new StringBuilder();
        StringBuilder sx = new StringBuilder();
        StringBuilder dm = new StringBuilder();
        for (int i = 0; i < rootInfo.size(); i++) {
            Object[] ri = rootInfo.get(i);
            StartElement se = (StartElement) ri[0];
            VType vt = (VType) ri[1];
            String name = roots.get(i);
            String ns = se.getQName().getNamespaceURI();
            String jt = vt.javaType(true);
            tj.append("            case ").append(q(name)).append(" -> ").append(MappingWriter.toJson("((" + jt + ") value)", vt)).append(";\n");
            fj.append("            case ").append(q(name)).append(" -> ").append(MappingWriter.fromJson("json", vt, q("/" + name))).append(";\n");
            sx.append("            case ").append(q(name)).append(" -> ").append(MappingWriter.saxElement("h", ns, se.getQName().getLocalPart(), "((" + jt + ") value)", vt)).append("\n");
            dm.append("            case ").append(q(name)).append(" -> ").append(MappingWriter.domValue("e", vt)).append(";\n");
        }
        StringBuilder rnd = new StringBuilder();
        for (int i = 0; i < rootInfo.size(); i++) {
            VType vt = (VType) rootInfo.get(i)[1];
            rnd.append("            case ").append(q(roots.get(i))).append(" -> ").append(MappingWriter.randomValue(vt)).append(";\n");
        }
        sb.append("\n    /** The JSON form of a root value. */\n    public static Object toJson(String root, Object value) {\n        return switch (root) {\n").append(tj)
                .append("            default -> throw new IllegalArgumentException(\"no root element \" + root);\n        };\n    }\n");
        sb.append("\n    /** A root value from its JSON form; IllegalArgumentException names what is wrong. */\n    public static Object fromJson(String root, Object json) {\n        return switch (root) {\n").append(fj)
                .append("            default -> throw new IllegalArgumentException(\"JSON: no root element \" + root + \" in ").append(kind.id()).append("\");\n        };\n    }\n");
        sb.append(methods);
        sb.append("}\n");
        ModelWriter.write(out, Generator.CODEC_PKG, kind.className(), sb.toString());
        // what only the tests use goes to the test sources: the runtime jar needs neither EXIficient nor the XML stack
        StringBuilder ref = new StringBuilder();
        ref.append("/** Test support for the {@code ").append(kind.id()).append("} grammar: random instances and the EXIficient reference path's XML mapping. */\n");
        ref.append(ModelWriter.GENERATED).append("\n@SuppressWarnings({\"unused\", \"unchecked\"})\npublic final class ").append(kind.className()).append("Reference {\n");
        ref.append("    private ").append(kind.className()).append("Reference() {\n    }\n");
        ref.append("\n    /** A random schema-valid value for a root element (tests, benchmarks). */\n    public static Object random(String root, org.secc.exi.runtime.RandomSource r) {\n        return switch (root) {\n").append(rnd)
                .append("            default -> throw new IllegalArgumentException(\"no root element \" + root);\n        };\n    }\n");
        ref.append("\n    /** SAX events of a root element (EXIficient reference path). */\n    public static void sax(org.xml.sax.ContentHandler h, String root, Object value) throws org.xml.sax.SAXException {\n        switch (root) {\n").append(sx)
                .append("            default -> throw new IllegalArgumentException(\"no root element \" + root);\n        }\n    }\n");
        ref.append("\n    /** A root value from a DOM element (EXIficient reference path). */\n    public static Object fromDom(String root, org.w3c.dom.Element e) {\n        return switch (root) {\n").append(dm)
                .append("            default -> throw new IllegalArgumentException(\"no root element \" + e.getLocalName());\n        };\n    }\n");
        ref.append("}\n");
        ModelWriter.write(testOut, Generator.CODEC_PKG, kind.className() + "Reference", ref.toString());
    }

    VType global(String ns, String local) {
        for (var e : globals.entrySet()) {
            String ens = e.getKey().getNamespace() == null ? "" : e.getKey().getNamespace();
            if (ens.equals(ns) && e.getKey().getName().equals(local)) {
                return e.getValue();
            }
        }
        if (!kind.fragment()) {
            return null;
        }
        // fragment grammars also start with local elements: use the type if all declarations agree
        Map<String, VType> found = new LinkedHashMap<>();
        for (ComplexType t : types) {
            for (Field f : t.fields) {
                if (f.kind == FKind.ELEMENT && f.name.equals(local) && f.ns.equals(ns)) {
                    found.put(f.type.sig(), f.type);
                }
                if (f.kind == FKind.CHOICE) {
                    for (Alt a : f.choice.alts) {
                        if (a.name.equals(local) && a.ns.equals(ns)) {
                            found.put(a.type.sig(), a.type);
                        }
                    }
                }
            }
        }
        return found.size() == 1 ? found.values().iterator().next() : null;
    }

    // ------------------------------------------------------------------ element calls

    String encodeElementCall(StartElement se, VType vt, String expr, String name) {
        Grammar g = se.getGrammar();
        if (vt.complex != null) {
            return "e" + complexMethod(vt.complex, g) + "(w, " + expr + ");";
        }
        return "es" + simpleElementMethod(vt.simple, g, name) + "(w, " + expr + ");";
    }

    String decodeElementCall(StartElement se, VType vt, String name) {
        Grammar g = se.getGrammar();
        if (vt.complex != null) {
            return "d" + complexMethod(vt.complex, g) + "(r, " + q(name) + ")";
        }
        return "ds" + simpleElementMethod(vt.simple, g, name) + "(r, " + q(name) + ")";
    }

    int complexMethod(ComplexType t, Grammar g) {
        Map<ComplexType, Integer> m = methodIds.computeIfAbsent(g, k -> new LinkedHashMap<>());
        Integer id = m.get(t);
        if (id == null) {
            id = nextMethod++;
            m.put(t, id);
            int fid = id;
            pending.add(() -> writeComplex(t, g, fid));
        }
        return id;
    }

    // ------------------------------------------------------------------ simple values

    static boolean stringLike(Simple s) {
        return s.kind == SKind.STRING || s.kind == SKind.HEX || s.kind == SKind.BASE64;
    }

    /** Statement(s) writing value v (Java expression) with EXI datatype dt. */
    String encodeValue(Datatype dt, Simple s, String v, String what) {
        StringBuilder sb = new StringBuilder();
        String E = "throw new org.secc.exi.ExiEncodeException(";
        switch (s.kind) {
            case INT, LONG -> {
                long dmin = s.kind == SKind.INT ? Integer.MIN_VALUE : Long.MIN_VALUE;
                long dmax = s.kind == SKind.INT ? Integer.MAX_VALUE : Long.MAX_VALUE;
                String lo = MappingWriter.lo(s, dmin);
                String hi = MappingWriter.hi(s, dmax);
                List<String> conds = new ArrayList<>();
                if (s.min != null && s.min.compareTo(BigInteger.valueOf(dmin)) > 0) {
                    conds.add(v + " < " + lo + "L");
                }
                if (s.max != null && s.max.compareTo(BigInteger.valueOf(dmax)) < 0) {
                    conds.add(v + " > " + hi + "L");
                }
                if (!conds.isEmpty()) {
                    sb.append("if (").append(String.join(" || ", conds)).append(") {\n    ").append(E).append(q(what + " out of [" + lo + ", " + hi + "]: ")).append(" + ").append(v).append(");\n}\n");
                }
            }
            case BIGINT -> {
                if (s.min != null) {
                    sb.append("if (").append(v).append(".compareTo(new java.math.BigInteger(").append(q(s.min.toString())).append(")) < 0) {\n    ").append(E).append(q(what + " below minimum")).append(");\n}\n");
                }
                if (s.max != null) {
                    sb.append("if (").append(v).append(".compareTo(new java.math.BigInteger(").append(q(s.max.toString())).append(")) > 0) {\n    ").append(E).append(q(what + " above maximum")).append(");\n}\n");
                }
            }
            case STRING -> {
                if (s.minLength != null || s.maxLength != null) {
                    sb.append("{\n    int n = ").append(v).append(".codePointCount(0, ").append(v).append(".length());\n");
                    sb.append("    if (n < ").append(s.minLength == null ? 0 : s.minLength).append(" || n > ").append(s.maxLength == null ? Integer.MAX_VALUE : s.maxLength)
                            .append(") {\n        ").append(E).append(q(what + " length outside its facets: ")).append(" + n);\n    }\n}\n");
                }
            }
            case HEX, BASE64 -> {
                if (s.minLength != null || s.maxLength != null) {
                    sb.append("if (").append(v).append(".length < ").append(s.minLength == null ? 0 : s.minLength).append(" || ").append(v).append(".length > ")
                            .append(s.maxLength == null ? Integer.MAX_VALUE : s.maxLength).append(") {\n    ").append(E).append(q(what + " length outside its facets: "))
                            .append(" + ").append(v).append(".length);\n}\n");
                }
            }
            default -> {
            }
        }
        if (dt instanceof BooleanDatatype && s.kind == SKind.BOOLEAN) {
            sb.append("w.bits(").append(v).append(" ? 1 : 0, 1);\n");
        } else if (dt instanceof NBitUnsignedIntegerDatatype nb && (s.kind == SKind.INT || s.kind == SKind.LONG)) {
            long lower = nb.getLowerBound().longValue();
            sb.append("w.bits((int) (").append(v).append(" - ").append(lower).append("L), ").append(nb.getNumberOfBits()).append(");\n");
        } else if (dt instanceof UnsignedIntegerDatatype) {
            switch (s.kind) {
                case INT, LONG -> sb.append("if (").append(v).append(" < 0) {\n    ").append(E).append(q(what + " must not be negative")).append(");\n}\nw.uint(").append(v).append(");\n");
                case ULONG -> sb.append("w.uint(").append(v).append(");\n");
                case BIGINT -> sb.append("if (").append(v).append(".signum() < 0) {\n    ").append(E).append(q(what + " must not be negative")).append(");\n}\nw.uint(").append(v).append(");\n");
                default -> throw new IllegalStateException("unsigned for " + s.kind);
            }
        } else if (dt instanceof IntegerDatatype) {
            if (s.kind == SKind.ULONG) {
                throw new IllegalStateException("integer for ulong");
            }
            sb.append("w.integer(").append(v).append(");\n");
        } else if (dt instanceof EnumerationDatatype ed && s.kind == SKind.ENUM) {
            sb.append("w.bits(").append(v).append(".ordinal(), ").append(ed.getCodingLength()).append(");\n");
        } else if (dt instanceof StringDatatype && s.kind == SKind.STRING) {
            sb.append("w.string(").append(v).append(");\n");
        } else if ((dt instanceof BinaryBase64Datatype || dt instanceof BinaryHexDatatype) && (s.kind == SKind.HEX || s.kind == SKind.BASE64)) {
            sb.append("w.binary(").append(v).append(");\n");
        } else {
            throw new IllegalStateException("unsupported datatype " + dt + " for " + s.kind + " (" + what + ")");
        }
        return sb.toString();
    }

    /** A method reading one value of datatype dt; returns its id (method dv<id>). */
    int valueMethod(Datatype dt, Simple s) {
        String key = dt.getClass().getSimpleName() + "/" + dtKey(dt) + "/" + s.signature();
        Integer id = valueIds.get(key);
        if (id != null) {
            return id;
        }
        id = valueIds.size();
        valueIds.put(key, id);
        StringBuilder sb = new StringBuilder();
        String jt = s.javaType(false);
        sb.append("\n    private static ").append(jt).append(" dv").append(id).append("(org.secc.exi.runtime.BitReader r) {\n");
        String lo = null;
        String hi = null;
        if (s.kind == SKind.INT || s.kind == SKind.LONG) {
            long dmin = s.kind == SKind.INT ? Integer.MIN_VALUE : Long.MIN_VALUE;
            long dmax = s.kind == SKind.INT ? Integer.MAX_VALUE : Long.MAX_VALUE;
            lo = MappingWriter.lo(s, dmin);
            hi = MappingWriter.hi(s, dmax);
        }
        if (dt instanceof BooleanDatatype) {
            sb.append("        return r.bits(1) == 1;\n");
        } else if (dt instanceof NBitUnsignedIntegerDatatype nb) {
            long lower = nb.getLowerBound().longValue();
            sb.append("        long v = r.bits(").append(nb.getNumberOfBits()).append(") + ").append(lower).append("L;\n");
            sb.append("        if (v < ").append(lo).append("L || v > ").append(hi).append("L) {\n            throw r.fail(\"value \" + v + \" outside [").append(lo).append(", ").append(hi).append("]\");\n        }\n");
            sb.append(jt.equals("long") ? "        return v;\n" : "        return (" + jt + ") v;\n");
        } else if (dt instanceof UnsignedIntegerDatatype) {
            switch (s.kind) {
                case INT, LONG -> {
                    sb.append("        long v = r.uint();\n");
                    sb.append("        if (v < ").append(lo).append("L || v > ").append(hi).append("L) {\n            throw r.fail(\"value \" + Long.toUnsignedString(v) + \" outside [").append(lo).append(", ").append(hi).append("]\");\n        }\n");
                    sb.append(jt.equals("long") ? "        return v;\n" : "        return (" + jt + ") v;\n");
                }
                case ULONG -> sb.append("        return r.uint();\n");
                case BIGINT -> sb.append("        return r.uintBig();\n");
                default -> throw new IllegalStateException();
            }
        } else if (dt instanceof IntegerDatatype) {
            if (s.kind == SKind.BIGINT) {
                sb.append("        return r.integerBig();\n");
            } else {
                sb.append("        long v = r.integer();\n");
                sb.append("        if (v < ").append(lo).append("L || v > ").append(hi).append("L) {\n            throw r.fail(\"value \" + v + \" outside [").append(lo).append(", ").append(hi).append("]\");\n        }\n");
                sb.append(jt.equals("long") ? "        return v;\n" : "        return (" + jt + ") v;\n");
            }
        } else if (dt instanceof EnumerationDatatype ed) {
            sb.append("        int i = r.bits(").append(ed.getCodingLength()).append(");\n");
            sb.append("        ").append(jt).append(" v = ").append(jt).append(".ofIndex(i);\n");
            sb.append("        if (v == null) {\n            throw r.fail(\"enumeration index \" + i + \" out of range\");\n        }\n        return v;\n");
        } else if (dt instanceof StringDatatype) {
            // both length facets, as the encoder checks them: a value the encoder refuses is never decoded
            if (s.minLength != null && s.minLength > 0) {
                sb.append("        String v = r.string(").append(s.maxLength == null ? "Integer.MAX_VALUE" : s.maxLength).append(");\n");
                sb.append("        int n = v.codePointCount(0, v.length());\n");
                sb.append("        if (n < ").append(s.minLength).append(") {\n            throw r.fail(\"string length \" + n + \" below the minimum ")
                        .append(s.minLength).append("\");\n        }\n        return v;\n");
            } else {
                sb.append("        return r.string(").append(s.maxLength == null ? "Integer.MAX_VALUE" : s.maxLength).append(");\n");
            }
        } else if (dt instanceof BinaryBase64Datatype || dt instanceof BinaryHexDatatype) {
            if (s.minLength != null && s.minLength > 0) {
                sb.append("        byte[] v = r.binary(").append(s.maxLength == null ? "Integer.MAX_VALUE" : s.maxLength).append(");\n");
                sb.append("        if (v.length < ").append(s.minLength).append(") {\n            throw r.fail(\"binary length \" + v.length + \" below the minimum ")
                        .append(s.minLength).append("\");\n        }\n        return v;\n");
            } else {
                sb.append("        return r.binary(").append(s.maxLength == null ? "Integer.MAX_VALUE" : s.maxLength).append(");\n");
            }
        } else {
            throw new IllegalStateException("unsupported datatype " + dt);
        }
        sb.append("    }\n");
        methods.append(sb);
        return id;
    }

    static String dtKey(Datatype dt) {
        if (dt instanceof NBitUnsignedIntegerDatatype nb) {
            return nb.getLowerBound() + ":" + nb.getNumberOfBits();
        }
        if (dt instanceof EnumerationDatatype ed) {
            return ed.getEnumerationSize() + ":" + ed.getCodingLength();
        }
        return "";
    }

    /** Encode and decode methods for an element of simple type with grammar g: CH then EE. */
    int simpleElementMethod(Simple s, Grammar g, String name) {
        Production ch = g.getProduction(EventType.CHARACTERS);
        if (ch == null) {
            throw new IllegalStateException("no CH in simple element " + name);
        }
        Datatype dt = ((DatatypeEvent) ch.getEvent()).getDatatype();
        Grammar g1 = ch.getNextGrammar();
        Production ee = g1.getProduction(EventType.END_ELEMENT);
        String key = System.identityHashCode(g) + "/" + dt.getClass().getSimpleName() + dtKey(dt) + "/" + s.signature() + "/" + width(g) + "/" + ch.getEventCode()
                + "/" + width(g1) + "/" + ee.getEventCode();
        Integer id = simpleIds.get(key);
        if (id != null) {
            return id;
        }
        id = simpleIds.size();
        simpleIds.put(key, id);
        int ee2 = fo.get2ndLevelEventCode(EventType.END_ELEMENT_UNDECLARED, g);
        int w2 = codingLength(fo.get2ndLevelCharacteristics(g));
        String jt = s.javaType(false);
        StringBuilder sb = new StringBuilder();
        sb.append("\n    private static void es").append(id).append("(org.secc.exi.runtime.BitWriter w, ").append(jt).append(" v) {\n");
        String body = encodeValue(dt, s, "v", name);
        if (stringLike(s) && ee2 >= 0) {
            // an empty value has no CH event (as a SAX-fed encoder sees it): undeclared EE on the 2nd level
            sb.append("        if (").append(s.kind == SKind.STRING ? "v.isEmpty()" : "v.length == 0").append(") {\n");
            sb.append("            w.bits(").append(g.getNumberOfEvents()).append(", ").append(width(g)).append(");\n");
            sb.append("            w.bits(").append(ee2).append(", ").append(w2).append(");\n            return;\n        }\n");
        }
        sb.append("        w.bits(").append(ch.getEventCode()).append(", ").append(width(g)).append(");\n");
        sb.append(indent(body, 8));
        sb.append("        w.bits(").append(ee.getEventCode()).append(", ").append(width(g1)).append(");\n    }\n");
        // decode
        int dv = valueMethod(dt, s);
        sb.append("\n    private static ").append(jt).append(" ds").append(id).append("(org.secc.exi.runtime.BitReader r, String el) {\n");
        sb.append("        try {\n");
        sb.append("            int ec = r.bits(").append(width(g)).append(");\n");
        sb.append("            ").append(jt).append(" v;\n");
        sb.append("            if (ec == ").append(ch.getEventCode()).append(") {\n                v = dv").append(dv).append("(r);\n");
        if (ee2 >= 0) {
            sb.append("            } else if (ec == ").append(g.getNumberOfEvents()).append(" && r.bits(").append(w2).append(") == ").append(ee2).append(") {\n");
            if (stringLike(s)) {
                sb.append("                return ").append(s.kind == SKind.STRING ? "\"\"" : "new byte[0]").append(";\n");
            } else {
                sb.append("                throw r.fail(\"empty content for a ").append(s.kind).append(" value\");\n");
            }
        }
        sb.append("            } else {\n                throw r.fail(\"unsupported event code \" + ec + \" in a simple value\");\n            }\n");
        sb.append("            if (r.bits(").append(width(g1)).append(") != ").append(ee.getEventCode()).append(") {\n");
        sb.append("                throw r.fail(\"expected the end of the element\");\n            }\n");
        sb.append("            return v;\n");
        sb.append("        } catch (org.secc.exi.ExiDecodeException e) {\n            throw e.within(el);\n        }\n    }\n");
        methods.append(sb);
        return id;
    }

    static String indent(String code, int n) {
        StringBuilder sb = new StringBuilder();
        String pad = " ".repeat(n);
        for (String line : code.split("\n")) {
            if (!line.isEmpty()) {
                sb.append(pad).append(line).append('\n');
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ complex types

    /** A run of unrolled list states (maxOccurs > 1) that share one decoder/encoder state and a counter. */
    static final class Chain {
        int id;
        List<Grammar> members = new ArrayList<>();
        Grammar end;
        Production step;
        String counter;
    }

    /** Per-type state numbering: compressed ids, chains. */
    final class States {
        final Map<Grammar, Integer> all = new IdentityHashMap<>();
        final Map<Grammar, Integer> cid = new IdentityHashMap<>();
        final Map<Grammar, Chain> chainOf = new IdentityHashMap<>();
        final List<Chain> chains = new ArrayList<>();
        final List<Grammar> reps = new ArrayList<>();
        final Map<Grammar, Grammar> repOf = new IdentityHashMap<>();

        /** The (minimized) successor of a production. */
        Grammar nx(Production p) {
            Grammar n = p.getNextGrammar();
            return n == null ? null : repOf.getOrDefault(n, n);
        }

        boolean sameOthers(Grammar a, Grammar b, Production step) {
            for (int i = 0; i < a.getNumberOfEvents(); i++) {
                Production pa = a.getProduction(i);
                Production pb = b.getProduction(i);
                if (pa.getEventCode() == step.getEventCode() || pa.getEvent().getEventType() == EventType.END_ELEMENT) {
                    continue;
                }
                if (nx(pa) != nx(pb)) {
                    return false;
                }
            }
            return true;
        }

        States(Grammar g0) {
            List<Grammar> order = new ArrayList<>();
            all.put(g0, 0);
            order.add(g0);
            for (int i = 0; i < order.size(); i++) {
                for (Production p : productions(order.get(i))) {
                    Grammar n = p.getNextGrammar();
                    if (n != null && p.getEvent().getEventType() != EventType.END_ELEMENT && !all.containsKey(n)) {
                        all.put(n, all.size());
                        order.add(n);
                    }
                }
            }
            // minimize: EXIficient's automaton repeats structurally equal states (e.g. after each list item)
            Map<Grammar, Integer> cls = new IdentityHashMap<>();
            Map<String, Integer> names = new HashMap<>();
            for (Grammar g : order) {
                cls.put(g, names.computeIfAbsent(localSig(g), k -> names.size()));
            }
            for (;;) {
                Map<String, Integer> nn = new HashMap<>();
                Map<Grammar, Integer> next = new IdentityHashMap<>();
                for (Grammar g : order) {
                    StringBuilder k = new StringBuilder().append(cls.get(g));
                    for (Production p : productions(g)) {
                        Grammar n = p.getNextGrammar();
                        k.append(',').append(n == null || p.getEvent().getEventType() == EventType.END_ELEMENT ? -1 : cls.get(n));
                    }
                    next.put(g, nn.computeIfAbsent(k.toString(), x -> nn.size()));
                }
                boolean same = nn.size() == names.size();
                cls = next;
                names.clear();
                names.putAll(nn);
                if (same) {
                    break;
                }
            }
            Map<Integer, Grammar> firstOf = new HashMap<>();
            List<Grammar> reduced = new ArrayList<>();
            for (Grammar g : order) {
                Grammar r = firstOf.get(cls.get(g));
                if (r == null) {
                    firstOf.put(cls.get(g), g);
                    reduced.add(g);
                    r = g;
                }
                repOf.put(g, r);
            }
            order = reduced;
            // chains: c0 -SE(q)-> c1 -SE(q)-> ... with equal local signatures and equal other successors
            for (Grammar g : order) {
                if (chainOf.containsKey(g)) {
                    continue;
                }
                Chain c = new Chain();
                c.members.add(g);
                Grammar cur = g;
                for (;;) {
                    Production step = null;
                    for (Production p : productions(cur)) {
                        Grammar n = nx(p);
                        if (p.getEvent().getEventType() == EventType.START_ELEMENT && n != null && n != cur && indexOf(c.members, n) < 0
                                && localSig(n).equals(localSig(cur)) && sameOthers(cur, n, p)) {
                            step = p;
                            break;
                        }
                    }
                    if (step == null || (c.step != null && c.step.getEventCode() != step.getEventCode())) {
                        break;
                    }
                    c.step = step;
                    cur = nx(step);
                    c.members.add(cur);
                }
                if (c.members.size() >= 6) {
                    Production last = null;
                    for (Production p : productions(cur)) {
                        if (p.getEventCode() == c.step.getEventCode()) {
                            last = p;
                        }
                    }
                    c.end = nx(last);
                    boolean ok = true;
                    // nobody may enter the chain except at its head
                    for (Grammar x : order) {
                        for (Production p : productions(x)) {
                            int idx = indexOf(c.members, nx(p));
                            if (idx > 0 && !(indexOf(c.members, x) == idx - 1 && p.getEventCode() == c.step.getEventCode())) {
                                ok = false;
                            }
                        }
                    }
                    if (ok && c.end != null) {
                        for (Grammar m : c.members) {
                            chainOf.put(m, c);
                        }
                        chains.add(c);
                    }
                }
            }
            for (Grammar g : order) {
                Chain c = chainOf.get(g);
                if (c != null && c.members.get(0) != g) {
                    continue;
                }
                int id = reps.size();
                reps.add(g);
                if (c != null) {
                    c.id = id;
                    c.counter = "k" + id;
                    for (Grammar m : c.members) {
                        cid.put(m, id);
                    }
                } else {
                    cid.put(g, id);
                }
            }
        }

        /** The Java statements that move from state g over production p. */
        String go(Grammar g, Production p) {
            Grammar n = nx(p);
            Chain c = chainOf.get(g);
            if (c != null && p.getEventCode() == c.step.getEventCode() && chainOf.get(n) == c || c != null && n == c.end && p.getEventCode() == c.step.getEventCode()) {
                return "if (++" + c.counter + " >= " + c.members.size() + ") { s = " + cid.get(c.end) + "; }";
            }
            Chain nc = chainOf.get(n);
            if (nc != null) {
                return "s = " + nc.id + "; " + nc.counter + " = 0;";
            }
            return "s = " + cid.get(n) + ";";
        }
    }

    static Set<Grammar> gset() {
        return java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    }

    static Set<Grammar> gset(Set<Grammar> from) {
        Set<Grammar> s = gset();
        s.addAll(from);
        return s;
    }

    static int indexOf(List<Grammar> l, Grammar g) {
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) == g) {
                return i;
            }
        }
        return -1;
    }

    String localSig(Grammar g) {
        StringBuilder sb = new StringBuilder();
        sb.append(g.getGrammarType()).append('/').append(width(g)).append('/').append(fo.get2ndLevelCharacteristics(g)).append('/');
        for (Production p : productions(g)) {
            sb.append(p.getEventCode()).append(':').append(p.getEvent());
            if (p.getEvent() instanceof StartElement se) {
                sb.append('#').append(System.identityHashCode(se.getGrammar()));
            }
            if (p.getEvent() instanceof DatatypeEvent de) {
                sb.append('#').append(de.getDatatype().getClass().getSimpleName()).append(dtKey(de.getDatatype()));
            }
            sb.append(';');
        }
        return sb.toString();
    }


    /** One emission: for each state in p, the production matching the event, or null. */
    private Set<Grammar> emit(StringBuilder sb, String ind, States ids, Set<Grammar> p, Predicate<Event> match, String what, String valueCode) {
        Set<Grammar> next = gset();
        Map<String, List<Grammar>> byAction = new LinkedHashMap<>();
        List<Grammar> missing = new ArrayList<>();
        for (Grammar g : p) {
            Production found = null;
            for (Production pr : productions(g)) {
                if (match.test(pr.getEvent())) {
                    found = pr;
                    break;
                }
            }
            if (found == null) {
                missing.add(g);
                continue;
            }
            Grammar n = ids.nx(found);
            next.add(n);
            String action = (width(g) > 0 ? "w.bits(" + found.getEventCode() + ", " + width(g) + "); " : "") + ids.go(g, found);
            List<Grammar> l = byAction.computeIfAbsent(action, k -> new ArrayList<>());
            if (!containsCid(l, g, ids)) {
                l.add(g);
            }
        }
        if (byAction.isEmpty()) {
            throw new IllegalStateException("no production for " + what);
        }
        if (byAction.size() == 1 && (missing.isEmpty() || allCovered(missing, byAction, ids))) {
            sb.append(ind).append(byAction.keySet().iterator().next()).append('\n');
        } else {
            sb.append(ind).append("switch (s) {\n");
            for (var e : byAction.entrySet()) {
                for (Grammar g : e.getValue()) {
                    sb.append(ind).append("    case ").append(ids.cid.get(g)).append(":\n");
                }
                sb.append(ind).append("        ").append(e.getKey()).append("\n").append(ind).append("        break;\n");
            }
            sb.append(ind).append("    default:\n").append(ind).append("        throw new org.secc.exi.ExiEncodeException(")
                    .append(q(what + " cannot follow what precedes it in ")).append(" + el);\n");
            sb.append(ind).append("}\n");
        }
        sb.append(indent(valueCode, ind.length()));
        return next;
    }

    private static boolean containsCid(List<Grammar> l, Grammar g, States ids) {
        for (Grammar x : l) {
            if (ids.cid.get(x).equals(ids.cid.get(g))) {
                return true;
            }
        }
        return false;
    }

    private static boolean allCovered(List<Grammar> missing, Map<String, List<Grammar>> byAction, States ids) {
        for (Grammar m : missing) {
            boolean found = false;
            for (List<Grammar> l : byAction.values()) {
                found |= containsCid(l, m, ids);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private StartElement seIn(Set<Grammar> p, String ns, String name) {
        for (Grammar g : p) {
            for (Production pr : productions(g)) {
                if (pr.getEvent() instanceof StartElement se && pr.getEvent().getEventType() == EventType.START_ELEMENT
                        && se.getQName().getLocalPart().equals(name) && se.getQName().getNamespaceURI().equals(ns)) {
                    return se;
                }
            }
        }
        return null;
    }

    private static Predicate<Event> isSE(String ns, String name) {
        return ev -> ev.getEventType() == EventType.START_ELEMENT && ((StartElement) ev).getQName().getLocalPart().equals(name)
                && ((StartElement) ev).getQName().getNamespaceURI().equals(ns);
    }

    private Set<Grammar> closure(States ids, Set<Grammar> p, Predicate<Event> match) {
        Set<Grammar> all = gset(p);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Grammar g : new ArrayList<>(all)) {
                for (Production pr : productions(g)) {
                    if (match.test(pr.getEvent()) && all.add(ids.nx(pr))) {
                        changed = true;
                    }
                }
            }
        }
        return all;
    }

    void writeComplex(ComplexType t, Grammar g0, int id) {
        States ids = new States(g0);
        String T = t.fqn();
        StringBuilder sb = new StringBuilder();
        sb.append("\n    /** ").append(t.xsdName).append(": ").append(ids.all.size()).append(" grammar states. */\n");
        sb.append("    private static void e").append(id).append("(org.secc.exi.runtime.BitWriter w, ").append(T).append(" v) {\n");
        sb.append("        final String el = ").append(q(t.xsdName)).append(";\n");
        sb.append("        int s = 0;\n");
        for (Chain c : ids.chains) {
            sb.append("        int ").append(c.counter).append(" = 0;\n");
        }
        Set<Grammar> p = gset();
        p.add(g0);
        String ind = "        ";
        // attributes in EXI order
        for (Field f : t.attributesExiOrder()) {
            String acc = "v." + f.name + "()";
            Predicate<Event> m = ev -> (ev.getEventType() == EventType.ATTRIBUTE) && ((Attribute) ev).getQName().getLocalPart().equals(f.name)
                    && ((Attribute) ev).getQName().getNamespaceURI().equals(f.ns);
            Attribute at = null;
            for (Grammar g : p) {
                for (Production pr : productions(g)) {
                    if (m.test(pr.getEvent())) {
                        at = (Attribute) pr.getEvent();
                    }
                }
            }
            if (at == null) {
                throw new IllegalStateException("attribute " + f.name + " not in grammar of " + t.name);
            }
            boolean always = f.min > 0 && f.type.simple.primitive();
            String val = encodeValue(at.getDatatype(), f.type.simple, acc, t.xsdName + "@" + f.name);
            StringBuilder part = new StringBuilder();
            Set<Grammar> n = emit(part, always ? ind : ind + "    ", ids, p, m, "@" + f.name, val);
            if (always) {
                sb.append(part);
                p = n;
            } else {
                sb.append(ind).append("if (").append(acc).append(" != null) {\n").append(part).append(ind).append("}\n");
                p.addAll(n);
                if (f.min > 0) {
                    p = n;
                }
            }
        }
        // text content
        for (Field f : t.fields) {
            if (f.kind == FKind.CONTENT) {
                String acc = "v.CONTENT()";
                Predicate<Event> m = ev -> ev.getEventType() == EventType.CHARACTERS;
                Datatype dt = null;
                for (Grammar g : p) {
                    Production pr = g.getProduction(EventType.CHARACTERS);
                    if (pr != null) {
                        dt = ((DatatypeEvent) pr.getEvent()).getDatatype();
                    }
                }
                String val = encodeValue(dt, f.type.simple, acc, t.xsdName + " content");
                StringBuilder part = new StringBuilder();
                if (stringLike(f.type.simple)) {
                    Set<Grammar> n = emit(part, ind + "    ", ids, p, m, "content", val);
                    sb.append(ind).append("if (").append(f.type.simple.kind == SKind.STRING ? "!" + acc + ".isEmpty()" : acc + ".length > 0").append(") {\n").append(part).append(ind).append("}\n");
                    p.addAll(n);
                } else {
                    p = emit(part, ind, ids, p, m, "content", val);
                    sb.append(part);
                }
            } else if (f.kind == FKind.MIXED) {
                Predicate<Event> m = ev -> ev.getEventType() == EventType.CHARACTERS_GENERIC;
                StringBuilder part = new StringBuilder();
                Set<Grammar> n = emit(part, ind + "    ", ids, p, m, "text", "w.string(v.CONTENT());\n");
                sb.append(ind).append("if (v.CONTENT() != null && !v.CONTENT().isEmpty()) {\n").append(part).append(ind).append("}\n");
                p.addAll(n);
            }
        }
        // elements
        for (Field f : t.fields) {
            String acc = "v." + f.name + "()";
            if (f.kind == FKind.ELEMENT) {
                StartElement se = seIn(f.list() ? closure(ids, p, ev -> true) : p, f.ns, f.name);
                if (se == null) {
                    throw new IllegalStateException("element " + f.name + " not in grammar of " + t.name);
                }
                Predicate<Event> m = isSE(f.ns, f.name);
                if (f.list()) {
                    sb.append(ind).append("{\n").append(ind).append("    int n = ").append(acc).append(".size();\n");
                    sb.append(ind).append("    if (n < ").append(f.min).append(f.max == -1 ? "" : " || n > " + f.max).append(") {\n");
                    sb.append(ind).append("        throw new org.secc.exi.ExiEncodeException(").append(q(t.xsdName + "." + f.name + " needs " + f.min + ".." + (f.max == -1 ? "unbounded" : f.max) + " items, has ")).append(" + n);\n");
                    sb.append(ind).append("    }\n").append(ind).append("}\n");
                    Set<Grammar> loop = closure(ids, p, m);
                    StringBuilder part = new StringBuilder();
                    emit(part, ind + "    ", ids, loop, m, f.name, encodeElementCall(se, f.type, "x", f.name) + "\n");
                    sb.append(ind).append("for (var x : ").append(acc).append(") {\n").append(part).append(ind).append("}\n");
                    p = f.min > 0 ? closureAfterOne(ids, p, m) : loop;
                } else {
                    boolean always = f.min > 0;
                    StringBuilder part = new StringBuilder();
                    Set<Grammar> n = emit(part, always ? ind : ind + "    ", ids, p, m, f.name, encodeElementCall(se, f.type, acc, f.name) + "\n");
                    if (always) {
                        sb.append(part);
                        p = n;
                    } else {
                        sb.append(ind).append("if (").append(acc).append(" != null) {\n").append(part).append(ind).append("}\n");
                        p.addAll(n);
                    }
                }
            } else if (f.kind == FKind.CHOICE) {
                Predicate<Event> any = ev -> {
                    for (Alt a : f.choice.alts) {
                        if (isSE(a.ns, a.name).test(ev)) {
                            return true;
                        }
                    }
                    return false;
                };
                Set<Grammar> from = f.list() ? closure(ids, p, any) : p;
                String item = f.list() ? "x" : "c";
                StringBuilder part = new StringBuilder();
                Set<Grammar> after = gset();
                String pi = ind + "    ";
                boolean first = true;
                for (Alt a : f.choice.alts) {
                    StartElement se = seIn(from, a.ns, a.name);
                    if (se == null) {
                        continue;
                    }
                    part.append(pi).append(first ? "" : "} else ").append("if (").append(item).append(" instanceof ").append(f.choice.fqn()).append('.').append(a.name).append(" a) {\n");
                    first = false;
                    after.addAll(emit(part, pi + "    ", ids, from, isSE(a.ns, a.name), a.name, encodeElementCall(se, a.type, "a.value()", a.name) + "\n"));
                }
                part.append(pi).append("} else {\n").append(pi).append("    throw new org.secc.exi.ExiEncodeException(\"unsupported alternative \" + ").append(item).append(");\n").append(pi).append("}\n");
                if (f.list()) {
                    sb.append(ind).append("if (").append(acc).append(".size() < ").append(f.min).append(f.max == -1 ? "" : " || " + acc + ".size() > " + f.max).append(") {\n");
                    sb.append(ind).append("    throw new org.secc.exi.ExiEncodeException(").append(q(t.xsdName + "." + f.name + " item count outside " + f.min + ".." + f.max)).append(");\n").append(ind).append("}\n");
                    sb.append(ind).append("for (var x : ").append(acc).append(") {\n").append(part).append(ind).append("}\n");
                    p = from;
                    p.addAll(after);
                } else {
                    sb.append(ind).append("{\n").append(ind).append("    var c = ").append(acc).append(";\n");
                    if (f.min == 0) {
                        sb.append(ind).append("    if (c != null) {\n").append(indent(part.toString(), 4)).append(ind).append("    }\n");
                        p.addAll(after);
                    } else {
                        sb.append(part);
                        p = after;
                    }
                    sb.append(ind).append("}\n");
                }
            }
        }
        // end element
        Map<String, List<Grammar>> ee = new LinkedHashMap<>();
        for (Grammar g : p) {
            Production pr = g.getProduction(EventType.END_ELEMENT);
            String action;
            if (pr != null) {
                action = width(g) > 0 ? "w.bits(" + pr.getEventCode() + ", " + width(g) + ");" : "";
            } else {
                int ec2 = fo.get2ndLevelEventCode(EventType.END_ELEMENT_UNDECLARED, g);
                action = "w.bits(" + g.getNumberOfEvents() + ", " + width(g) + "); w.bits(" + ec2 + ", " + codingLength(fo.get2ndLevelCharacteristics(g)) + ");";
            }
            List<Grammar> l = ee.computeIfAbsent(action, k -> new ArrayList<>());
            if (!containsCid(l, g, ids)) {
                l.add(g);
            }
        }
        if (ee.size() == 1) {
            sb.append(ind).append(ee.keySet().iterator().next()).append('\n');
        } else {
            sb.append(ind).append("switch (s) {\n");
            for (var e : ee.entrySet()) {
                for (Grammar g : e.getValue()) {
                    sb.append(ind).append("    case ").append(ids.cid.get(g)).append(":\n");
                }
                sb.append(ind).append("        ").append(e.getKey()).append("\n").append(ind).append("        break;\n");
            }
            sb.append(ind).append("    default:\n").append(ind).append("        throw new IllegalStateException(\"state \" + s);\n").append(ind).append("}\n");
        }
        sb.append("    }\n");
        methods.append(sb);
        writeDecoder(t, g0, id, ids);
    }

    private Set<Grammar> closureAfterOne(States ids, Set<Grammar> p, Predicate<Event> m) {
        Set<Grammar> one = gset();
        for (Grammar g : p) {
            for (Production pr : productions(g)) {
                if (m.test(pr.getEvent())) {
                    one.add(ids.nx(pr));
                }
            }
        }
        return closure(ids, one, m);
    }

    // ------------------------------------------------------------------ decoder

    void writeDecoder(ComplexType t, Grammar g0, int id, States ids) {
        String T = t.fqn();
        StringBuilder sb = new StringBuilder();
        sb.append("\n    private static ").append(T).append(" d").append(id).append("(org.secc.exi.runtime.BitReader r, String el) {\n");
        sb.append("        try {\n");
        String ind = "            ";
        Map<Field, String> var = new LinkedHashMap<>();
        int n = 0;
        for (Field f : t.fields) {
            String v = "f" + n++;
            var.put(f, v);
            if (f.list()) {
                String et = f.kind == FKind.CHOICE ? f.choice.fqn() : f.type.javaType(true);
                sb.append(ind).append("java.util.List<").append(et).append("> ").append(v).append(" = null;\n");
            } else if (f.kind == FKind.MIXED) {
                sb.append(ind).append("StringBuilder ").append(v).append(" = null;\n");
            } else if (f.kind == FKind.CHOICE) {
                sb.append(ind).append(f.choice.fqn()).append(' ').append(v).append(" = null;\n");
            } else if (f.type.simple != null && f.type.simple.primitive() && f.min > 0) {
                sb.append(ind).append(f.type.javaType(false)).append(' ').append(v).append(" = ").append(f.type.simple.kind == SKind.BOOLEAN ? "false" : "0").append(";\n");
                sb.append(ind).append("boolean has_").append(v).append(" = false;\n");
            } else {
                sb.append(ind).append(f.type.javaType(true)).append(' ').append(v).append(" = null;\n");
            }
        }
        sb.append(ind).append("int s = 0;\n");
        for (Chain c : ids.chains) {
            sb.append(ind).append("int ").append(c.counter).append(" = 0;\n");
        }
        sb.append(ind).append("loop:\n").append(ind).append("for (;;) {\n");
        sb.append(ind).append("    switch (s) {\n");
        List<Grammar> order = ids.reps;
        String ci = ind + "                ";
        for (Grammar g : order) {
            sb.append(ind).append("        case ").append(ids.cid.get(g)).append(": {\n");
            sb.append(ind).append("            int ec = r.bits(").append(width(g)).append(");\n");
            sb.append(ind).append("            switch (ec) {\n");
            for (Production pr : productions(g)) {
                Event ev = pr.getEvent();
                Grammar next = ids.nx(pr);
                sb.append(ind).append("                case ").append(pr.getEventCode()).append(": {\n");
                String go = next == null || ev.getEventType() == EventType.END_ELEMENT ? "" : ci + "    " + ids.go(g, pr) + "\n" + ci + "    continue loop;\n";
                switch (ev.getEventType()) {
                    case END_ELEMENT -> sb.append(ci).append("    break loop;\n");
                    case ATTRIBUTE -> {
                        Attribute at = (Attribute) ev;
                        Field f = findField(t, FKind.ATTRIBUTE, at.getQName().getNamespaceURI(), at.getQName().getLocalPart());
                        if (f == null) {
                            sb.append(ci).append("    throw r.fail(").append(q("attribute " + at.getQName() + " is not supported")).append(");\n");
                        } else {
                            int dv = valueMethod(at.getDatatype(), f.type.simple);
                            sb.append(ci).append("    ").append(var.get(f)).append(" = dv").append(dv).append("(r);\n");
                            if (f.type.simple.primitive() && f.min > 0) {
                                sb.append(ci).append("    has_").append(var.get(f)).append(" = true;\n");
                            }
                            sb.append(go);
                        }
                    }
                    case CHARACTERS -> {
                        Field f = null;
                        for (Field x : t.fields) {
                            if (x.kind == FKind.CONTENT) {
                                f = x;
                            }
                        }
                        if (f == null) {
                            sb.append(ci).append("    throw r.fail(\"character content is not supported here\");\n");
                        } else {
                            int dv = valueMethod(((DatatypeEvent) ev).getDatatype(), f.type.simple);
                            sb.append(ci).append("    ").append(var.get(f)).append(" = dv").append(dv).append("(r);\n");
                            if (f.type.simple.primitive() && f.min > 0) {
                                sb.append(ci).append("    has_").append(var.get(f)).append(" = true;\n");
                            }
                            sb.append(go);
                        }
                    }
                    case CHARACTERS_GENERIC -> {
                        Field f = null;
                        for (Field x : t.fields) {
                            if (x.kind == FKind.MIXED) {
                                f = x;
                            }
                        }
                        if (f == null) {
                            sb.append(ci).append("    throw r.fail(\"character content is not supported here\");\n");
                        } else {
                            String v = var.get(f);
                            sb.append(ci).append("    {\n").append(ci).append("        String x = r.string(Integer.MAX_VALUE);\n");
                            sb.append(ci).append("        if (").append(v).append(" == null) {\n").append(ci).append("            ").append(v).append(" = new StringBuilder();\n").append(ci).append("        }\n");
                            sb.append(ci).append("        ").append(v).append(".append(x);\n").append(ci).append("    }\n");
                            sb.append(go);
                        }
                    }
                    case START_ELEMENT -> {
                        StartElement se = (StartElement) ev;
                        String ns = se.getQName().getNamespaceURI();
                        String ln = se.getQName().getLocalPart();
                        Field f = findField(t, FKind.ELEMENT, ns, ln);
                        Field cf = null;
                        Alt alt = null;
                        if (f == null) {
                            for (Field x : t.fields) {
                                if (x.kind == FKind.CHOICE) {
                                    for (Alt a : x.choice.alts) {
                                        if (a.name.equals(ln) && a.ns.equals(ns)) {
                                            cf = x;
                                            alt = a;
                                        }
                                    }
                                }
                            }
                        }
                        if (f != null) {
                            String v = var.get(f);
                            String call = decodeElementCall(se, f.type, ln);
                            if (f.list()) {
                                sb.append(ci).append("    if (").append(v).append(" == null) {\n").append(ci).append("        ").append(v).append(" = new java.util.ArrayList<>(4);\n");
                                if (f.max != -1) {
                                    sb.append(ci).append("    } else if (").append(v).append(".size() >= ").append(f.max).append(") {\n");
                                    sb.append(ci).append("        throw r.fail(").append(q("more than " + f.max + " " + ln)).append(");\n");
                                }
                                sb.append(ci).append("    }\n");
                                sb.append(ci).append("    ").append(v).append(".add(").append(call).append(");\n");
                            } else {
                                sb.append(ci).append("    ").append(v).append(" = ").append(call).append(";\n");
                                if (f.type.simple != null && f.type.simple.primitive() && f.min > 0) {
                                    sb.append(ci).append("    has_").append(v).append(" = true;\n");
                                }
                            }
                            sb.append(go);
                        } else if (cf != null) {
                            String v = var.get(cf);
                            String call = "new " + cf.choice.fqn() + "." + alt.name + "(" + decodeElementCall(se, alt.type, ln) + ")";
                            if (cf.list()) {
                                sb.append(ci).append("    if (").append(v).append(" == null) {\n").append(ci).append("        ").append(v).append(" = new java.util.ArrayList<>(4);\n");
                                if (cf.max != -1) {
                                    sb.append(ci).append("    } else if (").append(v).append(".size() >= ").append(cf.max).append(") {\n");
                                    sb.append(ci).append("        throw r.fail(").append(q("more than " + cf.max + " items of " + cf.name)).append(");\n");
                                }
                                sb.append(ci).append("    }\n");
                                sb.append(ci).append("    ").append(v).append(".add(").append(call).append(");\n");
                            } else {
                                sb.append(ci).append("    ").append(v).append(" = ").append(call).append(";\n");
                            }
                            sb.append(go);
                        } else {
                            sb.append(ci).append("    throw r.fail(").append(q("element " + ln + " is not supported (abstract or wildcard content)")).append(");\n");
                        }
                    }
                    default -> sb.append(ci).append("    throw r.fail(").append(q("wildcard event " + ev.getEventType() + " is not supported")).append(");\n");
                }
                sb.append(ci).append("}\n");
            }
            int ch2 = fo.get2ndLevelCharacteristics(g);
            if (ch2 > 0) {
                int ee2 = fo.get2ndLevelEventCode(EventType.END_ELEMENT_UNDECLARED, g);
                sb.append(ci).append("case ").append(g.getNumberOfEvents()).append(": {\n");
                sb.append(ci).append("    int ec2 = r.bits(").append(codingLength(ch2)).append(");\n");
                if (ee2 >= 0) {
                    sb.append(ci).append("    if (ec2 == ").append(ee2).append(") {\n").append(ci).append("        break loop;\n").append(ci).append("    }\n");
                }
                sb.append(ci).append("    throw r.fail(\"schema deviation (second-level event \" + ec2 + \") is not supported\");\n");
                sb.append(ci).append("}\n");
            }
            sb.append(ci).append("default:\n").append(ci).append("    throw r.fail(\"invalid event code \" + ec);\n");
            sb.append(ind).append("            }\n");
            sb.append(ind).append("        }\n");
        }
        sb.append(ind).append("        default:\n").append(ind).append("            throw r.fail(\"invalid grammar state\");\n");
        sb.append(ind).append("    }\n").append(ind).append("}\n");
        // build
        List<String> args = new ArrayList<>();
        for (Field f : t.fields) {
            String v = var.get(f);
            args.add(f.kind == FKind.MIXED ? "(" + v + " == null ? null : " + v + ".toString())" : v);
            if (f.list()) {
                if (f.min > 0) {
                    sb.append(ind).append("if (").append(v).append(" == null || ").append(v).append(".size() < ").append(f.min).append(") {\n");
                    sb.append(ind).append("    throw r.fail(").append(q("fewer than " + f.min + " " + f.name)).append(");\n").append(ind).append("}\n");
                }
            } else if (f.min > 0 && f.kind != FKind.MIXED) {
                boolean prim = f.type != null && f.type.simple != null && f.type.simple.primitive();
                sb.append(ind).append("if (").append(prim ? "!has_" + v : v + " == null").append(") {\n");
                if (f.kind == FKind.CONTENT && stringLike(f.type.simple)) {
                    sb.append(ind).append("    ").append(v).append(" = ").append(f.type.simple.kind == SKind.STRING ? "\"\"" : "new byte[0]").append(";\n");
                } else {
                    sb.append(ind).append("    throw r.fail(").append(q("missing " + f.name)).append(");\n");
                }
                sb.append(ind).append("}\n");
            }
        }
        sb.append(ind).append("return new ").append(T).append("(").append(String.join(", ", args)).append(");\n");
        sb.append("        } catch (org.secc.exi.ExiDecodeException e) {\n            throw e.within(el);\n        }\n    }\n");
        methods.append(sb);
    }

    static Field findField(ComplexType t, FKind k, String ns, String name) {
        for (Field f : t.fields) {
            if (f.kind == k && f.name.equals(name) && f.ns.equals(ns)) {
                return f;
            }
        }
        return null;
    }
}
