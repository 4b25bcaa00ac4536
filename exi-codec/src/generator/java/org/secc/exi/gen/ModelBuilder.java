package org.secc.exi.gen;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.xerces.xs.StringList;
import org.apache.xerces.xs.XSAttributeUse;
import org.apache.xerces.xs.XSComplexTypeDefinition;
import org.apache.xerces.xs.XSConstants;
import org.apache.xerces.xs.XSElementDeclaration;
import org.apache.xerces.xs.XSModel;
import org.apache.xerces.xs.XSModelGroup;
import org.apache.xerces.xs.XSObjectList;
import org.apache.xerces.xs.XSParticle;
import org.apache.xerces.xs.XSSimpleTypeDefinition;
import org.apache.xerces.xs.XSTerm;
import org.apache.xerces.xs.XSTypeDefinition;
import org.apache.xerces.xs.XSWildcard;
import org.secc.exi.gen.Model.Alt;
import org.secc.exi.gen.Model.Choice;
import org.secc.exi.gen.Model.ComplexType;
import org.secc.exi.gen.Model.EnumType;
import org.secc.exi.gen.Model.FKind;
import org.secc.exi.gen.Model.Field;
import org.secc.exi.gen.Model.SKind;
import org.secc.exi.gen.Model.Simple;
import org.secc.exi.gen.Model.VType;

/** Builds the Java-shaped model of one or more XSModels; types are shared by qualified name. */
final class ModelBuilder {
    static final String XS = "http://www.w3.org/2001/XMLSchema";
    final Map<String, String> packages;
    final Map<String, ComplexType> complexTypes = new LinkedHashMap<>();
    final Map<String, EnumType> enums = new LinkedHashMap<>();
    private final Map<Object, ComplexType> byDecl = new HashMap<>();
    private XSModel model;

    ModelBuilder(Map<String, String> packages) {
        this.packages = packages;
    }

    String pkg(String ns) {
        String p = packages.get(ns == null ? "" : ns);
        if (p == null) {
            throw new IllegalStateException("no package for namespace " + ns);
        }
        return p;
    }

    void use(XSModel m) {
        this.model = m;
    }

    VType typeOfElement(XSElementDeclaration e, String anonName) {
        XSTypeDefinition t = e.getTypeDefinition();
        VType v = new VType();
        if (t.getTypeCategory() == XSTypeDefinition.SIMPLE_TYPE) {
            v.simple = simple((XSSimpleTypeDefinition) t, anonName);
        } else {
            XSComplexTypeDefinition ct = (XSComplexTypeDefinition) t;
            if (ct.getName() == null && ct.getContentType() == XSComplexTypeDefinition.CONTENTTYPE_SIMPLE
                    && ct.getAttributeUses().getLength() == 0) {
                v.simple = simple(ct.getSimpleType(), anonName);
            } else {
                v.complex = complex(ct, anonName, e.getNamespace());
            }
        }
        return v;
    }

    Simple simple(XSSimpleTypeDefinition st, String anonName) {
        Simple s = new Simple();
        s.xsdName = st.getName();
        StringList enumFacet = st.getLexicalEnumeration();
        if (enumFacet != null && enumFacet.getLength() > 0) {
            s.kind = SKind.ENUM;
            String name = st.getName() != null ? st.getName() : anonName;
            String key = st.getNamespace() + "#" + name;
            EnumType et = enums.get(key);
            if (et == null) {
                et = new EnumType();
                et.pkg = pkg(st.getNamespace() != null && !XS.equals(st.getNamespace()) ? st.getNamespace() : currentNs);
                et.name = name;
                for (int i = 0; i < enumFacet.getLength(); i++) {
                    String lit = enumFacet.item(i);
                    et.literals.add(lit);
                    String c = lit.replaceAll("[^A-Za-z0-9_]", "_");
                    if (c.isEmpty() || Character.isDigit(c.charAt(0))) {
                        c = "_" + c;
                    }
                    if (javax.lang.model.SourceVersion.isKeyword(c)) {
                        c = c + "_"; // DIN valueType has literals bool, byte, short, int
                    }
                    et.constants.add(c);
                }
                enums.put(key, et);
            }
            s.enumType = et;
            return s;
        }
        XSSimpleTypeDefinition prim = st.getPrimitiveType();
        String pn = prim == null ? "string" : prim.getName();
        switch (pn) {
            case "boolean" -> s.kind = SKind.BOOLEAN;
            case "hexBinary" -> s.kind = SKind.HEX;
            case "base64Binary" -> s.kind = SKind.BASE64;
            case "decimal" -> {
                s.min = bound(st, XSSimpleTypeDefinition.FACET_MININCLUSIVE, XSSimpleTypeDefinition.FACET_MINEXCLUSIVE, 1);
                s.max = bound(st, XSSimpleTypeDefinition.FACET_MAXINCLUSIVE, XSSimpleTypeDefinition.FACET_MAXEXCLUSIVE, -1);
                if (!isIntegerDerived(st)) {
                    throw new IllegalStateException("xs:decimal values are not supported: " + st);
                }
                BigInteger iMin = BigInteger.valueOf(Integer.MIN_VALUE);
                BigInteger iMax = BigInteger.valueOf(Integer.MAX_VALUE);
                BigInteger lMin = BigInteger.valueOf(Long.MIN_VALUE);
                BigInteger lMax = BigInteger.valueOf(Long.MAX_VALUE);
                BigInteger ulMax = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
                if (s.min != null && s.max != null && s.min.compareTo(iMin) >= 0 && s.max.compareTo(iMax) <= 0) {
                    s.kind = SKind.INT;
                } else if (s.min != null && s.max != null && s.min.compareTo(lMin) >= 0 && s.max.compareTo(lMax) <= 0) {
                    s.kind = SKind.LONG;
                } else if (s.min != null && s.max != null && s.min.signum() >= 0 && s.max.compareTo(ulMax) <= 0) {
                    s.kind = SKind.ULONG;
                } else {
                    s.kind = SKind.BIGINT;
                }
            }
            case "string", "anyURI", "QName", "NOTATION" -> s.kind = SKind.STRING;
            default -> throw new IllegalStateException("unsupported simple type " + pn + " (" + st + ")");
        }
        if (s.kind == SKind.STRING || s.kind == SKind.HEX || s.kind == SKind.BASE64) {
            String len = st.getLexicalFacetValue(XSSimpleTypeDefinition.FACET_LENGTH);
            String minL = st.getLexicalFacetValue(XSSimpleTypeDefinition.FACET_MINLENGTH);
            String maxL = st.getLexicalFacetValue(XSSimpleTypeDefinition.FACET_MAXLENGTH);
            if (len != null) {
                s.minLength = Integer.valueOf(len);
                s.maxLength = Integer.valueOf(len);
            }
            if (minL != null) {
                s.minLength = Integer.valueOf(minL);
            }
            if (maxL != null) {
                s.maxLength = Integer.valueOf(maxL);
            }
            if (st.getLexicalPattern() != null && st.getLexicalPattern().getLength() > 0) {
                throw new IllegalStateException("pattern facets are not supported: " + st);
            }
        }
        return s;
    }

    private static boolean isIntegerDerived(XSSimpleTypeDefinition st) {
        for (XSTypeDefinition t = st; t != null; t = t.getBaseType()) {
            if (XS.equals(t.getNamespace()) && "integer".equals(t.getName())) {
                return true;
            }
            if (t == t.getBaseType()) {
                break;
            }
        }
        return false;
    }

    private static BigInteger bound(XSSimpleTypeDefinition st, short incl, short excl, int adj) {
        String v = st.getLexicalFacetValue(incl);
        if (v != null) {
            return new BigInteger(v.trim());
        }
        v = st.getLexicalFacetValue(excl);
        if (v != null) {
            return new BigInteger(v.trim()).add(BigInteger.valueOf(adj));
        }
        return null;
    }

    private String currentNs;

    ComplexType complex(XSComplexTypeDefinition ct, String anonName, String elemNs) {
        Object key = ct.getName() != null ? ct.getNamespace() + "#" + ct.getName() : ct;
        ComplexType existing = byDecl.get(key);
        if (existing != null) {
            return existing;
        }
        String mapKey = ct.getName() != null ? (String) key : elemNs + "#" + anonName;
        if (complexTypes.containsKey(mapKey)) {
            ComplexType t = complexTypes.get(mapKey);
            byDecl.put(key, t);
            return t;
        }
        ComplexType t = new ComplexType();
        t.ns = ct.getName() != null ? ct.getNamespace() : elemNs;
        t.xsdName = ct.getName() != null ? ct.getName() : anonName;
        t.pkg = pkg(t.ns);
        t.name = t.xsdName;
        t.isAbstract = ct.getAbstract();
        byDecl.put(key, t);
        complexTypes.put(mapKey, t);
        String saveNs = currentNs;
        currentNs = t.ns;
        XSTypeDefinition b = ct.getBaseType();
        if (b instanceof XSComplexTypeDefinition bct && bct.getName() != null && !"anyType".equals(bct.getName())) {
            t.base = complex(bct, null, t.ns);
            for (ComplexType a = t.base; a != null; a = a.base) {
                if (a.isAbstract) {
                    t.abstractBase = a;
                    break;
                }
            }
        }
        XSObjectList au = ct.getAttributeUses();
        for (int i = 0; i < au.getLength(); i++) {
            XSAttributeUse u = (XSAttributeUse) au.item(i);
            Field f = new Field();
            f.kind = FKind.ATTRIBUTE;
            f.name = u.getAttrDeclaration().getName();
            f.ns = u.getAttrDeclaration().getNamespace() == null ? "" : u.getAttrDeclaration().getNamespace();
            f.min = u.getRequired() ? 1 : 0;
            f.type = new VType();
            f.type.simple = simple(u.getAttrDeclaration().getTypeDefinition(), t.name + "_" + f.name);
            t.fields.add(f);
        }
        if (ct.getAttributeWildcard() != null) {
            t.hasWildcard = true;
        }
        switch (ct.getContentType()) {
            case XSComplexTypeDefinition.CONTENTTYPE_SIMPLE -> {
                t.simpleContent = true;
                Field f = new Field();
                f.kind = FKind.CONTENT;
                f.name = "CONTENT";
                f.type = new VType();
                f.type.simple = simple(ct.getSimpleType(), t.name + "_CONTENT");
                t.fields.add(f);
            }
            case XSComplexTypeDefinition.CONTENTTYPE_ELEMENT, XSComplexTypeDefinition.CONTENTTYPE_MIXED -> {
                if (ct.getContentType() == XSComplexTypeDefinition.CONTENTTYPE_MIXED) {
                    t.mixed = true;
                }
                flatten(t, ct.getParticle(), 1, 1);
                if (t.mixed) {
                    Field f = new Field();
                    f.kind = FKind.MIXED;
                    f.name = "CONTENT";
                    f.min = 0;
                    t.fields.add(f);
                }
            }
            default -> {
            }
        }
        currentNs = saveNs;
        return t;
    }

    private static int mul(int a, int b) {
        return a == -1 || b == -1 ? -1 : a * b;
    }

    private void flatten(ComplexType t, XSParticle p, int minCtx, int maxCtx) {
        int min = p.getMinOccurs() * minCtx;
        int max = p.getMaxOccursUnbounded() ? -1 : mul(p.getMaxOccurs(), maxCtx);
        XSTerm term = p.getTerm();
        if (term instanceof XSWildcard) {
            t.hasWildcard = true;
            return;
        }
        if (term instanceof XSElementDeclaration e) {
            addElement(t, e, min, max);
            return;
        }
        XSModelGroup g = (XSModelGroup) term;
        XSObjectList ps = g.getParticles();
        if (g.getCompositor() == XSModelGroup.COMPOSITOR_SEQUENCE) {
            if (max == 1 || max == 0) {
                for (int i = 0; i < ps.getLength(); i++) {
                    flatten(t, (XSParticle) ps.item(i), min, 1);
                }
                return;
            }
            // a repeated sequence: only a single choice or wildcards inside are representable
            List<XSParticle> real = new ArrayList<>();
            for (int i = 0; i < ps.getLength(); i++) {
                XSParticle c = (XSParticle) ps.item(i);
                if (c.getTerm() instanceof XSWildcard) {
                    t.hasWildcard = true;
                } else {
                    real.add(c);
                }
            }
            if (real.isEmpty()) {
                return;
            }
            if (real.size() == 1) {
                flatten(t, real.get(0), min, max);
                return;
            }
            // several repeated members: each becomes a list (order between them is not kept)
            for (XSParticle c : real) {
                flatten(t, c, 0, -1);
            }
            return;
        }
        if (g.getCompositor() == XSModelGroup.COMPOSITOR_ALL) {
            throw new IllegalStateException("xs:all is not supported in " + t.name);
        }
        // choice
        boolean simpleAlts = true;
        List<XSElementDeclaration> alts = new ArrayList<>();
        for (int i = 0; i < ps.getLength(); i++) {
            XSParticle c = (XSParticle) ps.item(i);
            if (c.getTerm() instanceof XSWildcard) {
                t.hasWildcard = true;
                continue;
            }
            if (c.getTerm() instanceof XSElementDeclaration e && c.getMaxOccurs() == 1 && c.getMinOccurs() == 1
                    && substitutes(e).size() <= 1) {
                alts.add(e);
            } else {
                simpleAlts = false;
            }
        }
        if (!simpleAlts || alts.size() < 2) {
            for (int i = 0; i < ps.getLength(); i++) {
                flatten(t, (XSParticle) ps.item(i), 0, max);
            }
            return;
        }
        Choice ch = new Choice();
        ch.owner = t;
        for (XSElementDeclaration e : alts) {
            ch.alts.add(alt(e, t));
        }
        ch.name = choiceName(ch, t);
        addChoiceField(t, ch, min, max);
    }

    private Alt alt(XSElementDeclaration e, ComplexType owner) {
        Alt a = new Alt();
        a.name = e.getName();
        a.ns = e.getNamespace() == null ? "" : e.getNamespace();
        a.type = typeOfElement(e, e.getScope() == XSConstants.SCOPE_GLOBAL ? e.getName() : owner.name + "_" + e.getName());
        return a;
    }

    private void addChoiceField(ComplexType t, Choice ch, int min, int max) {
        t.choices.put(ch.name, ch);
        Field f = new Field();
        f.kind = FKind.CHOICE;
        f.name = ch.name;
        f.choice = ch;
        f.min = min;
        f.max = max;
        t.fields.add(f);
    }

    private static String choiceName(Choice ch, ComplexType t) {
        String suffix = ch.alts.get(0).name;
        for (Alt a : ch.alts) {
            int n = 0;
            while (n < suffix.length() && n < a.name.length()
                    && suffix.charAt(suffix.length() - 1 - n) == a.name.charAt(a.name.length() - 1 - n)) {
                n++;
            }
            suffix = suffix.substring(suffix.length() - n);
        }
        while (!suffix.isEmpty() && !Character.isUpperCase(suffix.charAt(0))) {
            suffix = suffix.substring(1);
        }
        String name = suffix.length() >= 4 ? suffix : "Choice";
        String base = name;
        int i = 2;
        while (t.choices.containsKey(name) || name.equals(t.name)) {
            name = base + i++;
        }
        return name;
    }

    /** The elements that may stand for e: its substitution group members (not abstract) and itself. */
    List<XSElementDeclaration> substitutes(XSElementDeclaration e) {
        List<XSElementDeclaration> l = new ArrayList<>();
        if (e.getScope() == XSConstants.SCOPE_GLOBAL) {
            XSObjectList members = model.getSubstitutionGroup(e);
            if (members != null) {
                for (int i = 0; i < members.getLength(); i++) {
                    XSElementDeclaration m = (XSElementDeclaration) members.item(i);
                    if (!m.getAbstract() && !isAbstractType(m)) {
                        l.add(m);
                    }
                }
            }
        }
        if (!e.getAbstract() && !isAbstractType(e)) {
            l.add(0, e);
        }
        return l;
    }

    private static boolean isAbstractType(XSElementDeclaration e) {
        return e.getTypeDefinition() instanceof XSComplexTypeDefinition c && c.getAbstract();
    }

    private void addElement(ComplexType t, XSElementDeclaration e, int min, int max) {
        List<XSElementDeclaration> subs = substitutes(e);
        boolean hasMembers = e.getScope() == XSConstants.SCOPE_GLOBAL && model.getSubstitutionGroup(e) != null
                && model.getSubstitutionGroup(e).getLength() > 0;
        if (hasMembers) {
            Choice ch = new Choice();
            ch.owner = t;
            for (XSElementDeclaration m : subs) {
                ch.alts.add(alt(m, t));
            }
            ch.alts.sort((a, b) -> a.name.compareTo(b.name));
            String name = e.getName() + "Group";
            ch.name = name;
            addChoiceField(t, ch, min, max);
            return;
        }
        String ns = e.getNamespace() == null ? "" : e.getNamespace();
        for (Field f : t.fields) {
            if (f.kind == FKind.ELEMENT && f.name.equals(e.getName()) && f.ns.equals(ns)) {
                // the same element reachable twice (e.g. in two choice branches): one field
                f.min = Math.min(f.min, min);
                f.max = f.max == -1 || max == -1 ? -1 : Math.max(f.max, max);
                return;
            }
        }
        Field f = new Field();
        f.kind = FKind.ELEMENT;
        f.name = e.getName();
        f.ns = ns;
        f.min = min;
        f.max = max;
        f.type = typeOfElement(e, e.getScope() == XSConstants.SCOPE_GLOBAL ? e.getName() : t.name + "_" + e.getName());
        t.fields.add(f);
    }

    /** Global elements of the model in use, as (element, value type). */
    Map<XSElementDeclaration, VType> globals() {
        Map<XSElementDeclaration, VType> m = new LinkedHashMap<>();
        var comps = model.getComponents(XSConstants.ELEMENT_DECLARATION);
        for (int i = 0; i < comps.getLength(); i++) {
            XSElementDeclaration e = (XSElementDeclaration) comps.item(i);
            if (XS.equals(e.getNamespace())) {
                continue;
            }
            currentNs = e.getNamespace();
            m.put(e, typeOfElement(e, e.getName()));
        }
        return m;
    }
}
