package org.secc.exi.gen;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The generator's intermediate model: what the XSDs declare, in the shape the Java model takes. */
final class Model {
    private Model() {
    }

    /** Simple value kinds as they appear in Java. */
    enum SKind { BOOLEAN, INT, LONG, ULONG, BIGINT, STRING, HEX, BASE64, ENUM }

    static final class Simple {
        SKind kind;
        BigInteger min;
        BigInteger max;
        Integer minLength;
        Integer maxLength;
        EnumType enumType;
        String xsdName;

        String javaType(boolean boxed) {
            return switch (kind) {
                case BOOLEAN -> boxed ? "Boolean" : "boolean";
                case INT -> boxed ? "Integer" : "int";
                case LONG, ULONG -> boxed ? "Long" : "long";
                case BIGINT -> "java.math.BigInteger";
                case STRING -> "String";
                case HEX, BASE64 -> "byte[]";
                case ENUM -> enumType.fqn();
            };
        }

        boolean primitive() {
            return kind == SKind.BOOLEAN || kind == SKind.INT || kind == SKind.LONG || kind == SKind.ULONG;
        }

        String signature() {
            return kind + ":" + min + ":" + max + ":" + minLength + ":" + maxLength + ":" + (enumType == null ? "" : enumType.fqn());
        }
    }

    static final class EnumType {
        String pkg;
        String name;
        List<String> literals = new ArrayList<>();
        List<String> constants = new ArrayList<>();

        String fqn() {
            return pkg + "." + name;
        }
    }

    /** A field's value: either a complex type or a simple one. */
    static final class VType {
        ComplexType complex;
        Simple simple;

        String javaType(boolean boxed) {
            return complex != null ? complex.fqn() : simple.javaType(boxed);
        }

        String sig() {
            return complex != null ? "C:" + complex.fqn() : "S:" + simple.signature();
        }
    }

    enum FKind { ATTRIBUTE, ELEMENT, CHOICE, CONTENT, MIXED }

    static final class Field {
        FKind kind;
        String name; // XSD local name (= Java component name), or CONTENT
        String ns = ""; // namespace of the attribute/element
        VType type; // for ATTRIBUTE, ELEMENT, CONTENT
        Choice choice; // for CHOICE
        int min = 1;
        int max = 1; // -1 unbounded

        boolean list() {
            return max != 1;
        }

        boolean optional() {
            return min == 0 && !list();
        }

        String javaType() {
            if (kind == FKind.MIXED) {
                return "String";
            }
            String base = kind == FKind.CHOICE ? choice.fqn() : type.javaType(list() || optional());
            return list() ? "java.util.List<" + (kind == FKind.CHOICE ? base : type.javaType(true)) + ">" : base;
        }

        String sig() {
            return kind + ":" + name + ":" + ns + ":" + min + ":" + max + ":" + (type == null ? "" : type.sig())
                    + (choice == null ? "" : choice.sig());
        }
    }

    static final class Alt {
        String name; // element local name, also the wrapper record's name
        String ns;
        VType type;
    }

    static final class Choice {
        ComplexType owner;
        String name;
        List<Alt> alts = new ArrayList<>();

        String fqn() {
            return owner.fqn() + "." + name;
        }

        String sig() {
            StringBuilder sb = new StringBuilder("{");
            for (Alt a : alts) {
                sb.append(a.ns).append(':').append(a.name).append('=').append(a.type.sig()).append(';');
            }
            return sb.append('}').toString();
        }
    }

    static final class ComplexType {
        String ns;
        String xsdName;
        String pkg;
        String name;
        boolean isAbstract;
        ComplexType abstractBase; // nearest abstract ancestor (for the interface)
        ComplexType base;
        boolean mixed;
        boolean simpleContent;
        boolean hasWildcard;
        List<Field> fields = new ArrayList<>();
        Map<String, Choice> choices = new LinkedHashMap<>();
        String doc;

        String fqn() {
            return pkg + "." + name;
        }

        String sig() {
            StringBuilder sb = new StringBuilder();
            for (Field f : fields) {
                sb.append(f.sig()).append('|');
            }
            return sb.toString();
        }

        /** Attributes in EXI order: by local name, then namespace. */
        List<Field> attributesExiOrder() {
            List<Field> l = new ArrayList<>();
            for (Field f : fields) {
                if (f.kind == FKind.ATTRIBUTE) {
                    l.add(f);
                }
            }
            l.sort((a, b) -> a.name.equals(b.name) ? a.ns.compareTo(b.ns) : a.name.compareTo(b.name));
            return l;
        }
    }
}
