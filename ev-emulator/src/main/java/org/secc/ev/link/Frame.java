package org.secc.ev.link;

/** One received V2GTP message: payload type and payload bytes. */
public record Frame(int payloadType, byte[] payload) {
}
