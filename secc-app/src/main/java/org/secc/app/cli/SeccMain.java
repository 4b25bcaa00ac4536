package org.secc.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code secc-app.jar}. Each feature contributes one subcommand; the exit codes are
 * the same everywhere: 0 success, 1 a failure of the work itself (malformed input, no match, a
 * failed session), 2 a usage error.
 */
@Command(name = "secc",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "SECC firmware application: ISO 15118-20 charger controller with bidirectional power transfer.",
        subcommands = {CommandLine.HelpCommand.class})
public final class SeccMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Builds the command tree; tests use it to run the CLI in-process. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command tree with only the subcommand named {@code first} when there is one, else all of
     * them: picocli builds each subcommand's model by reflection, and the charger's start
     * ({@code secc run}) need not pay for the others' (README, "Start-up time"). {@code --help},
     * {@code help} and an unknown name get the whole tree.
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new SeccMain());
        java.util.List<Object> all = Subcommands.all();
        java.util.List<Object> named = all.stream().filter(sub -> sub.getClass().getAnnotation(Command.class).name().equals(first)).toList();
        for (Object sub : named.isEmpty() ? all : named) {
            cl.addSubcommand(sub);
        }
        return cl;
    }

    /** Registers the TLS provider and loads its classes: a head start, the TLS set-up would do it itself. */
    static void registerTlsProvider() {
        org.secc.transport.tls.Tls.jsseProvider();
    }

    public static void main(String[] args) {
        // Before anything loads java.util.logging (the manager class is read once, at its first use),
        // hence the name as a string: loading ShutdownSafeLogManager would initialise LogManager first.
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.secc.app.cli.ShutdownSafeLogManager");
        }
        if (args.length > 0 && args[0].equals("run") && org.secc.app.run.RunCommand.servesTls(args)) {
            // The TLS provider's registration (its classes, the JDK's security providers it asks for) starts now, on
            // its own thread, while the logging is set up, picocli builds its model and the configuration is read;
            // the service's TLS set-up then finds it done (README "Start-up time").
            Thread t = new Thread(SeccMain::registerTlsProvider, "tls-provider");
            t.setDaemon(true);
            t.start();
        }
        org.secc.common.log.Logging.configure();
        System.exit(commandLine(args.length > 0 ? args[0] : null).execute(args));
    }
}
