package org.secc.app.run;

import static org.secc.app.run.Shell.run;
import static org.secc.app.run.Shell.sh;

import static org.junit.jupiter.api.Assertions.fail;
import static org.secc.testsupport.Prerequisites.require;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two network namespaces joined by a veth pair, the charger's side with fe80::e and the car's with
 * fe80::a (no duplicate address detection), loopback up in both: the link `secc run` and the EV
 * emulator (or the conformance suite) find each other on by SDP. The names carry a random suffix, so
 * test JVMs running side by side (the bench module's forks) never share a namespace or an interface.
 * Root only: without root or `ip netns` the caller's tests skip with the reason (fail when {@code CI}
 * is set, {@link org.secc.testsupport.Prerequisites}). {@link #close()} deletes both namespaces and
 * with them the pair.
 */
public final class VethPair implements AutoCloseable {
    /**
     * How long a `secc run` child may take to print "SECC up": a JVM's start, not a behaviour under test;
     * the bench module's test JVMs run side by side and a loaded machine stretches it well past 20 s.
     */
    public static final int START_S = 60;

    /** The charger's side: namespace and interface. */
    public final String evseNs;
    public final String evseIf;
    /** The car's side. */
    public final String pevNs;
    public final String pevIf;

    private VethPair(String prefix, String id) {
        evseNs = prefix + "-e-" + id;
        pevNs = prefix + "-p-" + id;
        evseIf = prefix + "e" + id;
        pevIf = prefix + "p" + id;
    }

    /**
     * Sets the pair up; {@code prefix} (at most 5 characters, an interface name has 15) tells the
     * tests' namespaces apart, {@code what} names the test in the skip message.
     */
    public static VethPair create(String prefix, String what) throws Exception {
        if (prefix.length() > 5) {
            throw new IllegalArgumentException("prefix longer than 5 characters: " + prefix);
        }
        require("root".equals(System.getProperty("user.name")), "skipped: " + what + " needs root (CI runs it as root)");
        require(run("ip", "netns", "list").code() == 0, "skipped: `ip netns` is not available (install iproute2)");
        VethPair v = new VethPair(prefix, Long.toHexString(System.nanoTime() & 0xFFFFF));
        sh("ip", "netns", "add", v.evseNs);
        try {
            sh("ip", "netns", "add", v.pevNs);
            sh("ip", "link", "add", v.evseIf, "type", "veth", "peer", "name", v.pevIf);
            sh("ip", "link", "set", v.evseIf, "netns", v.evseNs);
            sh("ip", "link", "set", v.pevIf, "netns", v.pevNs);
            sh("ip", "-n", v.evseNs, "link", "set", "lo", "up");
            sh("ip", "-n", v.pevNs, "link", "set", "lo", "up");
            sh("ip", "-n", v.evseNs, "addr", "add", "fe80::e/64", "dev", v.evseIf, "nodad");
            sh("ip", "-n", v.pevNs, "addr", "add", "fe80::a/64", "dev", v.pevIf, "nodad");
            sh("ip", "-n", v.evseNs, "link", "set", v.evseIf, "up");
            sh("ip", "-n", v.pevNs, "link", "set", v.pevIf, "up");
        } catch (Exception | Error e) {
            v.close();
            throw e;
        }
        return v;
    }

    /** {@code java -cp <the test class path> main args} in the charger's namespace, output to {@code log}. */
    public Process evse(String main, List<String> args, Path log) throws IOException {
        return java(evseNs, main, args, log);
    }

    /** The same in the car's namespace. */
    public Process pev(String main, List<String> args, Path log) throws IOException {
        return java(pevNs, main, args, log);
    }

    private static Process java(String ns, String main, List<String> args, Path log) throws IOException {
        String javaBin = System.getProperty("java.home") + "/bin/java";
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, javaBin, "-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until {@code log} contains {@code text}; fails with the log after {@code seconds}. */
    public static void waitFor(Path log, String text, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        fail("'" + text + "' did not appear: " + (Files.exists(log) ? Files.readString(log) : "no log"));
    }

    @Override
    public void close() throws Exception {
        run("ip", "netns", "del", evseNs);
        run("ip", "netns", "del", pevNs);
    }
}
