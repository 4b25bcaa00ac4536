package org.secc.app.sap;

/**
 * A protocol the SECC can offer in the SupportedAppProtocol handshake.
 *
 * @param name      the configuration name ({@code session.protocols}): iso20-dc, iso20-ac, iso2, din
 * @param namespace the ProtocolNamespace URI the EV sends
 * @param major     VersionNumberMajor the SECC implements
 * @param minor     VersionNumberMinor the SECC implements
 */
public record AppProtocol(String name, String namespace, long major, long minor) {

    public static final AppProtocol ISO20_DC = new AppProtocol("iso20-dc", "urn:iso:std:iso:15118:-20:DC", 1, 0);
    public static final AppProtocol ISO20_AC = new AppProtocol("iso20-ac", "urn:iso:std:iso:15118:-20:AC", 1, 0);
    /** ISO 15118-2:2014, namespace year 2013, version 2.0. */
    public static final AppProtocol ISO2 = new AppProtocol("iso2", "urn:iso:15118:2:2013:MsgDef", 2, 0);
    /** DIN SPEC 70121:2014, namespace year 2012, version 2.0. */
    public static final AppProtocol DIN = new AppProtocol("din", "urn:din:70121:2012:MsgDef", 2, 0);

    public AppProtocol {
        if (namespace == null || namespace.isEmpty() || namespace.length() > 100) {
            throw new IllegalArgumentException("ProtocolNamespace must be 1..100 characters: " + namespace);
        }
    }

    /** ISO 15118-20 (DC or AC): selectable only over TLS unless the EV offers nothing else ([V2G20-2356]). */
    public boolean iso20() {
        return this == ISO20_DC || this == ISO20_AC || namespace.startsWith("urn:iso:std:iso:15118:-20:");
    }
}
