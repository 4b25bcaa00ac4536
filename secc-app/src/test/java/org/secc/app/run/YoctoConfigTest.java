package org.secc.app.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.secc.app.policy.PolicyFile;

/** The configuration the Yocto layer installs is one the service accepts, policy file included. */
class YoctoConfigTest {
    static final Path FILES = Path.of("..", "yocto", "meta-secc", "recipes-secc", "secc", "files");

    @Test
    void shippedSeccConfAndPolicyConfAreValid() throws Exception {
        SeccConfig c = SeccConfig.parse(Files.readString(FILES.resolve("secc.conf")), Path.of("/etc/secc"));
        assertEquals("linux", c.hal().backend());
        assertEquals(Path.of("/etc/secc/policy.conf"), c.policyFile());
        assertTrue(c.slac());
        PolicyFile.Result r = PolicyFile.parse(Files.readString(FILES.resolve("policy.conf")));
        assertInstanceOf(PolicyFile.Loaded.class, r, r.toString());
        assertNotNull(((PolicyFile.Loaded) r).policy().gridCode(), "a grid code, so discharge is possible");
    }
}
