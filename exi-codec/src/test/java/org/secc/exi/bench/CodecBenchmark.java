package org.secc.exi.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.secc.exi.ExiCodec;
import org.secc.exi.ExiDocument;
import org.secc.exi.SchemaKind;
import org.secc.exi.runtime.BitWriter;

/**
 * Encode and decode time per message of the generated codec, on the shared vectors the C reference
 * figures were measured with. Run: see exi-codec/README.md (profile {@code bench}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    @Param({"common__SessionSetupReq", "common__ServiceDiscoveryRes", "common__ScheduleExchangeRes__Scheduled",
            "dc__DC_ChargeLoopReq__BPT_Dynamic", "dc__DC_ChargeLoopRes__BPT_Dynamic", "ac__AC_ChargeLoopReq__BPT_Dynamic",
            "din__SessionSetupReq__TeslaModelY", "din__ChargeParameterDiscoveryRes__TeslaSuperchargerV3",
            "din__CurrentDemandReq__Alpitronic_pyPLC_EV", "din__CurrentDemandRes__Alpitronic"})
    public String vector;

    private ExiCodec codec;
    private byte[] exi;
    private ExiDocument doc;
    private final BitWriter writer = new BitWriter(4096);

    @Setup
    public void setup() throws IOException {
        String kind = vector.substring(0, vector.indexOf("__"));
        codec = ExiCodec.of(SchemaKind.of(kind));
        try (InputStream in = CodecBenchmark.class.getResourceAsStream("/vectors/exi/" + vector + ".exi.hex")) {
            exi = HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
        doc = codec.decode(exi);
    }

    /** Encode into a reused writer (as the V2GTP server does); the bytes stay in the writer. */
    @Benchmark
    public BitWriter encode() {
        writer.reset();
        codec.encode(writer, doc);
        return writer;
    }

    /** Decode a whole message into the typed records. */
    @Benchmark
    public ExiDocument decode() {
        return codec.decode(exi);
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length > 0 ? args : new String[] {CodecBenchmark.class.getName()});
    }
}
