package org.secc.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** The README's main command, shortened: SLAC, the DC_BPT session, the grid trip, resume, timeline and plot. */
class DemoCommandTest {

    @Test
    void demoRunsTheWholeBenchStory(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("demo.svg");
        StringWriter out = new StringWriter();
        var cl = BenchMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        int rc = cl.execute("demo", "--seconds", "2", "--svg", svg.toString());
        String text = out.toString();
        assertEquals(0, rc, text);
        assertTrue(text.contains("charger: matched pev="), text);
        assertTrue(text.contains("ChargeLoop CHARGE"), text);
        assertTrue(text.contains("ChargeLoop DISCHARGE"), text);
        assertTrue(text.contains("TRIP UF2"), text);
        assertTrue(text.contains("note: resumed paused session"), text);
        assertTrue(text.contains("contactors open, stage current 0.0 A"), text);
        String plot = Files.readString(svg);
        assertTrue(plot.startsWith("<svg"), plot);
        assertEquals(5, plot.split("<polyline").length - 1, "V, A, kW, SOC, Hz");
        assertTrue(plot.contains("stroke=\"red\""), "the grid event is marked");
    }

    /** README-din-iso2.md: {@code secc-bench demo --protocol din}, shortened. */
    @Test
    void dinDemoChargesUntilTheGridTripStopsTheCar(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("din.svg");
        StringWriter out = new StringWriter();
        var cl = BenchMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        int rc = cl.execute("demo", "--protocol", "din", "--seconds", "2", "--svg", svg.toString());
        String text = out.toString();
        assertEquals(0, rc, text);
        assertTrue(text.contains("CurrentDemand (DinCurrentDemandOrPowerDelivery)"), text);
        assertTrue(text.contains("TRIP UF2"), text);
        assertTrue(text.contains("note: EVSE_Shutdown received"), text);
        assertTrue(text.contains("WeldingDetection"), text);
        assertTrue(text.contains("contactors open, stage current 0.0 A"), text);
        assertTrue(Files.readString(svg).startsWith("<svg"));
    }

    @Test
    void iso2DemoIsAUsageErrorUntilTheSessionExists() {
        StringWriter err = new StringWriter();
        var cl = BenchMain.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute("demo", "--protocol", "iso2"));
        assertTrue(err.toString().contains("not built yet"), err.toString());
    }

    @Test
    void svgOfNoRowsIsStillAValidDocument() {
        String s = DemoCommand.svg(java.util.List.of(), java.util.List.of());
        assertTrue(s.startsWith("<svg") && s.trim().endsWith("</svg>"));
    }
}
