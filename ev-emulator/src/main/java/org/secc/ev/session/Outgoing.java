package org.secc.ev.session;

import org.secc.exi.SchemaKind;

/**
 * One request to put on the wire: the V2GTP payload type, the EXI grammar to encode it with, and the
 * typed record. {@code name} is the message's element name for logs and timelines.
 */
public record Outgoing(int payloadType, SchemaKind kind, Object message, String name) {
    public static final int SAP = 0x8001;
    public static final int COMMON = 0x8002;
    public static final int AC = 0x8003;
    public static final int DC = 0x8004;
}
