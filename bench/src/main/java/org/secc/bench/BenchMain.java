package org.secc.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code secc-bench.jar}: the charger and the EV emulator together on the simulated
 * bench, kept out of the jar flashed onto a charger. Exit codes as in {@code secc}: 0 success, 1 a
 * failure of the work itself, 2 a usage error.
 */
@Command(name = "secc-bench",
        mixinStandardHelpOptions = true,
        description = "SECC bench: the charger and the EV emulator on the simulated hardware.",
        subcommands = {CommandLine.HelpCommand.class})
public final class BenchMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Builds the command tree; tests use it to run the CLI in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BenchMain());
        cl.addSubcommand(new DemoCommand());
        cl.addSubcommand(new SoakCommand());
        cl.addSubcommand(new org.secc.testpki.PkiCommand());
        return cl;
    }

    public static void main(String[] args) {
        org.secc.common.log.Logging.configure();
        System.exit(commandLine().execute(args));
    }
}
