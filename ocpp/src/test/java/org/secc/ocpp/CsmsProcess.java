package org.secc.ocpp;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.secc.common.json.JsonNode;
import org.secc.common.json.ObjectNode;

/**
 * The test CSMS (src/test/csms/csms.js on ocpp-rpc) as a child process: every event it prints is kept, commands go
 * to its stdin. Without Node or without {@code npm ci} having run the test skips, unless {@code CI} is set: then it fails.
 */
final class CsmsProcess implements AutoCloseable {
    static final Path DIR = Path.of("src/test/csms").toAbsolutePath();

    private final Process process;
    private final Writer stdin;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    final int port;

    static void assumeAvailable() {
        boolean ok = Files.isDirectory(DIR.resolve("node_modules/ocpp-rpc"));
        String why = "the test CSMS needs Node 20 and `npm ci` in " + DIR + " (.ci/run does that)";
        if (!ok && System.getenv("CI") != null) fail(why);
        Assumptions.assumeTrue(ok, why);
    }

    CsmsProcess(String... args) throws IOException {
        assumeAvailable();
        List<String> cmd = new ArrayList<>(List.of("node", "csms.js"));
        cmd.addAll(List.of(args));
        process = new ProcessBuilder(cmd).directory(DIR.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target/csms-stderr.log").toFile())).start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    try {
                        events.add(JsonNode.parse(line));
                    } catch (RuntimeException e) {
                        events.add(JsonNode.object().put("event", "unparsed").put("line", line));
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "csms-stdout");
        reader.setDaemon(true);
        reader.start();
        port = await(e -> "listening".equals(e.path("event").asString()), Duration.ofSeconds(20)).path("port").asInt();
    }

    List<JsonNode> events() { return events; }

    /** The first event (from the start) that matches, waiting up to {@code timeout}. */
    JsonNode await(Predicate<JsonNode> p, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (JsonNode e : events) if (p.test(e)) return e;
            if (!process.isAlive()) break;
            try {
                Thread.sleep(20); // polling the child's output, not timing the product
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("CSMS event not seen within " + timeout + "; events: " + events);
    }

    /** The n-th (0-based) event of this kind ("connected", "disconnected", ...). */
    JsonNode awaitEvent(String event, int n, Duration timeout) {
        return await(e -> {
            if (!event.equals(e.path("event").asString())) return false;
            int seen = 0;
            for (JsonNode x : events) {
                if (event.equals(x.path("event").asString())) {
                    if (x == e) return seen == n;
                    seen++;
                }
            }
            return false;
        }, timeout);
    }

    /** The n-th (0-based) CALL of this action from the station. */
    JsonNode awaitCall(String action, int n, Duration timeout) {
        return await(e -> {
            if (!"call".equals(e.path("event").asString()) || !action.equals(e.path("action").asString())) return false;
            int seen = 0;
            for (JsonNode x : events) {
                if ("call".equals(x.path("event").asString()) && action.equals(x.path("action").asString())) {
                    if (x == e) return seen == n;
                    seen++;
                }
            }
            return false;
        }, timeout);
    }

    List<JsonNode> calls(String action) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events) if ("call".equals(e.path("event").asString()) && action.equals(e.path("action").asString())) out.add(e);
        return out;
    }

    void command(ObjectNode cmd) {
        try {
            stdin.write(cmd.toString() + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void call(String action, JsonNode payload) {
        ObjectNode c = JsonNode.object().put("cmd", "call").put("action", action);
        c.set("payload", payload);
        command(c);
    }

    void raw(String text) {
        command(JsonNode.object().put("cmd", "raw").put("text", text));
    }

    void set(String key, Object value) {
        ObjectNode c = JsonNode.object().put("cmd", "set").put("key", key);
        c.set("value", JsonNode.of(value));
        command(c);
        await(e -> "set".equals(e.path("event").asString()) && key.equals(e.path("key").asString()), Duration.ofSeconds(5));
    }

    /** The result the station answered to our CALL of this action (the n-th). */
    JsonNode awaitAnswer(String action, int n, Duration timeout) {
        return await(e -> {
            String ev = e.path("event").asString();
            if (!("callResult".equals(ev) || "callError".equals(ev)) || !action.equals(e.path("action").asString())) return false;
            int seen = 0;
            for (JsonNode x : events) {
                String xe = x.path("event").asString();
                if (("callResult".equals(xe) || "callError".equals(xe)) && action.equals(x.path("action").asString())) {
                    if (x == e) return seen == n;
                    seen++;
                }
            }
            return false;
        }, timeout);
    }

    /** Ends the CSMS at once (as a crash would): connections drop without a close handshake. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
