package org.secc.exi.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.secc.exi.gen.Model.Alt;
import org.secc.exi.gen.Model.Choice;
import org.secc.exi.gen.Model.ComplexType;
import org.secc.exi.gen.Model.EnumType;
import org.secc.exi.gen.Model.FKind;
import org.secc.exi.gen.Model.Field;

/** Writes the typed model: records, enums, sealed interfaces. */
final class ModelWriter {
    static final String GENERATED = "@javax.annotation.processing.Generated(\"org.secc.exi.gen.Generator\")";
    private final Path out;

    ModelWriter(Path out) {
        this.out = out;
    }

    static void write(Path out, String pkg, String name, String body) throws IOException {
        Path dir = out.resolve(pkg.replace('.', '/'));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".java"), "package " + pkg + ";\n\n" + body);
    }

    void writeEnum(EnumType e) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("/** XSD enumeration {@code ").append(e.name).append("}; the ordinal is the EXI enumeration index. */\n");
        sb.append(GENERATED).append("\npublic enum ").append(e.name).append(" {\n");
        for (int i = 0; i < e.literals.size(); i++) {
            sb.append("    ").append(e.constants.get(i)).append("(\"").append(e.literals.get(i)).append("\")")
                    .append(i + 1 < e.literals.size() ? ",\n" : ";\n");
        }
        sb.append("\n    private static final ").append(e.name).append("[] VALUES = values();\n");
        sb.append("    private final String literal;\n\n");
        sb.append("    ").append(e.name).append("(String literal) {\n        this.literal = literal;\n    }\n\n");
        sb.append("    /** The XSD literal. */\n    public String literal() {\n        return literal;\n    }\n\n");
        sb.append("    /** The constant for an EXI enumeration index, or null when out of range. */\n");
        sb.append("    public static ").append(e.name).append(" ofIndex(int index) {\n");
        sb.append("        return index >= 0 && index < VALUES.length ? VALUES[index] : null;\n    }\n\n");
        sb.append("    /** The constant for an XSD literal, or null when there is none. */\n");
        sb.append("    public static ").append(e.name).append(" ofLiteral(String literal) {\n");
        sb.append("        for (").append(e.name).append(" v : VALUES) {\n            if (v.literal.equals(literal)) {\n                return v;\n            }\n        }\n        return null;\n    }\n}\n");
        write(out, e.pkg, e.name, sb.toString());
    }

    static List<Field> ownFields(ComplexType t) {
        List<Field> own = new ArrayList<>();
        outer:
        for (Field f : t.fields) {
            if (t.base != null) {
                for (Field bf : t.base.fields) {
                    if (bf.name.equals(f.name) && bf.kind == f.kind) {
                        continue outer;
                    }
                }
            }
            own.add(f);
        }
        return own;
    }

    void writeType(ComplexType t) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("/**\n * XSD complexType {@code ").append(t.xsdName).append("} of {@code ").append(t.ns).append("}");
        if (t.hasWildcard) {
            sb.append(";\n * its wildcard content (xs:any / xs:anyAttribute) is not part of the model");
        }
        sb.append(".\n */\n").append(GENERATED).append('\n');
        if (t.isAbstract) {
            sb.append("public interface ").append(t.name);
            if (t.abstractBase != null) {
                sb.append(" extends ").append(t.abstractBase.fqn());
            }
            sb.append(" {\n");
            for (Field f : ownFields(t)) {
                if (f.kind == FKind.CHOICE) {
                    continue; // choice interfaces live in the concrete records
                }
                sb.append("    ").append(f.javaType()).append(' ').append(f.name).append("();\n\n");
            }
            sb.append("}\n");
            write(out, t.pkg, t.name, sb.toString());
            return;
        }
        sb.append("public record ").append(t.name).append("(");
        for (int i = 0; i < t.fields.size(); i++) {
            Field f = t.fields.get(i);
            sb.append(i == 0 ? "\n        " : ",\n        ");
            if (f.optional() || f.kind == FKind.MIXED) {
                sb.append("/* optional */ ");
            }
            sb.append(f.javaType()).append(' ').append(f.name);
        }
        sb.append(")");
        if (t.abstractBase != null) {
            sb.append(" implements ").append(t.abstractBase.fqn());
        }
        sb.append(" {\n");
        // compact constructor: required references must be present; absent lists are empty
        StringBuilder cc = new StringBuilder();
        for (Field f : t.fields) {
            if (f.list()) {
                cc.append("        if (").append(f.name).append(" == null) {\n            ").append(f.name)
                        .append(" = java.util.List.of();\n        }\n");
            } else if (f.min > 0 && f.kind != FKind.MIXED && !(f.type != null && f.type.simple != null && f.type.simple.primitive())) {
                cc.append("        java.util.Objects.requireNonNull(").append(f.name).append(", \"").append(t.xsdName)
                        .append('.').append(f.name).append(" is required\");\n");
            }
        }
        if (cc.length() > 0) {
            sb.append("    public ").append(t.name).append(" {\n").append(cc).append("    }\n");
        }
        for (Choice c : t.choices.values()) {
            sb.append("\n    /** The alternatives of {@code ").append(c.name).append("}, one record per element. */\n");
            sb.append("    public sealed interface ").append(c.name).append(" {\n");
            for (Alt a : c.alts) {
                sb.append("        /** Element {@code ").append(a.name).append("}. */\n");
                sb.append("        record ").append(a.name).append("(").append(a.type.javaType(false)).append(" value) implements ")
                        .append(c.name).append(" {\n");
                if (!(a.type.simple != null && a.type.simple.primitive())) {
                    sb.append("            public ").append(a.name).append(" {\n                java.util.Objects.requireNonNull(value);\n            }\n");
                }
                sb.append("        }\n");
            }
            sb.append("    }\n");
        }
        sb.append("}\n");
        write(out, t.pkg, t.name, sb.toString());
    }
}
