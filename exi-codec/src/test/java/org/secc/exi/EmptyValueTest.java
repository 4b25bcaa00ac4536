package org.secc.exi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.types.MessageHeaderType;
import org.secc.exi.reference.ExificientCodec;

/**
 * Empty string values: encoded as EXIficient does (no CH event, undeclared EE on the second level),
 * and the C reference's form (a CH event with an empty string) is decoded too.
 */
class EmptyValueTest {
    static final ExiCodec COMMON = ExiCodec.of(SchemaKind.COMMON);

    static SessionStopReqType stop(String explanation) {
        return new SessionStopReqType(new MessageHeaderType(HexFormat.of().parseHex("4a6f73657620219c"), 1735690550L, null),
                org.secc.exi.iso20.common.chargingSessionType.Pause, "E42", explanation);
    }

    @Test
    void emptyStringIsEncodedLikeExificient() {
        ExiDocument doc = new ExiDocument("SessionStopReq", stop(""));
        assertArrayEquals(ExificientCodec.encode(SchemaKind.COMMON, doc), COMMON.encode(doc));
        assertEquals("", COMMON.decode(COMMON.encode(doc), SessionStopReqType.class).EVTerminationExplanation());
    }

    @Test
    void emptyCharacterEventOfTheCReferenceDecodes() {
        String x = bits(COMMON.encode(stop("X")));
        String y = bits(COMMON.encode(stop("Y")));
        int diff = 0;
        while (x.charAt(diff) == y.charAt(diff)) {
            diff++;
        }
        int charStart = diff - 7; // 'X' 0x58 and 'Y' 0x59 differ in the last bit of the character
        String lengthX = x.substring(charStart - 8, charStart);
        assertEquals("00000011", lengthX, "length+2 of a one-character string");
        String empty = x.substring(0, charStart - 8) + "00000010" + x.substring(charStart + 8);
        SessionStopReqType back = COMMON.decode(bytes(empty), SessionStopReqType.class);
        assertEquals("", back.EVTerminationExplanation());
        assertEquals("E42", back.EVTerminationCode());
    }

    @Test
    void stringTableHitsAreRejectedBecauseThereAreNoTables() {
        String x = bits(COMMON.encode(stop("X")));
        String y = bits(COMMON.encode(stop("Y")));
        int diff = 0;
        while (x.charAt(diff) == y.charAt(diff)) {
            diff++;
        }
        int charStart = diff - 7;
        String hit = x.substring(0, charStart - 8) + "00000000" + x.substring(charStart);
        ExiDecodeException e = assertThrows(ExiDecodeException.class, () -> COMMON.decode(bytes(hit)));
        assertEquals("/SessionStopReq/EVTerminationExplanation", e.path());
    }

    static String bits(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte v : b) {
            sb.append(String.format("%8s", Integer.toBinaryString(v & 0xFF)).replace(' ', '0'));
        }
        return sb.toString();
    }

    static byte[] bytes(String bits) {
        byte[] b = new byte[(bits.length() + 7) / 8];
        for (int i = 0; i < bits.length(); i++) {
            if (bits.charAt(i) == '1') {
                b[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        return b;
    }
}
