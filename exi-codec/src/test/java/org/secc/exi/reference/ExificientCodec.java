package org.secc.exi.reference;

import com.siemens.ct.exi.core.CodingMode;
import com.siemens.ct.exi.core.EXIFactory;
import com.siemens.ct.exi.core.FidelityOptions;
import com.siemens.ct.exi.core.grammars.Grammars;
import com.siemens.ct.exi.core.helpers.DefaultEXIFactory;
import com.siemens.ct.exi.grammars.GrammarFactory;
import com.siemens.ct.exi.main.api.sax.EXIResult;
import com.siemens.ct.exi.main.api.sax.EXISource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.EnumMap;
import java.util.Map;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import org.apache.xerces.xni.XMLResourceIdentifier;
import org.apache.xerces.xni.parser.XMLEntityResolver;
import org.apache.xerces.xni.parser.XMLInputSource;
import org.secc.exi.ExiDocument;
import org.secc.exi.SchemaKind;
import org.secc.exi.codec.AcCodecReference;
import org.secc.exi.codec.AcdpCodecReference;
import org.secc.exi.codec.CommonCodecReference;
import org.secc.exi.codec.CommonFragCodecReference;
import org.secc.exi.codec.DcCodecReference;
import org.secc.exi.codec.DinCodecReference;
import org.secc.exi.codec.Iso2CodecReference;
import org.secc.exi.codec.SapCodecReference;
import org.secc.exi.codec.WptCodecReference;
import org.secc.exi.codec.XmldsigFragCodecReference;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;

/**
 * The reference path: the same typed model through EXIficient's generic SAX encoder/decoder with the
 * project's EXI profile (schema-informed, non-strict, bit-packed, no options header, value partition
 * capacity 0, no built-in grammars or productions). Slow; used as the differential oracle in tests.
 */
public final class ExificientCodec {
    private static final Map<SchemaKind, Grammars> GRAMMARS = new EnumMap<>(SchemaKind.class);

    private ExificientCodec() {
    }

    static String xsd(SchemaKind k) {
        return switch (k) {
            case SAP -> "app-protocol/V2G_CI_AppProtocol.xsd";
            case COMMON, COMMON_FRAG -> "iso15118-20/V2G_CI_CommonMessages.xsd";
            case DC -> "iso15118-20/V2G_CI_DC.xsd";
            case AC -> "iso15118-20/V2G_CI_AC.xsd";
            case ACDP -> "iso15118-20/V2G_CI_ACDP.xsd";
            case WPT -> "iso15118-20/V2G_CI_WPT.xsd";
            case XMLDSIG_FRAG -> "iso15118-20/xmldsig-core-schema.xsd";
            case DIN -> "din-70121/V2G_CI_MsgDef.xsd";
            case ISO2 -> "iso15118-2/V2G_CI_MsgDef.xsd";
        };
    }

    /** Schema imports come from the jar (/schemas/...), the xmldsig DTD resolves to nothing: offline. */
    static final class ClasspathResolver implements XMLEntityResolver {
        private final String dir;

        ClasspathResolver(String dir) {
            this.dir = dir;
        }

        @Override
        public XMLInputSource resolveEntity(XMLResourceIdentifier id) throws IOException {
            String lit = id.getLiteralSystemId();
            if (lit == null) {
                return null;
            }
            String file = lit.substring(lit.lastIndexOf('/') + 1);
            if (file.endsWith(".dtd")) {
                return new XMLInputSource(id.getPublicId(), lit, null, new StringReader(""), null);
            }
            String path = "/schemas/" + dir + "/" + file;
            if (lit.startsWith("../")) {
                // ISO 15118-2 imports xmldsig from the folder above its own, as published
                path = "/schemas/" + file;
            }
            InputStream in = ExificientCodec.class.getResourceAsStream(path);
            if (in == null) {
                throw new IOException("schema not on the classpath: " + file);
            }
            return new XMLInputSource(id.getPublicId(), "classpath:" + path, null, in, null);
        }
    }

    static synchronized Grammars grammars(SchemaKind k) {
        Grammars g = GRAMMARS.get(k);
        if (g == null) {
            String path = xsd(k);
            String dir = path.substring(0, path.indexOf('/'));
            Grammars[] built = new Grammars[1];
            Exception[] failed = new Exception[1];
            // EXIficient's content-model builder recurses once per unrolled list state (maxOccurs 2048): big stack
            Thread t = new Thread(null, () -> {
                try (InputStream in = ExificientCodec.class.getResourceAsStream("/schemas/" + path)) {
                    built[0] = GrammarFactory.newInstance().createGrammars(in, new ClasspathResolver(dir));
                } catch (Exception e) {
                    failed[0] = e;
                }
            }, "exificient-grammars", 512L << 20);
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building grammars", e);
            }
            if (built[0] == null) {
                throw new IllegalStateException("cannot build EXIficient grammars for " + k.id(), failed[0]);
            }
            g = built[0];
            GRAMMARS.put(k, g);
        }
        return g;
    }

    /** An EXIficient factory with the project's profile. */
    public static EXIFactory factory(SchemaKind k) {
        EXIFactory f = DefaultEXIFactory.newInstance();
        f.setGrammars(grammars(k));
        f.setFidelityOptions(FidelityOptions.createDefault());
        f.setCodingMode(CodingMode.BIT_PACKED);
        f.setValuePartitionCapacity(0);
        f.setMaximumNumberOfBuiltInElementGrammars(0);
        f.setMaximumNumberOfBuiltInProductions(0);
        f.setFragment(k.fragment());
        return f;
    }

    public static byte[] encode(SchemaKind k, ExiDocument doc) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            EXIResult result = new EXIResult(factory(k));
            result.setOutputStream(bos);
            ContentHandler h = result.getHandler();
            h.startDocument();
            switch (k) {
                case SAP -> SapCodecReference.sax(h, doc.root(), doc.value());
                case COMMON -> CommonCodecReference.sax(h, doc.root(), doc.value());
                case DC -> DcCodecReference.sax(h, doc.root(), doc.value());
                case AC -> AcCodecReference.sax(h, doc.root(), doc.value());
                case ACDP -> AcdpCodecReference.sax(h, doc.root(), doc.value());
                case WPT -> WptCodecReference.sax(h, doc.root(), doc.value());
                case COMMON_FRAG -> CommonFragCodecReference.sax(h, doc.root(), doc.value());
                case XMLDSIG_FRAG -> XmldsigFragCodecReference.sax(h, doc.root(), doc.value());
                case DIN -> DinCodecReference.sax(h, doc.root(), doc.value());
                case ISO2 -> Iso2CodecReference.sax(h, doc.root(), doc.value());
            }
            h.endDocument();
            return bos.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("EXIficient encode failed: " + e, e);
        }
    }

    public static ExiDocument decode(SchemaKind k, byte[] exi) {
        try {
            EXISource src = new EXISource(factory(k));
            src.setInputSource(new InputSource(new ByteArrayInputStream(exi)));
            DOMResult dom = new DOMResult();
            TransformerFactory.newInstance().newTransformer().transform(src, dom);
            Element e = dom.getNode() instanceof Document d ? d.getDocumentElement() : (Element) dom.getNode().getFirstChild();
            String ln = e.getLocalName();
            String ns = e.getNamespaceURI() == null ? "" : e.getNamespaceURI();
            String root = org.secc.exi.ExiCodec.of(k).roots().contains(ln) ? ln : "{" + ns + "}" + ln;
            Object v = switch (k) {
                case SAP -> SapCodecReference.fromDom(root, e);
                case COMMON -> CommonCodecReference.fromDom(root, e);
                case DC -> DcCodecReference.fromDom(root, e);
                case AC -> AcCodecReference.fromDom(root, e);
                case ACDP -> AcdpCodecReference.fromDom(root, e);
                case WPT -> WptCodecReference.fromDom(root, e);
                case COMMON_FRAG -> CommonFragCodecReference.fromDom(root, e);
                case XMLDSIG_FRAG -> XmldsigFragCodecReference.fromDom(root, e);
                case DIN -> DinCodecReference.fromDom(root, e);
                case ISO2 -> Iso2CodecReference.fromDom(root, e);
            };
            return new ExiDocument(root, v);
        } catch (Exception e) {
            throw new IllegalStateException("EXIficient decode failed: " + e, e);
        }
    }
}
