package org.secc.app.cli;

import java.util.List;

/** The subcommands of {@code secc}, one line per feature, in the order {@code --help} lists them. */
final class Subcommands {
    private Subcommands() {
    }

    static List<Object> all() {
        return List.of(
                new org.secc.app.exi.ExiCommand(),
                new org.secc.app.slac.SlacCommand(),
                new org.secc.app.slac.SlacSimCommand(),
                new org.secc.app.run.RunCommand(),
                new org.secc.app.ctl.CtlCommand());
    }
}
