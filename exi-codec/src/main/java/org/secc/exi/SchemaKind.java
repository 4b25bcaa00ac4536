package org.secc.exi;

/** The EXI grammars the product speaks; {@link #id()} is the name used on the command line and in vectors. */
public enum SchemaKind {
    /** SupportedAppProtocol (V2GTP payload type 0x8001). */
    SAP("sap", "urn:iso:15118:2:2010:AppProtocol", 0x8001),
    /** ISO 15118-20 CommonMessages (0x8002). */
    COMMON("common", "urn:iso:std:iso:15118:-20:CommonMessages", 0x8002),
    /** ISO 15118-20 DC (0x8004). */
    DC("dc", "urn:iso:std:iso:15118:-20:DC", 0x8004),
    /** ISO 15118-20 AC (0x8003). */
    AC("ac", "urn:iso:std:iso:15118:-20:AC", 0x8003),
    /** ISO 15118-20 ACDP (0x8005). */
    ACDP("acdp", "urn:iso:std:iso:15118:-20:ACDP", 0x8005),
    /** ISO 15118-20 WPT (0x8006). */
    WPT("wpt", "urn:iso:std:iso:15118:-20:WPT", 0x8006),
    /** Fragment grammar of CommonMessages: the signature inputs of -20 messages. */
    COMMON_FRAG("common-frag", "urn:iso:std:iso:15118:-20:CommonMessages", 0),
    /** Fragment grammar of the xmldsig schema alone: SignedInfo as signed. */
    XMLDSIG_FRAG("xmldsig-frag", "http://www.w3.org/2000/09/xmldsig#", 0),
    /** DIN SPEC 70121: one grammar for every message after SAP, carried in payload type 0x8001 like SAP. */
    DIN("din", "urn:din:70121:2012:MsgDef", 0x8001),
    /** ISO 15118-2:2014 (namespace year 2013): one grammar, payload type 0x8001 like SAP. */
    ISO2("iso2", "urn:iso:15118:2:2013:MsgDef", 0x8001);

    private final String id;
    private final String namespace;
    private final int payloadType;

    SchemaKind(String id, String namespace, int payloadType) {
        this.id = id;
        this.namespace = namespace;
        this.payloadType = payloadType;
    }

    /** The V2GTP payload type carrying this grammar, or 0 for the signature fragments (never on the wire). */
    public int payloadType() {
        return payloadType;
    }

    public String id() {
        return id;
    }

    public String namespace() {
        return namespace;
    }

    public boolean fragment() {
        return this == COMMON_FRAG || this == XMLDSIG_FRAG;
    }

    /** The kind for a command-line / vector id, or IllegalArgumentException listing the valid ones. */
    public static SchemaKind of(String id) {
        for (SchemaKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown schema " + id + " (one of sap common dc ac acdp wpt common-frag xmldsig-frag din iso2)");
    }
}
