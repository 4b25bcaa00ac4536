package org.secc.hal.modbus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SunSpec discovery: the marker 'SunS' (0x5375 0x6E53) at base 40000 (also tried: 0, 50000), then a
 * chain of model headers (ID, length in registers) until ID 0xFFFF.
 */
public final class SunSpec {
    static final int MARKER_HI = 0x5375;
    static final int MARKER_LO = 0x6E53;
    static final int END = 0xFFFF;
    /** A device with more models than this is treated as malformed (never loop on the wire's claim). */
    static final int MAX_MODELS = 64;

    private SunSpec() { }

    /** One model found on the device: its ID, the address of its first data register, its length. */
    public record Model(int id, int address, int length) { }

    /** Model ID → address of its first data register (after the 2-register header), in device order. */
    public static Map<Integer, Integer> discover(RegisterBus bus) throws IOException {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        for (Model m : models(bus)) {
            out.putIfAbsent(m.id(), m.address());
        }
        return out;
    }

    /** Every model in device order (a model ID may repeat, e.g. two meters). */
    public static List<Model> models(RegisterBus bus) throws IOException {
        for (int base : new int[] {40000, 0, 50000}) {
            int[] m;
            try {
                m = bus.readHolding(base, 2);
            } catch (IOException e) {
                continue;
            }
            if (m[0] == MARKER_HI && m[1] == MARKER_LO) {
                return walk(bus, base + 2);
            }
        }
        throw new IOException("no SunSpec marker 'SunS' at 40000, 0 or 50000");
    }

    private static List<Model> walk(RegisterBus bus, int addr) throws IOException {
        List<Model> models = new ArrayList<>();
        for (int i = 0; i < MAX_MODELS; i++) {
            int[] h = bus.readHolding(addr, 2);
            if (h[0] == END) {
                return models;
            }
            models.add(new Model(h[0], addr + 2, h[1]));
            long next = (long) addr + 2 + h[1];
            if (next > 65534) {
                throw new IOException("SunSpec model " + h[0] + " at " + addr + " claims length " + h[1]
                        + " past the register space");
            }
            addr = (int) next;
        }
        throw new IOException("SunSpec chain longer than " + MAX_MODELS + " models without end marker");
    }
}
