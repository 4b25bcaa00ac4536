package org.secc.transport.v2gtp;

import java.io.IOException;
import java.io.OutputStream;

/** Writes frames as one write each (header + payload together, facts 10). Thread-safe. */
public final class V2gtpFrameWriter {
    private final OutputStream out;
    private final V2gtpCodec codec;

    public V2gtpFrameWriter(OutputStream out, V2gtpCodec codec) {
        this.out = out;
        this.codec = codec;
    }

    public synchronized void write(V2gtpFrame f) throws IOException {
        out.write(codec.encode(f));
        out.flush();
    }
}
