package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.cli.SeccMain;
import picocli.CommandLine;

/** `secc run` with a bad configuration: exit code 2 and one line per problem, nothing started. */
class RunConfigErrorsTest {
    private static List<String> run(int expectedExit, String... args) {
        CommandLine cl = SeccMain.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(expectedExit, cl.execute(args), err.toString());
        return err.toString().lines().toList();
    }

    @Test
    void everyConfigurationErrorExitsWith2AndNamesWhere(@TempDir Path dir) throws Exception {
        if (Files.exists(Path.of("/dev/zero"))) {
            assertEquals(List.of("run: /dev/zero: longer than 1048576 bytes; a configuration file is a short text file"),
                    run(2, "run", "--config", "/dev/zero"));
        }
        Path cfg = dir.resolve("secc.conf");
        Files.writeString(cfg, "Hal.Backend = linux\nnetwork.iface = lo\n");
        assertEquals(List.of("run: " + cfg + ": hal.backend: missing; it has no default, allowed sim (the simulated bench) or linux (the board's hardware)",
                "run: " + cfg + ":1: Hal.Backend: unknown key; keys are case-sensitive: did you mean hal.backend?"),
                run(2, "run", "--config", cfg.toString(), "--no-ctl"));
        Files.writeString(cfg, "hal.backend = sim\nnetwork.iface = lo\nnetwork.port = 50000\n");
        assertEquals(List.of("run: option --port: network.port: 70000 is out of range; allowed 0 to 65535 (0 = any free port; SDP tells the EV)"),
                run(2, "run", "--config", cfg.toString(), "--port", "70000", "--no-ctl"));
        Files.writeString(cfg, "hal.backend = sim\nnetwork.iface = lo\nnetwork.slac = false\npolicy.file = policy.conf\n");
        Files.writeString(dir.resolve("policy.conf"), "soc_reserve_pct = 20\nsoc_floor_pct = 30\n");
        List<String> policy = run(2, "run", "--config", cfg.toString(), "--no-ctl");
        assertEquals("run: " + dir.resolve("policy.conf") + ":2: soc_floor_pct: 30 is above soc_reserve_pct (20); allowed 0 to soc_reserve_pct",
                policy.get(policy.size() - 1));
        assertEquals(List.of("run: " + dir.resolve("none.conf") + ": no such file"), run(2, "run", "--config", dir.resolve("none.conf").toString()));
    }

    /** A file of nonsense within the read bound: the first 50 errors and a count, not a screen per line. */
    @Test
    void aFileOfThousandsOfErrorsPrintsTheFirstFiftyAndACount(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("secc.conf");
        Files.writeString(cfg, "hal.backend = sim\nnetwork.iface = lo\n" + "no equals sign here\n".repeat(30_000));
        List<String> err = run(2, "run", "--config", cfg.toString(), "--no-ctl");
        assertEquals(51, err.size(), () -> err.subList(0, 3) + " ... " + err.get(err.size() - 1));
        assertEquals("run: " + cfg + ":3: 'no equals sign here' is not 'key = value'", err.get(0));
        assertEquals("run: ... and 29950 more errors (30000 in all; the first 50 shown)", err.get(50));
    }
}
