package org.secc.app.ctl;

import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code secc ctl [--socket PATH] [--id ID] REQUEST...}: sends one request to the running service and
 * prints its JSON reply. Exit 0 when the service says ok, 1 when it says not ok or cannot be reached,
 * 2 on a usage error (checked locally with the server's own parser before anything is sent).
 */
@Command(name = "ctl", mixinStandardHelpOptions = true,
        description = {"Control the running charger service over its Unix socket.",
                "Requests: status | reload | clear-trip | heartbeat | authorize | deny | sim-pilot A|B|C|D | price [<id>] <perKwh>"
                        + " | force-discharge [<id>] <watts> | manual [<id>] charge|discharge|idle <watts>"
                        + " | auto [<id>] | emergency-stop [<id>] | reset-emergency-stop [<id>]"
                        + " | limits [<id>] <importWatts>|none <exportWatts>|none <validityS>"
                        + " | dispatch [<id>] <signedWatts> <validityS> | clear-limits [<id>]",
                "A command without an id gets a fresh one (cli-<epoch ms>-<random>); repeat an id to make a retry"
                        + " harmless: the service answers duplicate=true and changes nothing."})
public final class CtlCommand implements Callable<Integer> {
    /** Long enough for a reload of a large policy file, short enough that a wedged service is noticed. */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--socket", paramLabel = "PATH", defaultValue = "/run/secc/secc.sock",
            description = "control socket of the service (default: ${DEFAULT-VALUE})")
    Path socket;

    @Option(names = "--id", paramLabel = "ID", description = "id of a policy command (default: generated)")
    String id;

    @Parameters(arity = "1..*", paramLabel = "REQUEST", description = "the request words, e.g. price 0.42")
    List<String> words;

    @Override
    public Integer call() {
        String line = requestLine();
        String reply;
        try {
            reply = CtlClient.send(socket, line, REPLY_TIMEOUT);
        } catch (SocketException e) {
            String why = String.valueOf(e.getMessage());
            spec.commandLine().getErr().println(why.contains("Permission denied")
                    ? "permission denied on " + socket + " (run as a member of the service's group)"
                    : "no service listening on " + socket);
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println(reply);
        return CtlClient.isOk(reply) ? 0 : 1;
    }

    /** Inserts the id where the wire grammar wants it and validates the result; usage errors exit 2. */
    String requestLine() {
        List<String> w = new ArrayList<>(words);
        CtlRequest.Verb verb = CtlRequest.Verb.of(w.get(0));
        if (verb != null && verb.needsId) {
            int args = w.size() - 1;
            if (args == verb.arity() - 1) {
                w.add(1, id != null ? id : generateId());
            } else if (args == verb.arity() && id != null) {
                throw usage("the id is given twice (--id " + id + " and '" + w.get(1) + "'); usage: " + verb.usage());
            }
        } else if (verb != null && id != null) {
            throw usage("--id applies only to policy commands, not to " + verb.word);
        }
        try {
            CtlRequest.parse(w.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        String line = String.join(" ", w);
        if (line.getBytes(StandardCharsets.UTF_8).length > CtlServer.MAX_LINE) {
            throw usage("request longer than " + CtlServer.MAX_LINE + " bytes");
        }
        return line;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    static String generateId() {
        return "cli-" + System.currentTimeMillis() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000000) | 0x1000000).substring(1);
    }
}
