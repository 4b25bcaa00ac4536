package org.secc.ev.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.secc.ev.cli.EvMain;

/** The CLI's exit codes: 0 expectations hold, 1 they don't, 2 usage error. */
class CliRunTest {
    @Test
    void runAgainstALoopbackSeccExitsZero() throws Exception {
        ScriptedSecc secc = new ScriptedSecc(new FakeClock());
        secc.socketLoopTimeoutMs = 5_000; // the exit code is checked here, not timing: a loaded host may pause the EV's loop
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try {
                    secc.serve(ss.accept());
                } catch (java.io.IOException ignored) {
                    // test ends
                }
            });
            t.setDaemon(true);
            t.start();
            int rc = EvMain.commandLine().execute("run", "--host", "127.0.0.1", "--port", String.valueOf(ss.getLocalPort()),
                    "--scenario", "stop-by-ev", "--service", "AC", "--mode", "scheduled", "--timeout-scale", "4");
            assertEquals(0, rc);
        }
    }

    @Test
    void refusedConnectionExitsOne() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        assertEquals(1, EvMain.commandLine().execute("run", "--host", "127.0.0.1", "--port", String.valueOf(port), "--scenario", "stop-by-ev"));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, EvMain.commandLine().execute("run", "--host", "::1", "--port", "1", "--scenario", "no-such"));
        assertEquals(2, EvMain.commandLine().execute("run", "--host", "::1", "--port", "1", "--scenario", "stop-by-ev", "--mode", "x"));
        assertEquals(2, EvMain.commandLine().execute("run", "--host", "::1", "--port", "1", "--scenario", "stop-by-ev", "--timeout-scale", "0"));
        assertEquals(2, EvMain.commandLine().execute("run", "--host", "::1", "--port", "1", "--scenario", "stop-by-ev", "--timeout-scale", "101"));
        assertEquals(2, EvMain.commandLine().execute("run", "--host", "::1", "--port", "1", "--scenario", "stop-by-ev", "--protocol", "din",
                "--timeout-scale", "3"));
        assertEquals(2, EvMain.commandLine().execute("run", "--host", "::1", "--port", "1", "--scenario", "stop-by-ev", "--protocol", "iso2",
                "--timeout-scale", "3"));
        // --tls-suite: ecdhe or ecdh, and only for a -2 EV over TLS
        assertEquals(2, EvMain.commandLine().execute("run", "--host", "::1", "--port", "1", "--scenario", "stop-by-ev", "--protocol", "iso2",
                "--tls", "--tls-suite", "rsa"));
        assertEquals(2, EvMain.commandLine().execute("run", "--host", "::1", "--port", "1", "--scenario", "stop-by-ev", "--protocol", "iso2",
                "--tls-suite", "ecdh"));
        assertEquals(2, EvMain.commandLine().execute("run", "--host", "::1", "--port", "1", "--scenario", "stop-by-ev", "--tls", "--tls-suite",
                "ecdh"));
        assertEquals(0, EvMain.commandLine().execute("scenarios"));
    }
}
