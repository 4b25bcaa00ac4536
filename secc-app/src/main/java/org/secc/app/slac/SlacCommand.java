package org.secc.app.slac;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.secc.slac.MacAddress;
import org.secc.slac.evse.EvseSlacConfig;
import org.secc.slac.link.RawEthernetLink;
import org.secc.slac.run.SlacTool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code secc slac --iface IF}: one charger-side SLAC on a real interface, keying the modem there. */
@Command(name = "slac", mixinStandardHelpOptions = true,
        description = "Run one EVSE-side SLAC on IF (keys the QCA7000 modem, waits for an EV, matches, waits for the link);"
                + " prints 'matched pev=<mac> nmk=<hex> nid=<hex>'. Needs CAP_NET_RAW.")
public final class SlacCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--iface", required = true, paramLabel = "IF", description = "the interface of the powerline modem")
    String iface;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "S", description = "seconds to wait for a match (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(names = "--modem", defaultValue = "00:b0:52:00:00:01", paramLabel = "MAC",
            description = "where host-to-modem messages go: the QCA local management address (default) or the modem's MAC")
    String modem;

    @Option(names = "--no-link-status", description = "the modem does not answer VS_PL_LINK_STATUS: the match is the link")
    boolean noLinkStatus;

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be positive");
        }
        MacAddress modemMac;
        try {
            modemMac = MacAddress.parse(modem);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--modem: " + e.getMessage());
        }
        EvseSlacConfig d = EvseSlacConfig.defaults();
        EvseSlacConfig cfg = new EvseSlacConfig(d.slacInit(), d.matchSequence(), d.soundWindow(), d.matchResponse(), d.matchSession(),
                d.matchJoin(), d.setKeyTimeout(), d.linkPollInterval(), d.numSounds(), d.respType(), d.attenCharRetries(),
                d.setKeyRetries(), !noLinkStatus);
        try (RawEthernetLink link = RawEthernetLink.open(iface, RawEthernetLink.ETH_P_HOMEPLUG)) {
            SlacTool.Outcome o = SlacTool.runEvse(link, modemMac, cfg, Duration.ofSeconds(timeoutSeconds).toNanos());
            return o.report("pev", spec.commandLine().getOut(), spec.commandLine().getErr());
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("slac: " + e.getMessage());
            return 1;
        }
    }
}
