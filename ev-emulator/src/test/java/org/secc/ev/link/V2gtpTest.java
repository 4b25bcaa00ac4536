package org.secc.ev.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class V2gtpTest {
    @Test
    void roundTrip() throws IOException {
        byte[] f = V2gtp.frame(0x8004, new byte[] {(byte) 0x80, 0x40, 0x00, 0x40});
        assertArrayEquals(new byte[] {1, (byte) 0xFE, (byte) 0x80, 0x04, 0, 0, 0, 4, (byte) 0x80, 0x40, 0, 0x40}, f);
        Frame r = V2gtp.read(new ByteArrayInputStream(f));
        assertEquals(0x8004, r.payloadType());
        assertArrayEquals(new byte[] {(byte) 0x80, 0x40, 0x00, 0x40}, r.payload());
    }

    @Test
    void badVersionIsRefused() {
        assertThrows(IOException.class, () -> V2gtp.read(new ByteArrayInputStream(new byte[] {2, (byte) 0xFD, (byte) 0x80, 2, 0, 0, 0, 0})));
    }

    @Test
    void oversizeLengthIsRefusedWithoutAllocating() {
        assertThrows(IOException.class, () -> V2gtp.read(new ByteArrayInputStream(new byte[] {1, (byte) 0xFE, (byte) 0x80, 2, 0x7F, -1, -1, -1})));
    }

    @Test
    void endOfStreamIsEof() {
        assertThrows(EOFException.class, () -> V2gtp.read(new ByteArrayInputStream(new byte[0])));
        assertThrows(EOFException.class, () -> V2gtp.read(new ByteArrayInputStream(new byte[] {1, (byte) 0xFE, (byte) 0x80})));
    }
}
