package org.secc.exi;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Bounded, safe decoding: random bit flips, truncations and extensions of every vector either decode
 * or fail with ExiDecodeException (never another exception, never a hang or an outsized allocation).
 */
class MutationTest {
    static final int MUTATIONS = Integer.getInteger("exi.mutations", 120_000);

    @Test
    void everyMutationDecodesOrFailsWithTheTypedException() {
        List<Vectors.Vector> vectors = Vectors.all();
        SplittableRandom r = new SplittableRandom(0x15118L);
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            Vectors.Vector v = vectors.get(r.nextInt(vectors.size()));
            byte[] m = mutate(v.exi(), r);
            try {
                ExiCodec.of(v.kind()).decode(m);
                decoded++;
            } catch (ExiDecodeException e) {
                rejected++;
                assertTrue(e.bitOffset() >= 0 && e.bitOffset() <= (long) m.length * 8 + 64, e.getMessage());
            } catch (Throwable t) {
                fail("mutation of " + v.name() + " (" + java.util.HexFormat.of().formatHex(m) + ") threw " + t, t);
            }
        }
        System.out.println("mutations: " + MUTATIONS + ", decoded " + decoded + ", rejected " + rejected);
        assertTrue(rejected > 0 && decoded > 0);
    }

    static byte[] mutate(byte[] in, SplittableRandom r) {
        byte[] b = in.clone();
        switch (r.nextInt(6)) {
            case 0, 1 -> { // 1..4 bit flips
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    int bit = r.nextInt(b.length * 8);
                    b[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
                }
            }
            case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncation
            case 3 -> { // extension with random bytes
                int n = 1 + r.nextInt(16);
                b = Arrays.copyOf(b, b.length + n);
                for (int k = in.length; k < b.length; k++) {
                    b[k] = (byte) r.nextInt(256);
                }
            }
            case 4 -> { // a random byte replaced
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            default -> { // truncation plus flips
                b = Arrays.copyOf(b, Math.max(1, r.nextInt(b.length)));
                int bit = r.nextInt(b.length * 8);
                b[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
            }
        }
        return b;
    }
}
