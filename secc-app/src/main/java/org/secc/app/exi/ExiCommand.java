package org.secc.app.exi;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.secc.exi.ExiCodec;
import org.secc.exi.ExiDecodeException;
import org.secc.exi.ExiDocument;
import org.secc.exi.ExiEncodeException;
import org.secc.exi.SchemaKind;
import org.secc.common.json.Json;
import org.secc.exi.runtime.BitWriter;
import org.secc.transport.v2gtp.PayloadType;
import org.secc.transport.v2gtp.V2gtpCodec;
import org.secc.transport.v2gtp.V2gtpException;
import org.secc.transport.v2gtp.V2gtpFrame;
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

        @Option(names = "--schema", paramLabel = "S", converter = KindConverter.class,
                description = "sap, common, dc, ac, acdp, wpt, common-frag, xmldsig-frag, din or iso2 (with --v2gtp: taken from the header; "
                        + "payload type 0x8001 is SAP unless --schema din or iso2 says otherwise)")
        SchemaKind schema;

        @Option(names = "--v2gtp", description = "the hex is a whole V2GTP frame (decode, bench) / print a whole V2GTP frame (encode)")
        boolean v2gtp;

        /** The grammar: --schema, or with --v2gtp the header's payload type (both given: they must agree). */
        SchemaKind kind(V2gtpFrame frame) {
            SchemaKind fromHeader = frame == null ? null : frame.schema().orElse(null);
            if (frame != null && fromHeader == null) {
                throw new IllegalArgumentException(String.format("V2GTP payload type 0x%04x carries no EXI", frame.payloadType()));
            }
            if (fromHeader == SchemaKind.SAP && (schema == SchemaKind.DIN || schema == SchemaKind.ISO2)) {
                fromHeader = schema; // DIN 70121 and -2 share payload type 0x8001 with SAP
            }
            if (schema != null && fromHeader != null && schema != fromHeader) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--schema " + schema.id() + " disagrees with the V2GTP payload type (" + fromHeader.id() + ")");
            }
            SchemaKind k = schema != null ? schema : fromHeader;
            if (k == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--schema is required (or --v2gtp with a whole frame)");
            }
            return k;
        }

        /** The EXI bytes of the input, unwrapping a V2GTP frame when --v2gtp is given. */
        Input exiInput() throws IOException {
            if (!v2gtp) {
                SchemaKind k = kind(null); // a usage error comes before reading the file
                return new Input(k, parseHex(readInput()));
            }
            byte[] bytes = parseHex(readInput());
            try {
                V2gtpFrame frame = new V2gtpCodec(V2gtpCodec.DEFAULT_MAX_PAYLOAD).decode(bytes);
                return new Input(kind(frame), frame.payload());
            } catch (V2gtpException e) {
                throw new IllegalArgumentException("malformed V2GTP frame: " + e.getMessage());
            }
        }

        record Input(SchemaKind kind, byte[] exi) {
        }

        @Parameters(index = "0", paramLabel = "FILE", description = "input file, or - for stdin")
        String file;

        /**
         * The most input read: the hex of the largest V2GTP payload (64 KiB, secc-app/README-network.md) with room for
         * whitespace, a frame header and several documents; anything longer is refused before it is held in memory.
         */
        static final int MAX_INPUT = 1 << 20;

        /** Reads FILE (or stdin for -) with a bound: /dev/zero, a huge sparse file or an endless pipe are one clear error. */
        String readInput() throws IOException {
            String name = "-".equals(file) ? "stdin" : file;
            byte[] b;
            try (java.io.InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
                b = in.readNBytes(MAX_INPUT + 1);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IOException(name + ": no such file");
            } catch (java.nio.file.InvalidPathException e) {
                throw new IOException(name + ": not a valid path");
            } catch (IOException e) {
                throw new IOException(name + ": cannot read: " + e.getMessage());
            }
            if (b.length > MAX_INPUT) {
                throw new IllegalArgumentException(name + ": longer than " + MAX_INPUT + " bytes; the input is one message as hex"
                        + " (a V2GTP payload is at most 65536 bytes, 131072 hex digits)");
            }
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

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Decode EXI given as hex; print the message as JSON (one document per FILE, in order, when several are given).")
    static final class Decode extends Base {
        @Parameters(index = "1..*", paramLabel = "FILE", description = "further input files of the same schema, decoded in turn")
        List<String> more = List.of();

        @Override
        void work(PrintWriter out) throws IOException {
            // Several files in one JVM: what a slow start (an emulated board) makes worth having.
            List<String> files = new java.util.ArrayList<>();
            files.add(file);
            files.addAll(more);
            for (String f : files) {
                file = f;
                Input in = exiInput();
                ExiCodec codec = ExiCodec.of(in.kind());
                ExiDocument doc = codec.decode(in.exi());
                out.println(Json.write(codec.toJson(doc)));
            }
        }
    }

    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = "Encode a message given as JSON (the decode output, or a vector file with a \"document\"); print lowercase hex.")
    static final class Encode extends Base {
        @Override
        void work(PrintWriter out) throws IOException {
            SchemaKind k = kind(null);
            if (v2gtp && k.fragment()) {
                throw new CommandLine.ParameterException(spec.commandLine(), k.id() + " is a signature fragment, never framed in V2GTP");
            }
            Object json = Json.parse(readInput());
            if (json instanceof Map<?, ?> m && m.containsKey("document") && m.containsKey("kind")) {
                json = m.get("document");
            }
            ExiCodec codec = ExiCodec.of(k);
            byte[] exi = codec.encode(codec.fromJson(json));
            if (v2gtp) {
                exi = new V2gtpFrame(PayloadType.mainStreamOf(k), exi).toBytes();
            }
            out.println(HexFormat.of().formatHex(exi));
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
            Input in = exiInput();
            ExiCodec codec = ExiCodec.of(in.kind());
            byte[] exi = in.exi();
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
