package org.secc.site.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto broker for tests: started on a free loopback port with a generated configuration,
 * killed (SIGKILL, like a crash) or stopped, and restarted on the same port. Without the Debian
 * {@code mosquitto} package the tests skip, except under CI ({@code CI} set), where they fail.
 */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final Path conf;
    private final int port;
    private Process process;

    private Mosquitto(Path dir, Path conf, int port) {
        this.dir = dir;
        this.conf = conf;
        this.port = port;
    }

    /** Skips (or under CI fails) when the tool is not installed. */
    public static void require(String tool) {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                found = true;
            }
        }
        for (String d : List.of("/usr/sbin", "/usr/bin")) {
            found |= Files.isExecutable(Path.of(d, tool));
        }
        if (!found) {
            String msg = tool + " not installed (Debian: apt-get install mosquitto mosquitto-clients; .ci/run does it)";
            if (System.getenv("CI") != null) {
                Assertions.fail(msg);
            }
            Assumptions.abort(msg);
        }
    }

    static String exe(String tool) {
        for (String d : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return d + "/" + tool;
            }
        }
        return tool;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts a broker whose configuration is the listener line plus {@code extra} (one directive per line). */
    public static Mosquitto start(Path dir, String extra) throws IOException, InterruptedException {
        require("mosquitto");
        int port = freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\n"
                + "persistence false\n"
                + "log_dest file " + dir.resolve("mosquitto.log") + "\n"
                + "log_type all\n"
                // run as root (containers) it would drop to the 'mosquitto' user that cannot read the temp dir
                + "user " + System.getProperty("user.name") + "\n"
                + extra);
        Mosquitto m = new Mosquitto(dir, conf, port);
        m.restart();
        return m;
    }

    public int port() {
        return port;
    }

    public String url(String scheme) {
        return scheme + "://127.0.0.1:" + port;
    }

    public Path log() {
        return dir.resolve("mosquitto.log");
    }

    /** (Re)starts the broker on its port and waits until it accepts connections. */
    public void restart() throws IOException, InterruptedException {
        process = new ProcessBuilder(exe("mosquitto"), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited " + process.exitValue() + ": " + Files.readString(dir.resolve("mosquitto.out"))
                        + (Files.exists(log()) ? Files.readString(log()) : ""));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("mosquitto did not listen on " + port + " within 10 s");
    }

    /** SIGKILL: the broker vanishes like a crash (no clean disconnects). */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** Runs a command (openssl, mosquitto_passwd, mosquitto_pub) in {@code dir}; fails with its output. */
    public static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(cmd));
        c.set(0, exe(c.get(0)));
        Process p = new ProcessBuilder(c).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /**
     * A test PKI made with openssl: ca.pem, server.pem/server.key (SAN 127.0.0.1, localhost) and a client
     * certificate per name ({@code <name>.pem}/{@code <name>.key}, CN = name), EC P-256 keys in PKCS#8.
     */
    public static void pki(Path dir, String... clients) throws IOException, InterruptedException {
        require("openssl");
        run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
                "-out", "ca.pem", "-days", "2", "-subj", "/CN=site test CA");
        issue(dir, "server", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        for (String c : clients) {
            issue(dir, c, "extendedKeyUsage=clientAuth");
        }
    }

    private static void issue(Path dir, String name, String ext) throws IOException, InterruptedException {
        run(dir, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key",
                "-out", name + ".csr", "-subj", "/CN=" + name);
        Files.writeString(dir.resolve(name + ".ext"), ext + "\n");
        run(dir, "openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
    }
}
