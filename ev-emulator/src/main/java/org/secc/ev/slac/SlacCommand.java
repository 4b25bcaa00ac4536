package org.secc.ev.slac;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.secc.slac.MacAddress;
import org.secc.slac.link.RawEthernetLink;
import org.secc.slac.pev.PevSlacConfig;
import org.secc.slac.run.SlacTool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ev-emulator slac --iface IF}: the car side of SLAC on a real interface. */
@Command(name = "slac", mixinStandardHelpOptions = true,
        description = "Run the PEV side of SLAC on IF: key the own modem, sound, pick the nearest charger, match and join its network;"
                + " prints 'matched evse=<mac> nmk=<hex> nid=<hex>'. Needs CAP_NET_RAW.")
public final class SlacCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--iface", required = true, paramLabel = "IF", description = "the interface of the car's powerline modem")
    String iface;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "S", description = "seconds to try (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(names = "--modem", defaultValue = "00:b0:52:00:00:01", paramLabel = "MAC", description = "the own modem's address")
    String modem;

    @Option(names = "--attenuation-limit-db", defaultValue = "40", description = "chargers above this average attenuation are not chosen")
    int limitDb;

    @Override
    public Integer call() throws Exception {
        PevSlacConfig d = PevSlacConfig.defaults();
        PevSlacConfig cfg;
        MacAddress modemMac;
        try {
            modemMac = MacAddress.parse(modem);
            cfg = new PevSlacConfig(d.matchResponse(), d.batchInterval(), d.attenResults(), d.matchRetries(), d.maxAttempts(), limitDb,
                    d.setKeyTimeout(), d.linkPollInterval(), d.matchJoin(), d.pollLinkStatus());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (RawEthernetLink link = RawEthernetLink.open(iface, RawEthernetLink.ETH_P_HOMEPLUG)) {
            SlacTool.Outcome o = SlacTool.runPev(link, modemMac, cfg, Duration.ofSeconds(timeoutSeconds).toNanos());
            return o.report("evse", spec.commandLine().getOut(), spec.commandLine().getErr());
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("slac: " + e.getMessage());
            return 1;
        }
    }
}
