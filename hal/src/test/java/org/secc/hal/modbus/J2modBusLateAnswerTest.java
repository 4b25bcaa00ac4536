package org.secc.hal.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A device that answers a read after the bus timeout (j2mod's real TCP slave on loopback): the late
 * answer must never be taken for the next exchange's (the device answers the timed-out read just before
 * the next request goes out). Before the reconnect after a failed exchange
 * the next write read the late read response (a ClassCastException out of j2mod, seen in the
 * PilotFaultLatency harness) and a next read could return the late one's registers.
 */
class J2modBusLateAnswerTest {
    private static final int UNIT = 1;

    @Test
    void aLateAnswerNeverAnswersTheNextExchange() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean slowOnce = new java.util.concurrent.atomic.AtomicBoolean(true);
        SimpleProcessImage image = new SimpleProcessImage(UNIT) {
            @Override
            public Register[] getRegisterRange(int offset, int count) throws IllegalAddressException {
                if (offset == 0 && slowOnce.getAndSet(false)) {
                    try {
                        release.await(10, TimeUnit.SECONDS); // answered only once the test lets it: after the master's timeout
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.getRegisterRange(offset, count); // the image's own lock only around the copy
            }
        };
        for (int i = 0; i < 40; i++) {
            image.addRegister(i, new SimpleRegister(i < 20 ? 1000 + i : 0));
        }
        ModbusSlave slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
        slave.addProcessImage(UNIT, image);
        slave.open();
        J2modBus bus = J2modBus.tcp("127.0.0.1", port, UNIT, 1000);
        try {
            assertThrows(IOException.class, () -> bus.readHolding(0, 2), "the slow read times out");
            release.countDown(); // the device answers the timed-out read now, late
            bus.writeHolding(30, new int[] {7});
            assertArrayEquals(new int[] {1010, 1011}, bus.readHolding(10, 2), "the answer to this read, not the late one");
            assertArrayEquals(new int[] {7}, bus.readHolding(30, 1));
            assertArrayEquals(new int[] {1005}, bus.readHolding(5, 1));
        } finally {
            release.countDown();
            bus.close();
            ModbusSlaveFactory.close(slave);
        }
    }
}
