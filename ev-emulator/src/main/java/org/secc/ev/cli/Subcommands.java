package org.secc.ev.cli;

import java.util.List;

/** The subcommands of {@code ev-emulator}, one line per feature, in the order {@code --help} lists them. */
final class Subcommands {
    private Subcommands() {
    }

    static List<Object> all() {
        return List.of(
                new org.secc.ev.slac.SlacCommand(),
                new RunCommand(),
                new ScenariosCommand(),
                new org.secc.ev.conformance.ConformanceCommand());
    }
}
