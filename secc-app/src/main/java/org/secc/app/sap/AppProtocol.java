package org.secc.app.sap;

/**
 * A protocol the SECC can offer in the SupportedAppProtocol handshake.
 *
 * @param namespace     the ProtocolNamespace URI the EV sends
 * @param major         VersionNumberMajor the SECC implements
 * @param minor         VersionNumberMinor the SECC implements
 * @param supported     false for namespaces this product recognises but does not speak (DIN 70121, -2):
 *                      they are never selected, so the EV gets Failed_NoNegotiation unless it also
 *                      offers a supported one
 */
public record AppProtocol(String namespace, long major, long minor, boolean supported) {

    public static final AppProtocol ISO20_DC = new AppProtocol("urn:iso:std:iso:15118:-20:DC", 1, 0, true);
    public static final AppProtocol ISO20_AC = new AppProtocol("urn:iso:std:iso:15118:-20:AC", 1, 0, true);
    public static final AppProtocol ISO2 = new AppProtocol("urn:iso:15118:2:2013:MsgDef", 2, 0, false);
    public static final AppProtocol DIN = new AppProtocol("urn:din:70121:2012:MsgDef", 2, 0, false);

    public AppProtocol {
        if (namespace == null || namespace.isEmpty() || namespace.length() > 100) {
            throw new IllegalArgumentException("ProtocolNamespace must be 1..100 characters: " + namespace);
        }
    }
}
