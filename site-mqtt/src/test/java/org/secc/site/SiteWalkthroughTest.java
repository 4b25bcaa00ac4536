package org.secc.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.site.testing.Mosquitto;
import org.secc.site.testing.TestPort;

/** Runs the README's mosquitto_pub/mosquitto_sub walkthrough, line by line, against a real broker and the site client. */
class SiteWalkthroughTest {

    static List<String> walkthrough() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String block = readme.substring(readme.indexOf("<!-- walkthrough -->"), readme.indexOf("<!-- /walkthrough -->"));
        List<String> lines = new ArrayList<>();
        for (String l : block.split("\n")) {
            if (l.startsWith("mosquitto_")) {
                lines.add(l);
            }
        }
        return lines;
    }

    @Test
    void theReadmeWalkthroughRuns(@TempDir Path dir) throws Exception {
        Mosquitto.require("mosquitto_rr");
        List<String> lines = walkthrough();
        assertEquals(7, lines.size(), lines.toString());
        try (Mosquitto broker = Mosquitto.start(dir, "allow_anonymous true\n")) {
            TestPort port = new TestPort();
            SiteConfig cfg = SiteConfig.parse(Map.of("mqtt.url", broker.url("tcp"), "mqtt.station_id", "secc-1",
                    "mqtt.telemetry_interval_ms", "100"), dir);
            try (SiteClient client = new SiteClient(cfg, port, System::nanoTime, Clock.systemUTC())) {
                client.start();
                SiteBrokerTest.await("connected", client::isConnected);
                Thread.sleep(300); // the first telemetry tick publishes the retained states
                List<String> out = new ArrayList<>();
                for (String line : lines) {
                    String cmd = line.replace("-p 1883", "-p " + broker.port());
                    Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
                    String text = new String(p.getInputStream().readAllBytes()).strip();
                    assertTrue(p.waitFor(20, TimeUnit.SECONDS), cmd);
                    assertEquals(0, p.exitValue(), cmd + " -> " + text);
                    out.add(text);
                }
                assertEquals("true", out.get(0));
                assertTrue(out.get(1).startsWith("{\"evse_id\":1,\"lifecycle\":\"energized\""), out.get(1));
                assertEquals("{\"id\":\"p-1\",\"accepted\":true,\"duplicate\":false,\"message\":\"price applied\"}", out.get(2));
                assertTrue(out.get(3).contains("\"id\":\"d-1\",\"accepted\":true"), out.get(3));
                assertEquals("{\"id\":\"p-2\",\"accepted\":false,\"duplicate\":false,\"message\":\"price_per_kwh: expected a number, got string\"}",
                        out.get(4));
                SiteBrokerTest.await("heartbeat applied", () -> port.applied.stream().anyMatch(c -> c instanceof SiteCommand.Heartbeat));
                assertTrue(out.get(6).startsWith("{\"limits\":[],\"failsafe\":{\"active\":false"), out.get(6));
            }
        }
    }
}
