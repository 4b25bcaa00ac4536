package org.secc.app.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The commands the veth and powerline tests run to set up and tear down namespaces (ip, sysctl). */
final class Shell {

    private Shell() {
    }

    /** Exit code (127: could not start, 124: timed out after 30 s) and the merged output. */
    record Result(int code, String out) {
    }

    static Result run(String... cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(124, out);
        }
        return new Result(p.exitValue(), out);
    }

    /** Runs the command and throws with its output when it fails. */
    static void sh(String... cmd) throws Exception {
        Result r = run(cmd);
        if (r.code() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.out());
        }
    }
}
