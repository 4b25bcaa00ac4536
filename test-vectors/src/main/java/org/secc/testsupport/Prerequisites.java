package org.secc.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need root, a tool or a kernel feature. On a developer's machine a missing prerequisite skips the
 * test with the reason; in CI (the environment variable {@code CI} set, as {@code .ci/run} is run) it fails the
 * test, so that a missing install step can never turn into a silently green run.
 */
public final class Prerequisites {
    private Prerequisites() {
    }

    /** True when running under CI: {@code CI} set to anything but empty, "0" or "false". */
    public static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equals("0") && !ci.equalsIgnoreCase("false");
    }

    /** Skips (locally) or fails (in CI) unless {@code present}; {@code what} says what is missing and how to get it. */
    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (inCi()) {
            throw new AssertionError("prerequisite missing in CI: " + what);
        }
        Assumptions.abort(what);
    }
}
