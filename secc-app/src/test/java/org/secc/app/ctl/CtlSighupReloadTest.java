package org.secc.app.ctl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** SIGHUP reload installs on this JVM (no signal is raised: it would hit the whole test JVM). */
class CtlSighupReloadTest {
    @Test
    void installsOnAJvmWithJdkUnsupported() {
        assertTrue(SighupReload.install(() -> { }));
        // installing again replaces the handler rather than failing (the service may restart its wiring)
        assertTrue(SighupReload.install(() -> { }));
    }
}
