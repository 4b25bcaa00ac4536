package org.secc.app.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.cli.SeccMain;
import org.secc.app.policy.Mode;
import org.secc.app.policy.PolicyCommand;
import picocli.CommandLine;

/** {@code secc ctl} in-process against a running CtlServer: ids, replies, exit codes 0/1/2. */
@Timeout(20)
class CtlCommandTest {
    @TempDir
    Path dir;
    Path sock;
    FakeTarget target;
    CtlServer server;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws IOException {
        sock = dir.resolve("secc.sock");
        target = new FakeTarget();
        server = CtlServer.start(sock, target);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    Run ctl(String... words) {
        String[] args = new String[words.length + 3];
        args[0] = "ctl";
        args[1] = "--socket";
        args[2] = sock.toString();
        System.arraycopy(words, 0, args, 3, words.length);
        return run(args);
    }

    static Run run(String... args) {
        CommandLine cl = SeccMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    PolicyCommand lastCommand() {
        List<Object> calls = target.calls();
        return (PolicyCommand) calls.get(calls.size() - 1);
    }

    @Test
    void statusAndServiceRequestsPrintTheReplyAndExitZero() {
        Run r = ctl("status");
        assertEquals(0, r.code(), r.err());
        assertEquals("{\"ok\":true,\"status\":{\"state\":\"IDLE\",\"powerW\":0}}", r.out().strip());
        assertEquals("{\"ok\":true,\"message\":\"policy reloaded\"}", ctl("reload").out().strip());
        assertEquals("{\"ok\":true,\"message\":\"trip cleared\"}", ctl("clear-trip").out().strip());
        assertEquals(0, ctl("heartbeat").code());
        assertEquals(List.of(new FakeTarget.Call("status"), new FakeTarget.Call("reload"),
                new FakeTarget.Call("clear-trip"), new FakeTarget.Call("heartbeat")), target.calls());
    }

    @Test
    void aMissingIdIsGenerated() {
        Run r = ctl("price", "0.42");
        assertEquals(0, r.code(), r.err());
        PolicyCommand.SetPrice p = (PolicyCommand.SetPrice) lastCommand();
        assertTrue(p.id().matches("cli-[0-9]{13}-[0-9a-f]{6}"), p.id());
        assertEquals(0.42, p.pricePerKwh());
        assertEquals("{\"ok\":true,\"id\":\"" + p.id() + "\",\"duplicate\":false,\"message\":\"applied SetPrice\"}",
                r.out().strip());

        assertEquals(0, ctl("price", "-0.05").code(), "negative prices are prices, not options");
        assertEquals(-0.05, ((PolicyCommand.SetPrice) lastCommand()).pricePerKwh());
        assertEquals(0, ctl("manual", "discharge", "3000").code());
        PolicyCommand.Manual m = (PolicyCommand.Manual) lastCommand();
        assertEquals(Mode.DISCHARGE, m.mode());
        assertEquals(3000, m.powerW());
        assertEquals(0, ctl("auto").code());
        assertTrue(lastCommand() instanceof PolicyCommand.Auto);
        assertEquals(0, ctl("emergency-stop").code());
        String stopId = lastCommand().id();
        assertEquals(0, ctl("reset-emergency-stop").code());
        assertTrue(!stopId.equals(lastCommand().id()), "each invocation gets its own id");
    }

    @Test
    void aGivenIdIsUsedAndARepeatIsADuplicate() {
        Run first = ctl("price", "--id", "site-42", "0.42");
        assertEquals(0, first.code(), first.err());
        assertEquals(new PolicyCommand.SetPrice("site-42", 0.42), lastCommand());
        Run again = ctl("--id", "site-42", "price", "0.42");
        assertEquals(0, again.code());
        assertEquals("{\"ok\":true,\"id\":\"site-42\",\"duplicate\":true,\"message\":\"applied SetPrice\"}",
                again.out().strip());
        // the wire form with the id as the first argument works too
        assertEquals(0, ctl("force-discharge", "fd-1", "7400").code());
        assertEquals(new PolicyCommand.ForceDischarge("fd-1", 7400), lastCommand());
        assertEquals(0, ctl("manual", "--id", "m-1", "idle", "0").code());
        assertEquals(new PolicyCommand.Manual("m-1", Mode.IDLE, 0), lastCommand());
    }

    @Test
    void notOkRepliesExitOne() {
        Run r = ctl("force-discharge", "0");
        assertEquals(1, r.code());
        assertTrue(r.out().contains("\"ok\":false") && r.out().contains("force-discharge power must be > 0 W"), r.out());
        target.reloadFailure = "policy.conf line 3: unknown key 'socc_reserve'";
        Run reload = ctl("reload");
        assertEquals(1, reload.code());
        assertEquals("{\"ok\":false,\"message\":\"policy.conf line 3: unknown key 'socc_reserve'\"}", reload.out().strip());
    }

    @Test
    void usageErrorsExitTwoAndSendNothing() {
        assertUsage(ctl("stats"), "unknown request 'stats'; allowed: status | reload");
        assertUsage(ctl("price", "cheap"), "price: perKwh 'cheap' is not a finite decimal number");
        assertUsage(ctl("price", "p", "0.4", "extra"), "price takes 2 argument(s), got 3; usage: price <id> <perKwh>");
        assertUsage(ctl("manual", "fly", "10"), "manual: mode 'fly' is not one of charge, discharge, idle");
        assertUsage(ctl("force-discharge", "1e300"), "force-discharge: watts '1e300' is out of range; allowed 0 to 1000000");
        assertUsage(ctl("price", "--id", "a", "b", "0.4"), "the id is given twice (--id a and 'b')");
        assertUsage(ctl("status", "--id", "a"), "--id applies only to policy commands, not to status");
        assertUsage(ctl("auto", "--id", "no spaces"), "auto: id 'no spaces' is not 1-64 characters");
        assertUsage(run("ctl", "--socket", sock.toString()), "Missing required parameter");
        assertEquals(List.of(), target.calls());
    }

    private static void assertUsage(Run r, String message) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals("", r.out());
    }

    @Test
    void noServiceListeningExitsOneWithAClearMessage() throws IOException {
        Path none = dir.resolve("none.sock");
        Run r = run("ctl", "--socket", none.toString(), "status");
        assertEquals(1, r.code());
        assertEquals("no service listening on " + none, r.err().strip());

        Path stale = dir.resolve("stale.sock");
        try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(stale));
        }
        Run s = run("ctl", "--socket", stale.toString(), "price", "0.3");
        assertEquals(1, s.code());
        assertEquals("no service listening on " + stale, s.err().strip());
    }

    @Test
    void theDefaultSocketIsTheServicePath() {
        CommandLine cl = SeccMain.commandLine().getSubcommands().get("ctl");
        assertEquals("/run/secc/secc.sock", cl.getCommandSpec().findOption("--socket").defaultValue());
        assertEquals(CtlServer.DEFAULT_SOCKET.toString(), cl.getCommandSpec().findOption("--socket").defaultValue());
    }
}
