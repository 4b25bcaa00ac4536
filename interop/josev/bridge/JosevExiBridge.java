import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.siemens.ct.exi.core.EXIFactory;
import com.siemens.ct.exi.core.grammars.Grammars;
import com.siemens.ct.exi.core.helpers.DefaultEXIFactory;
import com.siemens.ct.exi.grammars.GrammarFactory;
import com.siemens.ct.exi.main.api.sax.EXIResult;
import com.siemens.ct.exi.main.api.sax.EXISource;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.xerces.impl.xs.XSImplementationImpl;
import org.apache.xerces.xs.XSAttributeUse;
import org.apache.xerces.xs.XSComplexTypeDefinition;
import org.apache.xerces.xs.XSConstants;
import org.apache.xerces.xs.XSElementDeclaration;
import org.apache.xerces.xs.XSLoader;
import org.apache.xerces.xs.XSModel;
import org.apache.xerces.xs.XSModelGroup;
import org.apache.xerces.xs.XSNamedMap;
import org.apache.xerces.xs.XSObjectList;
import org.apache.xerces.xs.XSParticle;
import org.apache.xerces.xs.XSSimpleTypeDefinition;
import org.apache.xerces.xs.XSTerm;
import org.apache.xerces.xs.XSTypeDefinition;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Interop helper: a stand-in for Josev's closed EXICodec.jar. Speaks Josev's JSON
 * (root key = element name, child keys = element local names, lists for repeating
 * elements, base64Binary/hexBinary as their lexical strings) and converts it to/from
 * schema-informed EXI with EXIficient (default options, as ISO 15118 uses).
 *
 * <p>Line protocol on stdin/stdout: "E ns base64(json)" -> "OK hex" | "ERR msg";
 * "D ns hex" -> "OK base64(json)" | "ERR msg"; "V" -> "OK version".
 */
public final class JosevExiBridge {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Schema> schemas = new HashMap<>();

  private static final class Schema {
    final XSModel model;
    final EXIFactory factory;

    Schema(XSModel model, EXIFactory factory) {
      this.model = model;
      this.factory = factory;
    }
  }

  public static void main(String[] args) throws Exception {
    File dir = new File(args[0]);
    JosevExiBridge b = new JosevExiBridge();
    b.add("urn:iso:15118:2:2010:AppProtocol", new File(dir, "app-protocol/V2G_CI_AppProtocol.xsd"));
    b.add("urn:iso:std:iso:15118:-20:CommonMessages", new File(dir, "iso15118-20/V2G_CI_CommonMessages.xsd"));
    b.add("urn:iso:std:iso:15118:-20:DC", new File(dir, "iso15118-20/V2G_CI_DC.xsd"));
    b.add("urn:iso:std:iso:15118:-20:AC", new File(dir, "iso15118-20/V2G_CI_AC.xsd"));
    b.add("urn:din:70121:2012:MsgDef", new File(dir, "din-70121/V2G_CI_MsgDef.xsd"));
    b.add("urn:iso:15118:2:2013:MsgDef", new File(dir, "iso15118-2/V2G_CI_MsgDef.xsd"));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] p = line.split(" ", 3);
      try {
        if (p[0].equals("V")) {
          out.println("OK josev-exi-bridge (EXIficient 1.0.7)");
        } else if (p[0].equals("E")) {
          String json = new String(Base64.getDecoder().decode(p[2]), StandardCharsets.UTF_8);
          out.println("OK " + HexFormat.of().formatHex(b.encode(p[1], json)));
        } else if (p[0].equals("D")) {
          String json = b.decode(p[1], HexFormat.of().parseHex(p[2]));
          out.println("OK " + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
        } else {
          out.println("ERR unknown command");
        }
      } catch (Throwable t) {
        String m = (t.getClass().getName() + ": " + t.getMessage()).replace('\n', ' ');
        out.println("ERR " + m);
      }
    }
  }

  void add(String ns, File xsd) throws Exception {
    XSLoader loader = new XSImplementationImpl().createXSLoader(null);
    XSModel model = loader.loadURI(xsd.toURI().toString());
    Grammars g = GrammarFactory.newInstance().createGrammars(xsd.toURI().toString());
    EXIFactory f = DefaultEXIFactory.newInstance();
    f.setGrammars(g);
    schemas.put(ns, new Schema(model, f));
  }

  private Schema schema(String ns) {
    Schema s = schemas.get(ns);
    if (s == null) throw new IllegalArgumentException("no schema for namespace " + ns);
    return s;
  }

  private static XSElementDeclaration globalElement(XSModel m, String name) {
    XSNamedMap all = m.getComponents(XSConstants.ELEMENT_DECLARATION);
    for (int i = 0; i < all.getLength(); i++) {
      XSElementDeclaration d = (XSElementDeclaration) all.item(i);
      if (d.getName().equals(name)) return d;
    }
    return null;
  }

  // ---------------------------------------------------------------- encode
  byte[] encode(String ns, String json) throws Exception {
    Schema s = schema(ns);
    JsonNode root = JSON.readTree(json);
    if (!root.isObject() || root.size() != 1) throw new IllegalArgumentException("root must have one key");
    String name = root.fieldNames().next();
    XSElementDeclaration decl = globalElement(s.model, name);
    if (decl == null) throw new IllegalArgumentException("no global element " + name);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    EXIResult r = new EXIResult(s.factory);
    r.setOutputStream(bos);
    ContentHandler h = r.getHandler();
    h.startDocument();
    writeElement(s.model, h, decl, root.get(name));
    h.endDocument();
    return bos.toByteArray();
  }

  private void writeElement(XSModel m, ContentHandler h, XSElementDeclaration decl, JsonNode v)
      throws Exception {
    String ns = decl.getNamespace() == null ? "" : decl.getNamespace();
    XSTypeDefinition t = decl.getTypeDefinition();
    AttributesImpl atts = new AttributesImpl();
    String text = null;
    if (t.getTypeCategory() == XSTypeDefinition.SIMPLE_TYPE) {
      text = lexical(v);
    } else {
      XSComplexTypeDefinition ct = (XSComplexTypeDefinition) t;
      XSObjectList uses = ct.getAttributeUses();
      for (int i = 0; i < uses.getLength(); i++) {
        XSAttributeUse u = (XSAttributeUse) uses.item(i);
        String an = u.getAttrDeclaration().getName();
        if (v.isObject() && v.has(an)) {
          String ans = u.getAttrDeclaration().getNamespace() == null ? "" : u.getAttrDeclaration().getNamespace();
          atts.addAttribute(ans, an, an, "CDATA", lexical(v.get(an)));
        }
      }
      if (ct.getContentType() == XSComplexTypeDefinition.CONTENTTYPE_SIMPLE) {
        text = v.isObject() ? (v.has("value") ? lexical(v.get("value")) : "") : lexical(v);
      }
    }
    h.startElement(ns, decl.getName(), decl.getName(), atts);
    if (text != null) {
      char[] c = text.toCharArray();
      h.characters(c, 0, c.length);
    } else {
      XSComplexTypeDefinition ct = (XSComplexTypeDefinition) t;
      if (ct.getParticle() != null && v.isObject()) {
        writeParticle(m, h, ct.getParticle(), (ObjectNode) v, new java.util.HashSet<>());
      }
    }
    h.endElement(ns, decl.getName(), decl.getName());
  }

  private void writeParticle(XSModel m, ContentHandler h, XSParticle p, ObjectNode v, java.util.Set<String> used)
      throws Exception {
    XSTerm term = p.getTerm();
    if (term instanceof XSModelGroup g) {
      XSObjectList ps = g.getParticles();
      for (int i = 0; i < ps.getLength(); i++) writeParticle(m, h, (XSParticle) ps.item(i), v, used);
    } else if (term instanceof XSElementDeclaration d) {
      for (XSElementDeclaration cand : candidates(m, d)) {
        String n = cand.getName();
        if (!v.has(n) || used.contains(n)) continue;
        used.add(n);
        JsonNode val = v.get(n);
        if (val.isArray()) {
          for (JsonNode item : val) writeElement(m, h, cand, item);
        } else {
          writeElement(m, h, cand, val);
        }
      }
    }
  }

  private static List<XSElementDeclaration> candidates(XSModel m, XSElementDeclaration d) {
    List<XSElementDeclaration> l = new ArrayList<>();
    if (!d.getAbstract()) l.add(d);
    XSObjectList subs = m.getSubstitutionGroup(d);
    if (subs != null) {
      for (int i = 0; i < subs.getLength(); i++) {
        XSElementDeclaration s = (XSElementDeclaration) subs.item(i);
        if (!s.getAbstract()) l.add(s);
      }
    }
    return l;
  }

  private static String lexical(JsonNode v) {
    if (v == null || v.isNull()) return "";
    if (v.isBoolean()) return v.booleanValue() ? "true" : "false";
    if (v.isNumber()) return v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.decimalValue().toPlainString();
    return v.asText();
  }

  // ---------------------------------------------------------------- decode
  private static final class Node {
    String ns;
    String name;
    Map<String, String> atts = new LinkedHashMap<>();
    StringBuilder text = new StringBuilder();
    List<Node> kids = new ArrayList<>();
  }

  String decode(String ns, byte[] exi) throws Exception {
    Schema s = schema(ns);
    EXISource src = new EXISource(s.factory);
    XMLReader reader = src.getXMLReader();
    Node doc = new Node();
    reader.setContentHandler(
        new DefaultHandler() {
          final java.util.ArrayDeque<Node> stack = new java.util.ArrayDeque<>(List.of(doc));

          @Override
          public void startElement(String uri, String local, String q, Attributes a) {
            Node n = new Node();
            n.ns = uri;
            n.name = local;
            for (int i = 0; i < a.getLength(); i++) {
              if ("http://www.w3.org/2001/XMLSchema-instance".equals(a.getURI(i))) continue;
              n.atts.put(a.getLocalName(i), a.getValue(i));
            }
            stack.peek().kids.add(n);
            stack.push(n);
          }

          @Override
          public void endElement(String uri, String local, String q) {
            stack.pop();
          }

          @Override
          public void characters(char[] ch, int start, int len) {
            stack.peek().text.append(ch, start, len);
          }
        });
    reader.parse(new InputSource(new ByteArrayInputStream(exi)));
    Node root = doc.kids.get(0);
    XSElementDeclaration decl = s.model.getElementDeclaration(root.name, root.ns);
    if (decl == null) decl = globalElement(s.model, root.name);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set(root.name, toJson(s.model, root, decl));
    return JSON.writeValueAsString(out);
  }

  private JsonNode toJson(XSModel m, Node n, XSElementDeclaration decl) {
    XSTypeDefinition t = decl.getTypeDefinition();
    if (t.getTypeCategory() == XSTypeDefinition.SIMPLE_TYPE) {
      return simple(n.text.toString(), (XSSimpleTypeDefinition) t);
    }
    XSComplexTypeDefinition ct = (XSComplexTypeDefinition) t;
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    XSObjectList uses = ct.getAttributeUses();
    for (Map.Entry<String, String> a : n.atts.entrySet()) {
      XSSimpleTypeDefinition at = null;
      for (int i = 0; i < uses.getLength(); i++) {
        XSAttributeUse u = (XSAttributeUse) uses.item(i);
        if (u.getAttrDeclaration().getName().equals(a.getKey())) at = u.getAttrDeclaration().getTypeDefinition();
      }
      o.set(a.getKey(), at == null ? JsonNodeFactory.instance.textNode(a.getValue()) : simple(a.getValue(), at));
    }
    if (ct.getContentType() == XSComplexTypeDefinition.CONTENTTYPE_SIMPLE) {
      o.set("value", simple(n.text.toString(), ct.getSimpleType()));
      return o;
    }
    Map<String, XSElementDeclaration> decls = new HashMap<>();
    Map<String, Boolean> lists = new HashMap<>();
    if (ct.getParticle() != null) collect(m, ct.getParticle(), false, decls, lists);
    for (Node k : n.kids) {
      XSElementDeclaration kd = decls.get(k.name);
      JsonNode kv;
      if (kd == null) {
        kv = JsonNodeFactory.instance.textNode(k.text.toString());
      } else {
        kv = toJson(m, k, kd);
      }
      if (Boolean.TRUE.equals(lists.get(k.name))) {
        JsonNode arr = o.get(k.name);
        if (arr == null) {
          arr = o.putArray(k.name);
        }
        ((ArrayNode) arr).add(kv);
      } else {
        o.set(k.name, kv);
      }
    }
    return o;
  }

  private static void collect(
      XSModel m, XSParticle p, boolean repeated, Map<String, XSElementDeclaration> decls, Map<String, Boolean> lists) {
    boolean rep = repeated || p.getMaxOccursUnbounded() || p.getMaxOccurs() > 1;
    XSTerm term = p.getTerm();
    if (term instanceof XSModelGroup g) {
      XSObjectList ps = g.getParticles();
      for (int i = 0; i < ps.getLength(); i++) collect(m, (XSParticle) ps.item(i), rep, decls, lists);
    } else if (term instanceof XSElementDeclaration d) {
      for (XSElementDeclaration c : candidates(m, d)) {
        decls.put(c.getName(), c);
        lists.merge(c.getName(), rep, (a, b) -> a || b);
      }
    }
  }

  private static JsonNode simple(String text, XSSimpleTypeDefinition st) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (st == null) return f.textNode(text);
    if (st.getVariety() == XSSimpleTypeDefinition.VARIETY_LIST) return f.textNode(text);
    short b = st.getBuiltInKind();
    try {
      switch (b) {
        case XSConstants.BOOLEAN_DT:
          return f.booleanNode(text.trim().equals("true") || text.trim().equals("1"));
        case XSConstants.DECIMAL_DT:
          return f.numberNode(new BigDecimal(text.trim()));
        case XSConstants.FLOAT_DT:
        case XSConstants.DOUBLE_DT:
          return f.numberNode(Double.parseDouble(text.trim()));
        case XSConstants.INTEGER_DT:
        case XSConstants.LONG_DT:
        case XSConstants.INT_DT:
        case XSConstants.SHORT_DT:
        case XSConstants.BYTE_DT:
        case XSConstants.NONNEGATIVEINTEGER_DT:
        case XSConstants.NONPOSITIVEINTEGER_DT:
        case XSConstants.POSITIVEINTEGER_DT:
        case XSConstants.NEGATIVEINTEGER_DT:
        case XSConstants.UNSIGNEDLONG_DT:
        case XSConstants.UNSIGNEDINT_DT:
        case XSConstants.UNSIGNEDSHORT_DT:
        case XSConstants.UNSIGNEDBYTE_DT:
          return f.numberNode(new BigInteger(text.trim()));
        default:
          return f.textNode(text);
      }
    } catch (NumberFormatException e) {
      return f.textNode(text);
    }
  }
}
