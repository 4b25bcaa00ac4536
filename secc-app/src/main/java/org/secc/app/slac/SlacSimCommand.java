package org.secc.app.slac;

import java.util.concurrent.Callable;
import org.secc.slac.MacAddress;
import org.secc.slac.link.RawEthernetLink;
import org.secc.slac.run.SimulatorBridge;
import org.secc.slac.sim.PlcSimulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code secc slac-sim}: the powerline and both QCA7000 modems, simulated between two interfaces of a bench. */
@Command(name = "slac-sim", mixinStandardHelpOptions = true,
        description = "Simulate the powerline and both modems between two interfaces (for example the far ends of two veth pairs):"
                + " answers CM_SET_KEY and link status, turns sounds into attenuation profiles, and passes IP only inside one network.")
public final class SlacSimCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--evse-side", required = true, paramLabel = "IF", description = "interface towards the charger's host")
    String evseSide;

    @Option(names = "--pev-side", required = true, paramLabel = "IF", description = "interface towards the car's host")
    String pevSide;

    @Option(names = "--attenuation-db", defaultValue = "20", description = "average attenuation per carrier group (default ${DEFAULT-VALUE})")
    int attenuationDb;

    @Option(names = "--loss", defaultValue = "0", description = "fraction of sounds lost, 0..1 (default ${DEFAULT-VALUE})")
    double loss;

    @Option(names = "--seconds", paramLabel = "N", description = "stop after N seconds (default: run until killed)")
    Long seconds;

    @Override
    public Integer call() throws Exception {
        PlcSimulator.Config d = PlcSimulator.Config.defaults();
        PlcSimulator.Config cfg;
        try {
            cfg = new PlcSimulator.Config(d.evseModem(), d.pevModem(), attenuationDb, d.jitterDb(), loss, System.nanoTime());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (SimulatorBridge bridge = new SimulatorBridge(new PlcSimulator(cfg), RawEthernetLink.open(evseSide, RawEthernetLink.ETH_P_ALL),
                RawEthernetLink.open(pevSide, RawEthernetLink.ETH_P_ALL)).start()) {
            spec.commandLine().getOut().println("powerline simulator: charger side " + evseSide + ", car side " + pevSide
                    + ", modems " + MacAddress.QCA_LOCAL + " (local) / " + d.evseModem() + ", " + d.pevModem());
            spec.commandLine().getOut().flush();
            long end = seconds == null ? Long.MAX_VALUE : System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
            return 0;
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("slac-sim: " + e.getMessage());
            return 1;
        }
    }
}
