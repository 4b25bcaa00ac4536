package org.secc.hal.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.secc.testsupport.Prerequisites.require;

import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.secc.hal.power.PowerCapabilities;
import org.secc.hal.power.PowerTarget;

/** Modbus RTU over a real pseudo-terminal pair made by socat, j2mod's RTU slave on the other end. */
class ModbusRtuTest {

    @Test
    void powerStageOverRtu() throws Exception {
        Process socat;
        try {
            socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0").start();
        } catch (IOException e) {
            require(false, "socat is not installed (apt-get install socat): RTU test skipped");
            return;
        }
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(socat.getErrorStream(), StandardCharsets.UTF_8));
            Pattern pty = Pattern.compile("PTY is (\\S+)");
            List<String> ptys = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String line;
            while (ptys.size() < 2 && System.nanoTime() < deadline && (line = err.readLine()) != null) {
                Matcher m = pty.matcher(line);
                if (m.find()) {
                    ptys.add(m.group(1));
                }
            }
            require(ptys.size() == 2, "socat did not report two PTYs");
            SerialParameters p = new SerialParameters();
            p.setPortName(ptys.get(0));
            p.setBaudRate(19200);
            p.setDatabits(8);
            p.setStopbits(1);
            p.setParity("none");
            p.setEncoding("rtu");
            p.setEcho(false);
            SimpleProcessImage image = new SimpleProcessImage(3);
            for (int i = 0; i < 200; i++) {
                image.addRegister(i, new SimpleRegister(0));
            }
            ModbusSlave slave = ModbusSlaveFactory.createSerialSlave(p);
            slave.addProcessImage(3, image);
            slave.open();
            try (J2modBus bus = J2modBus.rtu(ptys.get(1), 19200, "none", 3, 2000)) {
                ModbusPowerStage ps = new ModbusPowerStage(bus, RegisterMap.resource("generic-bidir-dc.map"),
                        new PowerCapabilities(150, 920, 125, 50_000, 125, 50_000, 100), () -> 0L);
                ps.setTarget(new PowerTarget(420, -50, 20_000));
                ps.enable();
                assertEquals(List.of(), ps.faults());
                assertEquals(1, image.getRegister(0).toUnsignedShort());
                int current = (image.getRegister(3).toUnsignedShort() << 16) | image.getRegister(4).toUnsignedShort();
                assertEquals(-5000, current);
                image.getRegister(101).setValue(42000);
                ps.poll();
                assertEquals(420.0, ps.present().voltageV(), 1e-9);
            } finally {
                ModbusSlaveFactory.close(slave);
            }
        } finally {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
