package org.secc.app.sdp;

import java.net.Inet6Address;
import java.util.OptionalInt;

/**
 * What the SECC can offer right now: its address on the PLC link and the ports of the servers that
 * are up (empty when that server is down).
 */
public record SdpOffer(Inet6Address address, OptionalInt tlsPort, OptionalInt tcpPort) {
}
