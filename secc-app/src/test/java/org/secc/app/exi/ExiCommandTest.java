package org.secc.app.exi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secc.app.cli.SeccMain;
import picocli.CommandLine;

/** The exi subcommand in-process: every vector decodes and re-encodes to its bytes; errors exit 1 or 2. */
class ExiCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = SeccMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ExiCommandTest.class.getResourceAsStream("/vectors/exi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyVectorRoundTripsThroughTheCommandLine() throws IOException {
        String[] lines = resource("manifest.tsv").split("\n");
        int n = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] c = lines[i].split("\t");
            String hex = resource(c[0] + ".exi.hex").trim();
            Path in = Files.writeString(dir.resolve(c[0] + ".hex"), hex);
            Run d = run("exi", "decode", "--schema", c[1], in.toString());
            assertEquals(0, d.code(), c[0] + ": " + d.err());
            Path json = Files.writeString(dir.resolve(c[0] + ".json"), d.out());
            Run e = run("exi", "encode", "--schema", c[1], json.toString());
            assertEquals(0, e.code(), c[0] + ": " + e.err());
            assertEquals(hex, e.out().trim(), c[0]);
            n++;
        }
        assertEquals(112, n);
    }

    @Test
    void severalFilesOfOneSchemaDecodeInOneRunAsOneRunEach() throws IOException {
        String[] lines = resource("manifest.tsv").split("\n");
        List<String> args = new java.util.ArrayList<>(List.of("exi", "decode", "--schema", "dc"));
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            String[] c = lines[i].split("\t");
            if (c[1].equals("dc")) {
                Path in = Files.writeString(dir.resolve(c[0] + ".hex"), resource(c[0] + ".exi.hex").trim());
                Run one = run("exi", "decode", "--schema", "dc", in.toString());
                assertEquals(0, one.code(), one.err());
                expected.append(one.out());
                args.add(in.toString());
            }
        }
        assertTrue(args.size() > 6, args.toString());
        Run all = run(args.toArray(String[]::new));
        assertEquals(0, all.code(), all.err());
        // the documents of all files, in order, exactly as one run per file prints them
        assertEquals(expected.toString(), all.out());
    }

    @Test
    void malformedInputExitsOneWithOneLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.hex"), "80ff");
        Run r = run("exi", "decode", "--schema", "dc", bad.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("malformed EXI"), r.err());
        Path notHex = Files.writeString(dir.resolve("x.hex"), "xyz");
        assertEquals(1, run("exi", "decode", "--schema", "dc", notHex.toString()).code());
        Path badJson = Files.writeString(dir.resolve("x.json"), "{\"DC_CableCheckReq\": {}}");
        Run j = run("exi", "encode", "--schema", "dc", badJson.toString());
        assertEquals(1, j.code());
        assertTrue(j.err().contains("Header"), j.err());
    }

    @Test
    void v2gtpFramesCarryTheirSchema() throws IOException {
        String hex = resource("dc__DC_ChargeLoopRes__BPT_Dynamic.exi.hex").trim();
        String frame = String.format("01fe8004%08x", hex.length() / 2) + hex;
        Path in = Files.writeString(dir.resolve("f.hex"), frame);
        Run d = run("exi", "decode", "--v2gtp", in.toString());
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("DC_ChargeLoopRes"), d.out());
        Path json = Files.writeString(dir.resolve("f.json"), d.out());
        Run e = run("exi", "encode", "--schema", "dc", "--v2gtp", json.toString());
        assertEquals(0, e.code(), e.err());
        assertEquals(frame, e.out().trim());
        Run b = run("exi", "bench", "--v2gtp", "--warmup", "1000", "--rounds", "3", in.toString());
        assertEquals(0, b.code(), b.err());

        Path wrongVersion = Files.writeString(dir.resolve("v.hex"), "02fe8004" + frame.substring(8));
        Run w = run("exi", "decode", "--v2gtp", wrongVersion.toString());
        assertEquals(1, w.code());
        assertTrue(w.err().contains("malformed V2GTP frame") && w.err().contains("version"), w.err());
        Path sdp = Files.writeString(dir.resolve("sdp.hex"), "01fe9000000000020000");
        assertEquals(1, run("exi", "decode", "--v2gtp", sdp.toString()).code());
        assertEquals(2, run("exi", "decode", "--v2gtp", "--schema", "ac", in.toString()).code());
        assertEquals(2, run("exi", "encode", "--v2gtp", "--schema", "common-frag", json.toString()).code());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("exi", "decode", "--schema", "nope", "x").code());
        assertEquals(2, run("exi", "decode", "x").code());
        assertEquals(2, run("exi").code());
    }

    @Test
    void benchPrintsOneLine() throws IOException {
        Path in = Files.writeString(dir.resolve("s.hex"), resource("common__SessionSetupReq.exi.hex"));
        Run r = run("exi", "bench", "--schema", "common", "--warmup", "2000", "--rounds", "5", in.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().strip().matches("encode_ns=\\d+ decode_ns=\\d+"), r.out());
    }

    @Test
    void endlessOrHugeInputIsOneClearErrorNotOutOfMemory() throws IOException {
        // /dev/zero never ends; a sparse file claims gigabytes on disk without using them
        Run zero = run("exi", "decode", "--schema", "dc", "/dev/zero");
        assertEquals(1, zero.code(), zero.err());
        assertEquals("exi decode: /dev/zero: longer than 1048576 bytes; the input is one message as hex"
                + " (a V2GTP payload is at most 65536 bytes, 131072 hex digits)", zero.err().strip());
        Path sparse = dir.resolve("sparse.hex");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        Run big = run("exi", "decode", "--schema", "dc", sparse.toString());
        assertEquals(1, big.code());
        assertTrue(big.err().startsWith("exi decode: " + sparse + ": longer than 1048576 bytes"), big.err());
        Run missing = run("exi", "decode", "--schema", "dc", dir.resolve("none.hex").toString());
        assertEquals(1, missing.code());
        assertEquals("exi decode: " + dir.resolve("none.hex") + ": no such file", missing.err().strip());
    }
}
