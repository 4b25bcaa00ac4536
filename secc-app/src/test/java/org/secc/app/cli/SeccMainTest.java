package org.secc.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree main() builds: only the named subcommand for a start, the whole tree otherwise. */
class SeccMainTest {
    private static Set<String> subcommands(String first) {
        return new TreeSet<>(SeccMain.commandLine(first).getSubcommands().keySet());
    }

    @Test
    void aNamedSubcommandIsBuiltAlone() {
        Set<String> all = subcommands(null);
        assertEquals(Subcommands.all().size() + 1, all.size(), all.toString()); // and picocli's help
        assertTrue(all.containsAll(List.of("help", "exi", "run", "ctl")), all.toString());
        for (String name : all) {
            if (!name.equals("help")) {
                assertEquals(new TreeSet<>(Set.of("help", name)), subcommands(name), name);
            }
        }
        for (String other : List.of("--help", "help", "no-such", "-V")) {
            assertEquals(all, subcommands(other), other);
        }
    }

    @Test
    void usageErrorsOfTheAloneSubcommandReadAsBefore() {
        StringWriter alone = new StringWriter();
        CommandLine cl = SeccMain.commandLine("run");
        cl.setErr(new PrintWriter(alone, true));
        assertEquals(2, cl.execute("run", "--no-such-option"));
        StringWriter whole = new StringWriter();
        CommandLine tree = SeccMain.commandLine();
        tree.setErr(new PrintWriter(whole, true));
        assertEquals(2, tree.execute("run", "--no-such-option"));
        assertTrue(alone.toString().contains("Usage: secc run"), alone.toString());
        assertEquals(whole.toString(), alone.toString());
    }

    /** The TLS head start of main(): only for a run that serves TLS, read from the flags or the --config file. */
    @Test
    void theTlsHeadStartIsTakenOnlyForATlsRun(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path on = java.nio.file.Files.writeString(dir.resolve("on.conf"), "hal.backend = sim\nnetwork.tls = true\n");
        java.nio.file.Path off = java.nio.file.Files.writeString(dir.resolve("off.conf"), "hal.backend = sim\n");
        assertTrue(org.secc.app.run.RunCommand.servesTls(new String[] {"run", "--config", on.toString()}));
        assertTrue(org.secc.app.run.RunCommand.servesTls(new String[] {"run", "--config=" + on}));
        assertTrue(org.secc.app.run.RunCommand.servesTls(new String[] {"run", "--config", off.toString(), "--tls"}));
        assertEquals(false, org.secc.app.run.RunCommand.servesTls(new String[] {"run", "--config", on.toString(), "--no-tls"}));
        assertEquals(false, org.secc.app.run.RunCommand.servesTls(new String[] {"run", "--config", off.toString()}));
        assertEquals(false, org.secc.app.run.RunCommand.servesTls(new String[] {"run", "--config", dir.resolve("missing.conf").toString()}));
        assertEquals(false, org.secc.app.run.RunCommand.servesTls(new String[] {"run", "--config"}));
        // the head start registers the provider the TLS contexts are built on
        SeccMain.registerTlsProvider();
        assertEquals(org.secc.transport.tls.Tls.jsseProvider(), java.security.Security.getProvider("BCJSSE"));
    }
}
