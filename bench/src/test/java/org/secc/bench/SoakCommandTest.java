package org.secc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.ev.scenario.Scenarios;
import org.secc.ev.session.ControlMode;
import org.secc.ev.session.Service;

/**
 * The soak command of secc-app/README-bench.md, shortened to a few sessions: the charger jar in its own
 * JVM with -Xmx64m, EV emulator sessions back to back, one row per session with failures, p99, heap
 * after GC and RSS.
 */
class SoakCommandTest {
    static final String README_COMMAND = "java -jar bench/target/secc-bench.jar soak --sessions 10000 --every 500";

    @Test
    void theReadmeShowsTheCommand() throws Exception {
        String readme = Files.readString(Path.of("..", "secc-app", "README-bench.md"));
        assertTrue(readme.contains(README_COMMAND), "secc-app/README-bench.md shows: " + README_COMMAND);
    }

    @Test
    void theRotationCoversEveryServiceModeAndFaultScenario() {
        List<SoakCommand.Plan> r = SoakCommand.rotation(0);
        assertEquals(Set.of(Service.values()), r.stream().map(SoakCommand.Plan::service).collect(Collectors.toSet()));
        assertEquals(Set.of(ControlMode.values()), r.stream().map(SoakCommand.Plan::mode).collect(Collectors.toSet()));
        Set<String> names = r.stream().map(p -> p.scenario().name()).collect(Collectors.toSet());
        for (var sc : Scenarios.all()) {
            if (sc.name().startsWith("fault-")) {
                assertTrue(names.contains(sc.name()), "the rotation runs " + sc.name());
            }
        }
        // the slow ones (charge to SOC, fall silent) run once per rotation each, on the next service and mode each time,
        // so that eight rotations run each of them with every service and mode
        for (String slow : List.of("charge-to-soc", "fault-silence")) {
            Set<String> seen = new java.util.HashSet<>();
            for (int round = 0; round < 8; round++) {
                List<SoakCommand.Plan> one = SoakCommand.rotation(round).stream().filter(p -> p.scenario().name().equals(slow)).toList();
                assertEquals(1, one.size(), slow + " once in rotation " + round);
                seen.add(one.get(0).service() + "/" + one.get(0).mode());
            }
            assertEquals(8, seen.size(), slow + " with every service and mode over eight rotations: " + seen);
        }
    }

    @Test
    void usedHeapIsSummedOverTheHeapNotMetaspace() {
        assertEquals(12_345, SoakCommand.usedKb("""
                 garbage-first heap   total 65536K, used 12345K [0x00000000fc000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 1 survivors (1024K)
                 Metaspace       used 20000K, committed 20480K, reserved 1114112K
                  class space    used 2000K, committed 2048K, reserved 1048576K
                """));
        assertEquals(3_000, SoakCommand.usedKb("""
                 def new generation   total 19648K, used 1000K [0x00000000fc000000, 0x00000000fd550000, 0x00000000fd550000)
                  eden space 17472K,   5% used [0x00000000fc000000, 0x00000000fc0fa000, 0x00000000fd110000)
                  from space 2176K,   0% used [0x00000000fd110000, 0x00000000fd110000, 0x00000000fd330000)
                 tenured generation   total 43712K, used 2000K [0x00000000fd550000, 0x0000000100000000, 0x0000000100000000)
                   the space 43712K,   4% used [0x00000000fd550000, 0x00000000fd740000, 0x00000000fd740000, 0x0000000100000000)
                 Metaspace       used 20000K, committed 20480K, reserved 1114112K
                """));
    }

    @Test
    void aFewSessionsAgainstTheChargerJar(@TempDir Path dir) throws Exception {
        Path jar = Path.of("..", "secc-app", "target", "secc-app.jar").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build it first (mvn -B -ntp -pl bench -am verify)");
        StringWriter out = new StringWriter();
        var cl = BenchMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        // the first plans of the rotation: a discharge, DC_BPT then DC_BPT Dynamic
        int rc = cl.execute("soak", "--sessions", "2", "--every", "1", "--jar", jar.toString(), "--work-dir", dir.toString());
        String text = out.toString();
        assertEquals(0, rc, text + "\n--- charger log ---\n" + Files.readString(dir.resolve("secc.log")));
        assertTrue(text.contains("sessions  failures  p99_response_ms  heap_after_gc_MB  rss_MB  elapsed_s"), text);
        List<String> rows = text.lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+\\s+\\d+")).toList();
        assertEquals(2, rows.size(), text);
        String[] last = rows.get(1).trim().split("\\s+");
        assertEquals("0", last[1], "no failures: " + text);
        double heap = Double.parseDouble(last[3]);
        assertTrue(heap > 1 && heap < 64, "heap after GC within -Xmx64m: " + text);
        assertTrue(Double.parseDouble(last[4]) > heap, "RSS above the heap: " + text);
        assertTrue(text.contains("soak: 2 sessions, 0 failures"), text);
    }

    @Test
    void theReadmesOptionsOnlyLoopTimeScaleAndNoReplug(@TempDir Path dir) throws Exception {
        Path jar = Path.of("..", "secc-app", "target", "secc-app.jar").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build it first (mvn -B -ntp -pl bench -am verify)");
        // a car at the charger's initial 50 %: without the replug nothing sets the simulated battery to the car's SOC
        String name = "stop-by-ev";
        StringWriter out = new StringWriter();
        var cl = BenchMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        int rc = cl.execute("soak", "--sessions", "1", "--every", "1", "--only", name, "--loop-time-scale", "10", "--no-replug",
                "--jar", jar.toString(), "--work-dir", dir.toString());
        String text = out.toString();
        assertEquals(0, rc, text + "\n--- charger log ---\n" + Files.readString(dir.resolve("secc.log")));
        assertTrue(text.contains(name), "the scenario named with --only ran: " + text);
        assertTrue(text.contains("soak: 1 sessions, 0 failures"), text);
        assertTrue(SoakCommand.rotation(0, List.of(name)).stream().allMatch(p -> p.scenario().name().equals(name)));

        StringWriter err = new StringWriter();
        var bad = BenchMain.commandLine();
        bad.setErr(new PrintWriter(err, true));
        assertEquals(2, bad.execute("soak", "--loop-time-scale", "0"), err.toString());
        assertTrue(err.toString().contains("--loop-time-scale 0 is out of range; allowed 1 to 100"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, bad.execute("soak", "--only", "no-such-scenario"), err.toString());
        assertTrue(err.toString().contains("--only: no scenario 'no-such-scenario' on this bench"), err.toString());
    }
}
