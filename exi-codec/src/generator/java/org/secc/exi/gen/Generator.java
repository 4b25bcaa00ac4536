package org.secc.exi.gen;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.xerces.impl.xs.XMLSchemaLoader;
import org.apache.xerces.xni.XMLResourceIdentifier;
import org.apache.xerces.xni.parser.XMLEntityResolver;
import org.apache.xerces.xni.parser.XMLInputSource;
import org.apache.xerces.xs.XSElementDeclaration;
import org.apache.xerces.xs.XSModel;
import org.secc.exi.gen.Model.ComplexType;
import org.secc.exi.gen.Model.EnumType;
import org.secc.exi.gen.Model.VType;

/**
 * Build-time generator: reads the XSDs (offline), writes the typed model, its JSON and DOM mappings,
 * random-instance builders and one bit-level EXI codec per schema kind, using EXIficient's grammars
 * for every state and event code.
 *
 * <p>Usage: {@code Generator <schema dir> <output dir> <test output dir>}. The test output holds what only
 * the tests use (the DOM/SAX mapping of the EXIficient reference path and the random-instance builders),
 * so that neither EXIficient nor the XML stack is needed by the runtime jar.
 */
public final class Generator {

    /** One EXI grammar the product speaks. */
    record Kind(String id, String className, String xsd, boolean fragment) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("sap", "SapCodec", "app-protocol/V2G_CI_AppProtocol.xsd", false),
            new Kind("common", "CommonCodec", "iso15118-20/V2G_CI_CommonMessages.xsd", false),
            new Kind("dc", "DcCodec", "iso15118-20/V2G_CI_DC.xsd", false),
            new Kind("ac", "AcCodec", "iso15118-20/V2G_CI_AC.xsd", false),
            new Kind("acdp", "AcdpCodec", "iso15118-20/V2G_CI_ACDP.xsd", false),
            new Kind("wpt", "WptCodec", "iso15118-20/V2G_CI_WPT.xsd", false),
            new Kind("common-frag", "CommonFragCodec", "iso15118-20/V2G_CI_CommonMessages.xsd", true),
            new Kind("xmldsig-frag", "XmldsigFragCodec", "iso15118-20/xmldsig-core-schema.xsd", true),
            new Kind("din", "DinCodec", "din-70121/V2G_CI_MsgDef.xsd", false),
            new Kind("iso2", "Iso2Codec", "iso15118-2/V2G_CI_MsgDef.xsd", false));

    static final Map<String, String> PACKAGES = new LinkedHashMap<>();

    static {
        PACKAGES.put("urn:iso:15118:2:2010:AppProtocol", "org.secc.exi.apphand");
        PACKAGES.put("urn:iso:std:iso:15118:-20:CommonTypes", "org.secc.exi.iso20.types");
        PACKAGES.put("urn:iso:std:iso:15118:-20:CommonMessages", "org.secc.exi.iso20.common");
        PACKAGES.put("urn:iso:std:iso:15118:-20:DC", "org.secc.exi.iso20.dc");
        PACKAGES.put("urn:iso:std:iso:15118:-20:AC", "org.secc.exi.iso20.ac");
        PACKAGES.put("urn:iso:std:iso:15118:-20:ACDP", "org.secc.exi.iso20.acdp");
        PACKAGES.put("urn:iso:std:iso:15118:-20:WPT", "org.secc.exi.iso20.wpt");
        PACKAGES.put("http://www.w3.org/2000/09/xmldsig#", "org.secc.exi.xmldsig");
        PACKAGES.put("urn:din:70121:2012:MsgDef", "org.secc.exi.din");
        PACKAGES.put("urn:din:70121:2012:MsgHeader", "org.secc.exi.din.header");
        PACKAGES.put("urn:din:70121:2012:MsgBody", "org.secc.exi.din.body");
        PACKAGES.put("urn:din:70121:2012:MsgDataTypes", "org.secc.exi.din.types");
        PACKAGES.put("urn:iso:15118:2:2013:MsgDef", "org.secc.exi.iso2");
        PACKAGES.put("urn:iso:15118:2:2013:MsgHeader", "org.secc.exi.iso2.header");
        PACKAGES.put("urn:iso:15118:2:2013:MsgBody", "org.secc.exi.iso2.body");
        PACKAGES.put("urn:iso:15118:2:2013:MsgDataTypes", "org.secc.exi.iso2.types");
    }

    static final String CODEC_PKG = "org.secc.exi.codec";

    private Generator() {
    }

    /** Resolves imports to files next to the schema and the xmldsig DTD to nothing: loading never goes online. */
    public static final class OfflineResolver implements XMLEntityResolver {
        private final Path dir;

        public OfflineResolver(Path dir) {
            this.dir = dir;
        }

        @Override
        public XMLInputSource resolveEntity(XMLResourceIdentifier id) throws IOException {
            String lit = id.getLiteralSystemId();
            if (lit == null) {
                lit = id.getExpandedSystemId();
            }
            if (lit == null) {
                return null;
            }
            String file = lit.substring(lit.lastIndexOf('/') + 1);
            if (file.endsWith(".dtd")) {
                return new XMLInputSource(id.getPublicId(), lit, null, new StringReader(""), null);
            }
            String expanded = id.getExpandedSystemId() != null ? id.getExpandedSystemId() : lit;
            if (expanded.startsWith("file:")) {
                // DIN 70121 and -2 use the same file names: resolve relative to the importing schema first
                Path p = Path.of(java.net.URI.create(expanded));
                if (Files.isRegularFile(p)) {
                    return new XMLInputSource(id.getPublicId(), p.toUri().toString(), null);
                }
            }
            try (var s = Files.walk(dir)) {
                Path p = s.filter(x -> x.getFileName().toString().equals(file)).findFirst()
                        .orElseThrow(() -> new IOException("schema not found offline: " + file));
                return new XMLInputSource(id.getPublicId(), p.toUri().toString(), null);
            }
        }
    }

    static XSModel loadXsModel(Path xsd, Path dir) {
        XMLSchemaLoader loader = new XMLSchemaLoader();
        loader.setEntityResolver(new OfflineResolver(dir));
        XSModel m = loader.loadURI(xsd.toUri().toString());
        if (m == null) {
            throw new IllegalStateException("cannot load " + xsd);
        }
        return m;
    }

    public static void main(String[] args) throws Exception {
        // EXIficient's content-model builder recurses deeply on long bounded lists: run on a big stack
        Exception[] failed = new Exception[1];
        Thread t = new Thread(null, () -> {
            try {
                run(args);
            } catch (Exception e) {
                failed[0] = e;
            }
        }, "exi-generator", 512L << 20);
        t.start();
        t.join();
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    /** The newest modification time under a directory (0 when it does not exist). */
    static long newest(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().lastModified()).max().orElse(0);
        }
    }

    static void run(String[] args) throws Exception {
        Path schemas = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path testOut = Path.of(args[2]);
        // Generating and recompiling the codecs takes minutes: skip when neither the schemas nor the
        // generator changed since the last run (the stamp is written last, so a failed run regenerates).
        Path stamp = out.resolve(".generated");
        Path generatorClasses = Path.of(Generator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.exists(stamp) && Files.isDirectory(testOut)
                && stamp.toFile().lastModified() >= Math.max(newest(schemas), newest(generatorClasses))) {
            System.out.println("generated sources up to date: " + out + ", " + testOut);
            return;
        }
        ModelBuilder mb = new ModelBuilder(PACKAGES);
        Map<Kind, Map<XSElementDeclaration, VType>> globals = new LinkedHashMap<>();
        Map<Kind, ModelBuilder> perKind = new LinkedHashMap<>();
        for (Kind k : KINDS) {
            XSModel m = loadXsModel(schemas.resolve(k.xsd()), schemas);
            mb.use(m);
            globals.put(k, mb.globals());
            perKind.put(k, mb);
        }
        ModelWriter mw = new ModelWriter(out);
        for (EnumType e : mb.enums.values()) {
            mw.writeEnum(e);
        }
        for (ComplexType t : mb.complexTypes.values()) {
            mw.writeType(t);
        }
        List<ComplexType> types = new ArrayList<>(mb.complexTypes.values());
        new MappingWriter(out, testOut, types, mb.enums.values()).write();
        for (Kind k : KINDS) {
            new CodecWriter(out, testOut, k, schemas, globals.get(k), types).write();
        }
        Files.writeString(stamp, "schemas and generator as of this file's time\n");
        System.out.println("generated " + types.size() + " complex types, " + mb.enums.size() + " enumerations, "
                + KINDS.size() + " codecs into " + out + " (reference mappings into " + testOut + ")");
    }
}
