package org.secc.hal.modbus;

import java.io.IOException;

/** Holding-register access to one Modbus device (TCP or RTU). */
public interface RegisterBus extends AutoCloseable {
    int[] readHolding(int address, int count) throws IOException;

    void writeHolding(int address, int[] words) throws IOException;

    @Override
    void close();
}
