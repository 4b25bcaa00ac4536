package org.secc.exi.v2gtp;

/** The EXI grammar a V2GTP payload is decoded with; the names match the codec CLI's {@code --schema}. */
public enum SchemaKind {
    SAP("sap"), COMMON("common"), AC("ac"), DC("dc"), ACDP("acdp"), WPT("wpt");

    private final String cliName;

    SchemaKind(String cliName) {
        this.cliName = cliName;
    }

    /** The short name used by {@code exi --schema}. */
    public String cliName() {
        return cliName;
    }
}
