package org.secc.ev.cli;

import java.util.concurrent.Callable;
import org.secc.ev.scenario.Scenario;
import org.secc.ev.scenario.Scenarios;
import picocli.CommandLine.Command;

/** {@code scenarios}: lists the scenario catalogue. */
@Command(name = "scenarios", mixinStandardHelpOptions = true, description = "List the scenarios `run --scenario` accepts.")
public final class ScenariosCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (Scenario s : Scenarios.all()) {
            System.out.printf("%-24s %s%n", s.name(), s.description());
        }
        return 0;
    }
}
