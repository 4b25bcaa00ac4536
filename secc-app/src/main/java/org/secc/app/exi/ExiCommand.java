package org.secc.app.exi;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import org.secc.exi.ExiCodec;
import org.secc.exi.ExiDecodeException;
import org.secc.exi.ExiDocument;
import org.secc.exi.ExiEncodeException;
import org.secc.exi.SchemaKind;
import org.secc.exi.json.Json;
import org.secc.exi.runtime.BitWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code secc exi decode|encode|bench}: the EXI codec for bench engineers. Exit 0 on success, 1 with
 * one line on stderr for malformed input, 2 for usage errors.
 */
@Command(name = "exi", mixinStandardHelpOptions = true,
        description = "Decode EXI (hex) to JSON, encode JSON to EXI (hex), or time the codec.",
        subcommands = {ExiCommand.Decode.class, ExiCommand.Encode.class, ExiCommand.Bench.class})
public final class ExiCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: decode, encode or bench");
    }

    /** --schema values; anything else is a usage error (exit 2). */
    static final class KindConverter implements CommandLine.ITypeConverter<SchemaKind> {
        @Override
        public SchemaKind convert(String value) {
            try {
                return SchemaKind.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    abstract static class Base implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--schema", required = true, paramLabel = "S", converter = KindConverter.class,
                description = "sap, common, dc, ac, acdp, wpt, common-frag or xmldsig-frag")
        SchemaKind schema;

        @Parameters(index = "0", paramLabel = "FILE", description = "input file, or - for stdin")
        String file;

        String readInput() throws IOException {
            byte[] b = "-".equals(file) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
            return new String(b, StandardCharsets.UTF_8);
        }

        static byte[] parseHex(String text) {
            String h = text.replaceAll("\\s+", "");
            if (h.startsWith("0x") || h.startsWith("0X")) {
                h = h.substring(2);
            }
            if (h.isEmpty() || (h.length() & 1) != 0) {
                throw new IllegalArgumentException("input is not hex (" + h.length() + " hex digits)");
            }
            try {
                return HexFormat.of().parseHex(h.toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("input is not hex");
            }
        }

        abstract void work(PrintWriter out) throws IOException;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                work(out);
                out.flush();
                return 0;
            } catch (ExiDecodeException | ExiEncodeException | IllegalArgumentException | IOException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("exi " + spec.name() + ": " + e.getMessage());
                err.flush();
                return 1;
            }
        }
    }

    @Command(name = "decode", mixinStandardHelpOptions = true, description = "Decode EXI given as hex; print the message as JSON.")
    static final class Decode extends Base {
        @Override
        void work(PrintWriter out) throws IOException {
            ExiCodec codec = ExiCodec.of(schema);
            ExiDocument doc = codec.decode(parseHex(readInput()));
            out.println(Json.write(codec.toJson(doc)));
        }
    }

    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = "Encode a message given as JSON (the decode output, or a vector file with a \"document\"); print lowercase hex.")
    static final class Encode extends Base {
        @Override
        void work(PrintWriter out) throws IOException {
            Object json = Json.parse(readInput());
            if (json instanceof Map<?, ?> m && m.containsKey("document") && m.containsKey("kind")) {
                json = m.get("document");
            }
            ExiCodec codec = ExiCodec.of(schema);
            out.println(HexFormat.of().formatHex(codec.encode(codec.fromJson(json))));
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Time encode and decode of one message (hex) in a warm loop; prints encode_ns=<median> decode_ns=<median>.")
    static final class Bench extends Base {
        @Option(names = "--rounds", defaultValue = "31", description = "timed rounds (the median is reported)")
        int rounds;

        @Option(names = "--warmup", defaultValue = "200000", description = "untimed iterations of each operation first")
        int warmup;

        @Override
        void work(PrintWriter out) throws IOException {
            ExiCodec codec = ExiCodec.of(schema);
            byte[] exi = parseHex(readInput());
            ExiDocument doc = codec.decode(exi);
            BitWriter w = new BitWriter(exi.length + 64);
            long sink = 0;
            for (int i = 0; i < warmup; i++) {
                w.reset();
                codec.encode(w, doc);
                sink += codec.decode(exi).root().length();
            }
            int perRound = Math.max(1000, warmup / 20);
            double[] enc = new double[rounds];
            double[] dec = new double[rounds];
            for (int k = 0; k < rounds; k++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    w.reset();
                    codec.encode(w, doc);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    sink += codec.decode(exi).root().length();
                }
                long t2 = System.nanoTime();
                enc[k] = (t1 - t0) / (double) perRound;
                dec[k] = (t2 - t1) / (double) perRound;
            }
            if (sink == 42) {
                out.print("");
            }
            out.println("encode_ns=" + Math.round(median(enc)) + " decode_ns=" + Math.round(median(dec)));
        }

        static double median(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            return s[s.length / 2];
        }
    }
}
