package org.secc.app.sdp;

import java.util.Optional;
import org.secc.transport.v2gtp.SdpRequest;
import org.secc.transport.v2gtp.SdpResponse;
import org.secc.transport.v2gtp.SdpSecurity;
import org.secc.transport.v2gtp.SdpTransport;

/** The SDP decision, free of I/O (facts 2.3, rule of EVerest {@code sdp.cpp}). */
public final class SdpResponder {
    private SdpResponder() {
    }

    /**
     * TLS requested and a TLS server up → TLS; otherwise no-TLS if a TCP server is up; otherwise no
     * answer. The transport is always TCP: UDP (0x10) is not usable for V2G.
     */
    public static Optional<SdpResponse> answer(SdpRequest request, SdpOffer offer) {
        if (request.security() == SdpSecurity.TLS && offer.tlsPort().isPresent()) {
            return Optional.of(new SdpResponse(offer.address(), offer.tlsPort().getAsInt(), SdpSecurity.TLS, SdpTransport.TCP));
        }
        if (offer.tcpPort().isPresent()) {
            return Optional.of(new SdpResponse(offer.address(), offer.tcpPort().getAsInt(), SdpSecurity.NO_TLS, SdpTransport.TCP));
        }
        return Optional.empty();
    }
}
