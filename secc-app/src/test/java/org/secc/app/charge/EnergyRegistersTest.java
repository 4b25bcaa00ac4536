package org.secc.app.charge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connectors' energy registers: monotonic, published only once saved, saved at a bounded rate while
 * energy flows and at once when it stops; the register file is written then renamed, survives a
 * restart, and a damaged file costs one log line, not the service. Time is the test's.
 */
class EnergyRegistersTest {
    static final long S = 1_000_000_000L;

    @Test
    void publishedValuesAreTheSavedOnesAndSavesAreRateLimitedWhileEnergyFlows() {
        EnergyRegisters r = new EnergyRegisters(new EnergyRegisters.Values(1000, 200), 10 * S);
        assertNull(r.due(0), "nothing counted: nothing to save");
        r.add(5, 0);
        EnergyRegisters.Values v = r.due(1 * S);
        assertEquals(new EnergyRegisters.Values(1005, 200), v, "the first change is saved at once");
        assertEquals(new EnergyRegisters.Values(1000, 200), r.published(), "not published before it is on disk");
        r.saved(v, 1 * S);
        assertEquals(new EnergyRegisters.Values(1005, 200), r.published());
        for (int t = 2; t < 11; t++) {
            r.add(3, 0);
            assertNull(r.due(t * S), "still flowing, within the 10 s interval (t = " + t + " s)");
        }
        assertEquals(1005, r.published().importedWh(), 1e-9);
        r.add(3, 0);
        v = r.due(11 * S);
        assertEquals(1005 + 30, v.importedWh(), 1e-9, "10 s after the last save");
        r.saved(v, 11 * S);
        r.add(0, 7);
        assertNull(r.due(12 * S), "flowing again");
        EnergyRegisters.Values stop = r.due(13 * S);
        assertEquals(new EnergyRegisters.Values(1035, 207), stop, "the flow stopped: saved at the next check");
        r.saved(stop, 13 * S);
        r.add(-50, Double.NaN);
        assertNull(r.due(14 * S), "negative or NaN energy is never counted");
        r.saved(new EnergyRegisters.Values(1, 1), 15 * S);
        assertEquals(stop, r.published(), "an older value reported late never takes a register back");
    }

    @Test
    void whileSavesFailTheCountedValuesArePublished() {
        EnergyRegisters r = new EnergyRegisters(EnergyRegisters.Values.ZERO, 10 * S);
        r.add(12, 0);
        r.saving(false);
        assertEquals(12, r.published().importedWh(), 1e-9);
        r.saving(true);
        assertEquals(0, r.published().importedWh(), 1e-9);
    }

    @Test
    void theFileSurvivesARestartAndIsReplacedWhole(@TempDir Path dir) throws Exception {
        EnergyRegisterFile f = new EnergyRegisterFile(dir.resolve("state"));
        assertEquals(Map.of(), f.load(), "a new device starts at zero");
        f.save(Map.of(1, new EnergyRegisters.Values(1234.5, 67.25), 2, EnergyRegisters.Values.ZERO));
        assertEquals("{\"format\":1,\"connectors\":{\"1\":{\"imported_wh\":1234.5,\"exported_wh\":67.25},\"2\":{\"imported_wh\":0.0,"
                + "\"exported_wh\":0.0}}}\n", Files.readString(f.path()));
        assertEquals(Map.of(1, new EnergyRegisters.Values(1234.5, 67.25), 2, EnergyRegisters.Values.ZERO),
                new EnergyRegisterFile(dir.resolve("state")).load());
        f.save(Map.of(1, new EnergyRegisters.Values(2000, 70)));
        assertEquals(Map.of(1, new EnergyRegisters.Values(2000, 70)), f.load());
        try (var files = Files.list(dir.resolve("state"))) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aDamagedFileIsSetAsideWithOneLogLineAndCountingStartsAtZero(@TempDir Path dir) throws Exception {
        EnergyRegisterFile f = new EnergyRegisterFile(dir);
        Logger log = Logger.getLogger(EnergyRegisterFile.class.getName());
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(h);
        try {
            for (String bad : new String[] {"{\"format\":1,\"connectors\":{\"1\":{\"imported_wh\":-5,\"exported_wh\":0}}}",
                    "{\"format\":2,\"connectors\":{}}", "{\"format\":1,\"connectors\":{\"x\":{}}}", "{\"format\":1,", "[]",
                    " ".repeat(EnergyRegisterFile.MAX_BYTES + 1)}) {
                lines.clear();
                Files.write(f.path(), bad.getBytes(StandardCharsets.UTF_8));
                assertEquals(Map.of(), f.load(), bad);
                assertEquals(1, lines.size(), lines.toString());
                assertTrue(lines.get(0).startsWith("SEVERE energy registers " + f.path() + " invalid"), lines.get(0));
                assertTrue(Files.exists(dir.resolve("energy-registers.json.bad")) && !Files.exists(f.path()), "set aside");
            }
        } finally {
            log.removeHandler(h);
        }
    }

    @Test
    void theSaverRestoresCountsAndSavesAtClose(@TempDir Path dir) throws Exception {
        EnergyRegisterFile f = new EnergyRegisterFile(dir);
        f.save(Map.of(1, new EnergyRegisters.Values(500, 40)));
        // the saver only hands the charge control its registers: nothing else of it is used here
        HalChargeControl c = new HalChargeControl(null, ChargeSettings.defaults(), null, () -> null, () -> 0, null);
        EnergyRegisters[] seen = new EnergyRegisters[1];
        long[] now = {0};
        EnergyRegisterSaver s = EnergyRegisterSaver.start(f, Map.of(1, c), () -> now[0]);
        seen[0] = c.registers();
        assertEquals(new EnergyRegisters.Values(500, 40), seen[0].published(), "restored");
        seen[0].add(20, 1);
        now[0] = 1 * S;
        s.close(); // saves what is unsaved, due or not
        assertEquals(Map.of(1, new EnergyRegisters.Values(520, 41)), f.load());
    }
}
