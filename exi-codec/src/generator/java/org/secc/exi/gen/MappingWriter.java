package org.secc.exi.gen;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.secc.exi.gen.Model.Alt;
import org.secc.exi.gen.Model.ComplexType;
import org.secc.exi.gen.Model.EnumType;
import org.secc.exi.gen.Model.FKind;
import org.secc.exi.gen.Model.Field;
import org.secc.exi.gen.Model.Simple;
import org.secc.exi.gen.Model.VType;

/**
 * Writes, per package, the JSON mapping ({@code JsonMapping}) into the main sources, and the SAX/DOM
 * mapping for the EXIficient reference path ({@code XmlMapping}) and the random schema-valid instance
 * builders ({@code RandomInstances}) into the test sources.
 */
final class MappingWriter {
    private final Path out;
    private final Path testOut;
    private final List<ComplexType> types;

    MappingWriter(Path out, Path testOut, List<ComplexType> types, Collection<EnumType> enums) {
        this.out = out;
        this.testOut = testOut;
        this.types = types;
    }

    static String jsonClass(ComplexType t) {
        return t.pkg + ".JsonMapping";
    }

    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    void write() throws IOException {
        Map<String, List<ComplexType>> byPkg = new LinkedHashMap<>();
        for (ComplexType t : types) {
            if (!t.isAbstract) {
                byPkg.computeIfAbsent(t.pkg, k -> new ArrayList<>()).add(t);
            }
        }
        for (var e : byPkg.entrySet()) {
            writeJson(e.getKey(), e.getValue());
            writeXml(e.getKey(), e.getValue());
            writeRandom(e.getKey(), e.getValue());
        }
    }

    // ---------------------------------------------------------------- JSON

    static String toJson(String expr, VType t) {
        if (t.complex != null) {
            return jsonClass(t.complex) + ".toJson(" + expr + ")";
        }
        Simple s = t.simple;
        return switch (s.kind) {
            case BOOLEAN -> "(Object) " + expr;
            case INT, LONG -> "org.secc.exi.json.JsonValues.num(" + expr + ")";
            case ULONG -> "org.secc.exi.json.JsonValues.unum(" + expr + ")";
            case BIGINT -> "org.secc.exi.json.JsonValues.num(" + expr + ")";
            case STRING -> expr;
            case HEX -> "org.secc.exi.json.JsonValues.hex(" + expr + ")";
            case BASE64 -> "org.secc.exi.json.JsonValues.b64(" + expr + ")";
            case ENUM -> expr + ".literal()";
        };
    }

    static String fromJson(String o, VType t, String path) {
        if (t.complex != null) {
            return jsonClass(t.complex) + ".fromJson_" + t.complex.name + "(" + o + ", " + path + ")";
        }
        Simple s = t.simple;
        String JV = "org.secc.exi.json.JsonValues.";
        return switch (s.kind) {
            case BOOLEAN -> JV + "bool(" + o + ", " + path + ")";
            case INT -> "(int) " + JV + "lng(" + o + ", " + lo(s, Integer.MIN_VALUE) + "L, " + hi(s, Integer.MAX_VALUE) + "L, " + path + ")";
            case LONG -> JV + "lng(" + o + ", " + lo(s, Long.MIN_VALUE) + "L, " + hi(s, Long.MAX_VALUE) + "L, " + path + ")";
            case ULONG -> JV + "ulng(" + o + ", " + path + ")";
            case BIGINT -> JV + "big(" + o + ", " + path + ")";
            case STRING -> JV + "str(" + o + ", " + path + ")";
            case HEX -> JV + "unhex(" + o + ", " + path + ")";
            case BASE64 -> JV + "unb64(" + o + ", " + path + ")";
            case ENUM -> JV + "lit(" + s.enumType.fqn() + ".ofLiteral(" + JV + "str(" + o + ", " + path + ")), " + o + ", " + path + ")";
        };
    }

    static String lo(Simple s, long dflt) {
        return s.min == null || s.min.compareTo(BigInteger.valueOf(dflt)) < 0 ? String.valueOf(dflt) : s.min.toString();
    }

    static String hi(Simple s, long dflt) {
        return s.max == null || s.max.compareTo(BigInteger.valueOf(dflt)) > 0 ? String.valueOf(dflt) : s.max.toString();
    }

    static String key(Field f) {
        return f.kind == FKind.ATTRIBUTE ? "@" + f.name : f.name;
    }

    private void writeJson(String pkg, List<ComplexType> ts) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("/** JSON mapping of the records of this package: keys are XSD names, attributes \"@Name\", text \"CONTENT\". */\n");
        sb.append(ModelWriter.GENERATED).append("\npublic final class JsonMapping {\n    private JsonMapping() {\n    }\n");
        for (ComplexType t : ts) {
            String T = t.fqn();
            sb.append("\n    public static java.util.Map<String, Object> toJson(").append(T).append(" v) {\n");
            sb.append("        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();\n");
            List<String> keys = new ArrayList<>();
            for (Field f : t.fields) {
                String acc = "v." + f.name + "()";
                switch (f.kind) {
                    case ATTRIBUTE, ELEMENT, CONTENT -> {
                        keys.add(key(f));
                        if (f.list()) {
                            sb.append("        if (!").append(acc).append(".isEmpty()) {\n");
                            sb.append("            java.util.List<Object> l = new java.util.ArrayList<>();\n");
                            sb.append("            for (var x : ").append(acc).append(") {\n                l.add(").append(toJson("x", f.type)).append(");\n            }\n");
                            sb.append("            m.put(").append(q(key(f))).append(", l);\n        }\n");
                        } else if (f.optional() || !(f.type.simple != null && f.type.simple.primitive())) {
                            sb.append("        if (").append(acc).append(" != null) {\n");
                            sb.append("            m.put(").append(q(key(f))).append(", ").append(toJson(acc, f.type)).append(");\n        }\n");
                        } else {
                            sb.append("        m.put(").append(q(key(f))).append(", ").append(toJson(acc, f.type)).append(");\n");
                        }
                    }
                    case MIXED -> {
                        keys.add("CONTENT");
                        sb.append("        if (").append(acc).append(" != null && !").append(acc).append(".isEmpty()) {\n");
                        sb.append("            m.put(\"CONTENT\", ").append(acc).append(");\n        }\n");
                    }
                    case CHOICE -> {
                        for (Alt a : f.choice.alts) {
                            keys.add(a.name);
                        }
                        if (f.list()) {
                            sb.append("        for (var c : ").append(acc).append(") {\n");
                            for (Alt a : f.choice.alts) {
                                sb.append("            if (c instanceof ").append(f.choice.fqn()).append('.').append(a.name).append(" a) {\n");
                                sb.append("                ((java.util.List<Object>) m.computeIfAbsent(").append(q(a.name))
                                        .append(", k -> new java.util.ArrayList<Object>())).add(").append(toJson("a.value()", a.type)).append(");\n            }\n");
                            }
                            sb.append("        }\n");
                        } else {
                            sb.append("        {\n            var c = ").append(acc).append(";\n");
                            for (Alt a : f.choice.alts) {
                                sb.append("            if (c instanceof ").append(f.choice.fqn()).append('.').append(a.name).append(" a) {\n");
                                sb.append("                m.put(").append(q(a.name)).append(", ").append(toJson("a.value()", a.type)).append(");\n            }\n");
                            }
                            sb.append("        }\n");
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
            sb.append("        return m;\n    }\n");
            // fromJson
            sb.append("\n    private static final java.util.Set<String> KEYS_").append(t.name).append(" = java.util.Set.of(");
            for (int i = 0; i < keys.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(q(keys.get(i)));
            }
            sb.append(");\n");
            sb.append("\n    public static ").append(T).append(" fromJson_").append(t.name).append("(Object o, String path) {\n");
            sb.append("        java.util.Map<String, Object> m = org.secc.exi.json.JsonValues.obj(o, path);\n");
            sb.append("        org.secc.exi.json.JsonValues.keys(m, KEYS_").append(t.name).append(", path);\n");
            List<String> args = new ArrayList<>();
            int n = 0;
            for (Field f : t.fields) {
                String var = "f" + n++;
                args.add(var);
                String k = f.kind == FKind.CHOICE ? null : (f.kind == FKind.MIXED ? "CONTENT" : key(f));
                if (f.kind == FKind.MIXED) {
                    sb.append("        String ").append(var).append(" = m.get(\"CONTENT\") == null ? null : org.secc.exi.json.JsonValues.str(m.get(\"CONTENT\"), path + \"/CONTENT\");\n");
                } else if (f.kind == FKind.CHOICE) {
                    String CT = f.choice.fqn();
                    if (f.list()) {
                        sb.append("        java.util.List<").append(CT).append("> ").append(var).append(" = new java.util.ArrayList<>();\n");
                        for (Alt a : f.choice.alts) {
                            sb.append("        if (m.get(").append(q(a.name)).append(") != null) {\n");
                            sb.append("            for (Object x : org.secc.exi.json.JsonValues.arr(m.get(").append(q(a.name)).append("), path + \"/").append(a.name).append("\")) {\n");
                            sb.append("                ").append(var).append(".add(new ").append(CT).append('.').append(a.name).append('(')
                                    .append(fromJson("x", a.type, "path + \"/" + a.name + "\"")).append("));\n            }\n        }\n");
                        }
                    } else {
                        sb.append("        ").append(CT).append(' ').append(var).append(" = null;\n");
                        for (Alt a : f.choice.alts) {
                            sb.append("        if (m.get(").append(q(a.name)).append(") != null) {\n");
                            sb.append("            if (").append(var).append(" != null) {\n                throw org.secc.exi.json.JsonValues.bad(path, \"more than one of the choice ").append(f.name).append("\");\n            }\n");
                            sb.append("            ").append(var).append(" = new ").append(CT).append('.').append(a.name).append('(')
                                    .append(fromJson("m.get(" + q(a.name) + ")", a.type, "path + \"/" + a.name + "\"")).append(");\n        }\n");
                        }
                        if (f.min > 0) {
                            sb.append("        if (").append(var).append(" == null) {\n            throw org.secc.exi.json.JsonValues.bad(path, \"missing one of the choice ").append(f.name).append("\");\n        }\n");
                        }
                    }
                } else if (f.list()) {
                    sb.append("        java.util.List<").append(f.type.javaType(true)).append("> ").append(var).append(" = new java.util.ArrayList<>();\n");
                    sb.append("        if (m.get(").append(q(k)).append(") != null) {\n");
                    sb.append("            for (Object x : org.secc.exi.json.JsonValues.arr(m.get(").append(q(k)).append("), path + \"/").append(k).append("\")) {\n");
                    sb.append("                ").append(var).append(".add(").append(fromJson("x", f.type, "path + \"/" + k + "\"")).append(");\n            }\n        }\n");
                } else if (f.min == 0) {
                    sb.append("        ").append(f.type.javaType(true)).append(' ').append(var).append(" = m.get(").append(q(k)).append(") == null ? null : ")
                            .append(fromJson("m.get(" + q(k) + ")", f.type, "path + \"/" + k + "\"")).append(";\n");
                } else {
                    sb.append("        ").append(f.type.javaType(false)).append(' ').append(var).append(" = ")
                            .append(fromJson("org.secc.exi.json.JsonValues.req(m, " + q(k) + ", path)", f.type, "path + \"/" + k + "\"")).append(";\n");
                }
            }
            sb.append("        return new ").append(T).append("(").append(String.join(", ", args)).append(");\n    }\n");
        }
        sb.append("}\n");
        String body = sb.toString();
        if (body.contains("(java.util.List<Object>) m.computeIfAbsent")) {
            body = body.replace("public final class JsonMapping", "@SuppressWarnings(\"unchecked\")\npublic final class JsonMapping");
        }
        ModelWriter.write(out, pkg, "JsonMapping", body);
    }

    // ---------------------------------------------------------------- XML (reference path)

    static String lexical(String expr, Simple s) {
        return switch (s.kind) {
            case BOOLEAN -> "(" + expr + " ? \"true\" : \"false\")";
            case INT, LONG -> "String.valueOf(" + expr + ")";
            case ULONG -> "Long.toUnsignedString(" + expr + ")";
            case BIGINT -> expr + ".toString()";
            case STRING -> expr;
            case HEX -> "org.secc.exi.json.JsonValues.hex(" + expr + ")";
            case BASE64 -> "org.secc.exi.json.JsonValues.b64(" + expr + ")";
            case ENUM -> expr + ".literal()";
        };
    }

    static String parseLexical(String expr, Simple s) {
        String X = "org.secc.exi.reference.XmlValues.";
        return switch (s.kind) {
            case BOOLEAN -> X + "bool(" + expr + ")";
            case INT -> "(int) " + X + "lng(" + expr + ")";
            case LONG -> X + "lng(" + expr + ")";
            case ULONG -> X + "ulng(" + expr + ")";
            case BIGINT -> X + "big(" + expr + ")";
            case STRING -> expr;
            case HEX -> X + "hex(" + expr + ")";
            case BASE64 -> X + "b64(" + expr + ")";
            case ENUM -> X + "lit(" + s.enumType.fqn() + ".ofLiteral(" + expr + "), " + expr + ")";
        };
    }

    static String saxElement(String h, String ns, String name, String expr, VType t) {
        if (t.complex != null) {
            return t.complex.pkg + ".XmlMapping.sax(" + h + ", " + q(ns) + ", " + q(name) + ", " + expr + ");";
        }
        return "org.secc.exi.reference.XmlValues.simple(" + h + ", " + q(ns) + ", " + q(name) + ", " + lexical(expr, t.simple) + ");";
    }

    static String domValue(String el, VType t) {
        if (t.complex != null) {
            return t.complex.pkg + ".XmlMapping.dom_" + t.complex.name + "(" + el + ")";
        }
        return parseLexical("org.secc.exi.reference.XmlValues.text(" + el + ")", t.simple);
    }

    private void writeXml(String pkg, List<ComplexType> ts) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("/** XML infoset mapping of this package's records: SAX events out, DOM in (the EXIficient reference path). */\n");
        sb.append(ModelWriter.GENERATED).append("\npublic final class XmlMapping {\n    private XmlMapping() {\n    }\n");
        for (ComplexType t : ts) {
            String T = t.fqn();
            sb.append("\n    public static void sax(org.xml.sax.ContentHandler h, String ns, String name, ").append(T)
                    .append(" v) throws org.xml.sax.SAXException {\n");
            sb.append("        org.xml.sax.helpers.AttributesImpl at = new org.xml.sax.helpers.AttributesImpl();\n");
            for (Field f : t.fields) {
                if (f.kind == FKind.ATTRIBUTE) {
                    String acc = "v." + f.name + "()";
                    sb.append("        if (").append(f.type.simple.primitive() && f.min > 0 ? "true" : acc + " != null").append(") {\n");
                    sb.append("            at.addAttribute(").append(q(f.ns)).append(", ").append(q(f.name)).append(", ").append(q(f.name))
                            .append(", \"CDATA\", ").append(lexical(acc, f.type.simple)).append(");\n        }\n");
                }
            }
            sb.append("        h.startElement(ns, name, name, at);\n");
            for (Field f : t.fields) {
                String acc = "v." + f.name + "()";
                switch (f.kind) {
                    case CONTENT -> sb.append("        org.secc.exi.reference.XmlValues.chars(h, ").append(lexical(acc, f.type.simple)).append(");\n");
                    case MIXED -> sb.append("        if (").append(acc).append(" != null) {\n            org.secc.exi.reference.XmlValues.chars(h, ").append(acc).append(");\n        }\n");
                    default -> {
                    }
                }
            }
            for (Field f : t.fields) {
                String acc = "v." + f.name + "()";
                switch (f.kind) {
                    case ELEMENT -> {
                        if (f.list()) {
                            sb.append("        for (var x : ").append(acc).append(") {\n            ").append(saxElement("h", f.ns, f.name, "x", f.type)).append("\n        }\n");
                        } else if (f.type.simple != null && f.type.simple.primitive() && f.min > 0) {
                            sb.append("        ").append(saxElement("h", f.ns, f.name, acc, f.type)).append("\n");
                        } else {
                            sb.append("        if (").append(acc).append(" != null) {\n            ").append(saxElement("h", f.ns, f.name, acc, f.type)).append("\n        }\n");
                        }
                    }
                    case CHOICE -> {
                        String item = f.list() ? "c" : "c";
                        if (f.list()) {
                            sb.append("        for (var c : ").append(acc).append(") {\n");
                        } else {
                            sb.append("        {\n            var c = ").append(acc).append(";\n");
                        }
                        for (Alt a : f.choice.alts) {
                            sb.append("            if (").append(item).append(" instanceof ").append(f.choice.fqn()).append('.').append(a.name).append(" a) {\n                ")
                                    .append(saxElement("h", a.ns, a.name, "a.value()", a.type)).append("\n            }\n");
                        }
                        sb.append("        }\n");
                    }
                    default -> {
                    }
                }
            }
            sb.append("        h.endElement(ns, name, name);\n    }\n");
            // DOM in
            sb.append("\n    public static ").append(T).append(" dom_").append(t.name).append("(org.w3c.dom.Element e) {\n");
            int n = 0;
            List<String> args = new ArrayList<>();
            Map<Field, String> vars = new LinkedHashMap<>();
            for (Field f : t.fields) {
                String var = "f" + n++;
                args.add(var);
                vars.put(f, var);
                switch (f.kind) {
                    case ATTRIBUTE -> sb.append("        ").append(f.type.javaType(true)).append(' ').append(var).append(" = e.hasAttributeNS(")
                            .append(f.ns.isEmpty() ? "null" : q(f.ns)).append(", ").append(q(f.name)).append(") ? ")
                            .append(parseLexical("e.getAttributeNS(" + (f.ns.isEmpty() ? "null" : q(f.ns)) + ", " + q(f.name) + ")", f.type.simple)).append(" : null;\n");
                    case CONTENT -> sb.append("        ").append(f.type.javaType(true)).append(' ').append(var).append(" = ")
                            .append(parseLexical("org.secc.exi.reference.XmlValues.text(e)", f.type.simple)).append(";\n");
                    case MIXED -> sb.append("        String ").append(var).append(" = org.secc.exi.reference.XmlValues.ownText(e);\n");
                    case ELEMENT -> sb.append("        ").append(f.list() ? "java.util.List<" + f.type.javaType(true) + ">" : f.type.javaType(true)).append(' ').append(var)
                            .append(f.list() ? " = new java.util.ArrayList<>();\n" : " = null;\n");
                    case CHOICE -> sb.append("        ").append(f.javaType()).append(' ').append(var).append(f.list() ? " = new java.util.ArrayList<>();\n" : " = null;\n");
                    default -> throw new IllegalStateException();
                }
            }
            sb.append("        for (org.w3c.dom.Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {\n");
            sb.append("            if (!(c instanceof org.w3c.dom.Element ce)) {\n                continue;\n            }\n");
            sb.append("            String ns = ce.getNamespaceURI() == null ? \"\" : ce.getNamespaceURI();\n");
            sb.append("            String ln = ce.getLocalName();\n");
            for (Field f : t.fields) {
                String var = vars.get(f);
                if (f.kind == FKind.ELEMENT) {
                    sb.append("            if (ln.equals(").append(q(f.name)).append(") && ns.equals(").append(q(f.ns)).append(")) {\n");
                    sb.append("                ").append(var).append(f.list() ? ".add(" : " = (").append(domValue("ce", f.type)).append(");\n                continue;\n            }\n");
                } else if (f.kind == FKind.CHOICE) {
                    for (Alt a : f.choice.alts) {
                        sb.append("            if (ln.equals(").append(q(a.name)).append(") && ns.equals(").append(q(a.ns)).append(")) {\n");
                        String nv = "new " + f.choice.fqn() + "." + a.name + "(" + domValue("ce", a.type) + ")";
                        sb.append("                ").append(var).append(f.list() ? ".add(" + nv + ");" : " = " + nv + ";").append("\n                continue;\n            }\n");
                    }
                }
            }
            sb.append("            throw new IllegalArgumentException(\"unexpected element \" + ln + \" in ").append(t.xsdName).append("\");\n        }\n");
            sb.append("        return new ").append(T).append("(").append(String.join(", ", args)).append(");\n    }\n");
        }
        sb.append("}\n");
        ModelWriter.write(testOut, pkg, "XmlMapping", sb.toString());
    }

    // ---------------------------------------------------------------- random instances

    static String randomValue(VType t) {
        if (t.complex != null) {
            return t.complex.pkg + ".RandomInstances.random_" + t.complex.name + "(r)";
        }
        Simple s = t.simple;
        return switch (s.kind) {
            case BOOLEAN -> "r.bool()";
            case INT -> "(int) r.longIn(" + lo(s, Integer.MIN_VALUE) + "L, " + hi(s, Integer.MAX_VALUE) + "L)";
            case LONG -> "r.longIn(" + lo(s, Long.MIN_VALUE) + "L, " + hi(s, Long.MAX_VALUE) + "L)";
            case ULONG -> "r.ulong()";
            case BIGINT -> "r.big()";
            case STRING -> "r.string(" + s.minLength + ", " + s.maxLength + ")";
            case HEX, BASE64 -> "r.bytes(" + s.minLength + ", " + s.maxLength + ")";
            case ENUM -> s.enumType.fqn() + ".values()[r.pick(" + s.enumType.literals.size() + ")]";
        };
    }

    private void writeRandom(String pkg, List<ComplexType> ts) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("/** Random schema-valid instances of this package's records (facets respected), for tests and benchmarks. */\n");
        sb.append(ModelWriter.GENERATED).append("\npublic final class RandomInstances {\n    private RandomInstances() {\n    }\n");
        for (ComplexType t : ts) {
            sb.append("\n    public static ").append(t.fqn()).append(" random_").append(t.name).append("(org.secc.exi.runtime.RandomSource r) {\n");
            List<String> args = new ArrayList<>();
            int n = 0;
            for (Field f : t.fields) {
                String var = "f" + n++;
                args.add(var);
                switch (f.kind) {
                    case MIXED -> sb.append("        String ").append(var).append(" = r.pick(5) == 0 ? r.string(1, 12) : null;\n");
                    case CHOICE -> {
                        String alts;
                        StringBuilder ab = new StringBuilder("switch (r.pick(" + f.choice.alts.size() + ")) {\n");
                        for (int i = 0; i < f.choice.alts.size(); i++) {
                            Alt a = f.choice.alts.get(i);
                            ab.append("            ").append(i + 1 < f.choice.alts.size() ? "case " + i : "default").append(" -> new ")
                                    .append(f.choice.fqn()).append('.').append(a.name).append('(').append(randomValue(a.type)).append(");\n");
                        }
                        ab.append("        }");
                        alts = ab.toString();
                        if (f.list()) {
                            sb.append("        java.util.List<").append(f.choice.fqn()).append("> ").append(var).append(" = new java.util.ArrayList<>();\n");
                            sb.append("        for (int i = r.count(").append(f.min).append(", ").append(f.max).append("); i > 0; i--) {\n");
                            sb.append("            ").append(var).append(".add(").append(alts.replace("\n        }", "\n            }")).append(");\n        }\n");
                        } else {
                            sb.append("        ").append(f.choice.fqn()).append(' ').append(var).append(" = ");
                            if (f.min == 0) {
                                sb.append("!r.present() ? null : ");
                            }
                            sb.append(alts).append(";\n");
                        }
                    }
                    default -> {
                        if (f.list()) {
                            sb.append("        java.util.List<").append(f.type.javaType(true)).append("> ").append(var).append(" = new java.util.ArrayList<>();\n");
                            sb.append("        for (int i = r.count(").append(f.min).append(", ").append(f.max).append("); i > 0; i--) {\n");
                            sb.append("            ").append(var).append(".add(").append(randomValue(f.type)).append(");\n        }\n");
                        } else if (f.min == 0) {
                            sb.append("        ").append(f.type.javaType(true)).append(' ').append(var).append(" = r.present() ? ").append(randomValue(f.type)).append(" : null;\n");
                        } else {
                            sb.append("        ").append(f.type.javaType(false)).append(' ').append(var).append(" = ").append(randomValue(f.type)).append(";\n");
                        }
                    }
                }
            }
            sb.append("        return new ").append(t.fqn()).append("(").append(String.join(", ", args)).append(");\n    }\n");
        }
        sb.append("}\n");
        ModelWriter.write(testOut, pkg, "RandomInstances", sb.toString());
    }
}
