package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.secc.common.json.JsonNode;

/**
 * The ocpp module's test CSMS (ocpp/src/test/csms/csms.js: ocpp-rpc, strict 2.1 validation) as a child process of
 * a bench test: its events are kept, CALLs go to its stdin. Skips without Node/`npm ci`, fails so under CI.
 */
final class NodeCsms implements AutoCloseable {
    static final Path DIR = Path.of("../ocpp/src/test/csms").toAbsolutePath().normalize();

    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Process node;
    private final Writer w;
    final int port;

    NodeCsms(String password) throws IOException {
        this(password, 0);
    }

    /** On a given port (0: any free one), e.g. to bring "the same" CSMS back after killing it. */
    NodeCsms(String password, int listenPort) throws IOException {
        boolean ok = Files.isDirectory(DIR.resolve("node_modules/ocpp-rpc"));
        String why = "the test CSMS needs Node and `npm ci` in " + DIR + " (.ci/run does that)";
        if (!ok && System.getenv("CI") != null) fail(why);
        Assumptions.assumeTrue(ok, why);
        node = new ProcessBuilder("node", "csms.js", "--password", password, "--port", Integer.toString(listenPort)).directory(DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        w = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) events.add(JsonNode.parse(l));
            } catch (Exception ignored) {
                // the CSMS ended
            }
        }, "node-csms");
        reader.setDaemon(true);
        reader.start();
        port = await(e -> "listening".equals(e.path("event").asString()), Duration.ofSeconds(30)).path("port").asInt();
    }

    /** Sends a CALL to every connected station (does not wait for the answer). */
    void send(String action, String payload) throws IOException {
        var c = JsonNode.object().put("cmd", "call").put("action", action);
        c.set("payload", JsonNode.parse(payload));
        w.write(c + "\n");
        w.flush();
    }

    /** Sets a behaviour of the CSMS (csms.js `set`: bootStatus, authorizeStatus, evChargingNeedsStatus, ...). */
    void set(String key, String value) throws IOException {
        w.write(JsonNode.object().put("cmd", "set").put("key", key).put("value", value) + "\n");
        w.flush();
        await(e -> "set".equals(e.path("event").asString()) && key.equals(e.path("key").asString()), Duration.ofSeconds(10));
    }

    List<JsonNode> calls(String action) {
        return events.stream().filter(x -> "call".equals(x.path("event").asString()) && action.equals(x.path("action").asString())).toList();
    }

    List<JsonNode> answers(String action) {
        return events.stream().filter(x -> ("callResult".equals(x.path("event").asString()) || "callError".equals(x.path("event").asString()))
                && action.equals(x.path("action").asString())).toList();
    }

    JsonNode await(Predicate<JsonNode> p, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (JsonNode e : events) if (p.test(e)) return e;
            try {
                Thread.sleep(5); // polling the child's output, not timing the product
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("CSMS event not seen within " + timeout + ": " + events);
    }

    boolean strictValidationFailed() {
        return events.stream().anyMatch(e -> "strictValidationFailure".equals(e.path("event").asString()));
    }

    @Override
    public void close() throws InterruptedException {
        node.destroyForcibly();
        node.waitFor();
    }
}
