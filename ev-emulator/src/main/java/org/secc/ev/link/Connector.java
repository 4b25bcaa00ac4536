package org.secc.ev.link;

import java.io.IOException;

/** Opens connections to one SECC (TCP, TLS, or an in-memory peer in tests). */
@FunctionalInterface
public interface Connector {
    Link connect() throws IOException;
}
