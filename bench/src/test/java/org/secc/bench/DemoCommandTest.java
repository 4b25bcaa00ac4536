package org.secc.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        // the service log went to a file next to the plot, not between the timeline lines
        Path log = dir.resolve("secc-demo.log");
        assertTrue(text.contains("== service log: " + log.toAbsolutePath()), text);
        assertFalse(text.contains(" INFO "), "no log lines on stdout:\n" + text);
        assertTrue(Files.readString(log).contains("SessionStopReq -> SessionStopRes OK"), "the session is in the log file");
        String plot = Files.readString(svg);
        assertTrue(plot.startsWith("<svg"), plot);
        assertEquals(5, plot.split("<polyline").length - 1, "V, A, kW, SOC, Hz");
        assertTrue(plot.contains("stroke=\"red\""), "the grid event is marked");
        for (String mark : List.of("welding detection", "SessionStop(Pause)", "resume: new connection", "TRIP UF2", "SessionStop(Terminate)",
                "energy flows from the EV into the grid", "sign convention")) {
            assertTrue(plot.contains(mark), mark);
        }
        assertTrue(plot.contains("class=\"zero\""), "a zero line where current and power change sign");
    }

    @Test
    void directionComesFromTheMeasuredCurrent() {
        assertEquals("ChargeLoop CHARGE", DemoCommand.label("ChargeLoop DISCHARGE", 95.0));
        assertEquals("ChargeLoop DISCHARGE", DemoCommand.label("ChargeLoop CHARGE", -40.0));
        assertEquals("ChargeLoop IDLE", DemoCommand.label("ChargeLoop DISCHARGE", 0.3));
        assertEquals("PreCharge", DemoCommand.label("PreCharge", 0));
    }

    @Test
    void axesUseNiceRangesAndKeepZeroWhereTheSignMatters() {
        DemoCommand.Axis v = DemoCommand.Axis.of(352.4, 401.9, false, 4);
        assertEquals(340, v.lo(), 1e-9);
        assertEquals(420, v.hi(), 1e-9);
        assertEquals(20, v.step(), 1e-9);
        assertTrue(v.lo() >= 0, "a voltage that never goes negative gets no negative axis");
        DemoCommand.Axis a = DemoCommand.Axis.of(-48.7, 97.2, true, 4);
        assertEquals(-50, a.lo(), 1e-9);
        assertEquals(100, a.hi(), 1e-9);
        assertTrue(a.ticks().contains(0.0));
        DemoCommand.Axis hz = DemoCommand.Axis.of(46.02, 50.0, false, 4);
        assertEquals(46, hz.lo(), 1e-9);
        assertEquals(50, hz.hi(), 1e-9);
        assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0), DemoCommand.Axis.of(0, 33.2, false, 10).ticks());
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

    /** README.md and README-din-iso2.md: {@code secc-bench demo --protocol iso2}, shortened. */
    @Test
    void iso2DemoChargesUntilTheGridTripStopsTheCar(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("iso2.svg");
        StringWriter out = new StringWriter();
        var cl = BenchMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        int rc = cl.execute("demo", "--protocol", "iso2", "--seconds", "2", "--svg", svg.toString());
        String text = out.toString();
        assertEquals(0, rc, text);
        assertTrue(text.contains("CurrentDemand (Iso2CurrentDemandOrPowerDelivery)"), text);
        assertTrue(text.contains("TRIP UF2"), text);
        assertTrue(text.contains("note: EVSENotification StopCharging received"), text);
        assertTrue(text.contains("WeldingDetection"), text);
        assertTrue(text.contains("contactors open, stage current 0.0 A"), text);
        assertTrue(Files.readString(svg).startsWith("<svg"));
    }

    @Test
    void anUnknownProtocolIsAUsageError() {
        StringWriter err = new StringWriter();
        var cl = BenchMain.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute("demo", "--protocol", "chademo"));
        assertTrue(err.toString().contains("--protocol must be iso20, din or iso2"), err.toString());
    }

    @Test
    void svgOfNoRowsIsStillAValidDocument() {
        String s = DemoCommand.svg(List.of(), List.of());
        assertTrue(s.startsWith("<svg") && s.trim().endsWith("</svg>"));
    }
}
