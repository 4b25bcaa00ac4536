package org.secc.slac.link;

import java.io.IOException;
import org.secc.slac.MacAddress;

/** Whole Ethernet frames to and from the powerline interface (no FCS). */
public interface PlcLink extends AutoCloseable {
    /** This host's MAC on the interface. */
    MacAddress mac();

    void send(byte[] frame) throws IOException;

    /** The next received frame, or {@code null} when none arrived within {@code timeoutMillis}. */
    byte[] receive(long timeoutMillis) throws IOException;

    @Override
    void close();
}
