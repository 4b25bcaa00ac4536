package org.secc.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.secc.app.run.ChargePoint;

/**
 * Memory during a session: a real session (SimBench HAL, ChargePoint with the inline supervisor,
 * V2gSession) driven into the charge loop, then {@code steps} loop messages through EXI decode →
 * session → EXI encode with the bench clock moving {@code stepMs} per message (grid samples, policy,
 * energy integration all run). Prints the Java heap in use after System.gc() and the process RSS
 * (VmRSS, VmHWM from /proc/self/status) while the session is still live.
 *
 * <p>Args: [variant=DC_BPT_Dynamic] [steps=200] [stepMs=100].
 */
public final class Footprint {

    public static void main(String[] args) throws IOException {
        LoopRig.Variant v = LoopRig.Variant.valueOf(args.length > 0 ? args[0] : "DC_BPT_Dynamic");
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long stepMs = args.length > 2 ? Long.parseLong(args[2]) : 100;
        try (LoopRig rig = new LoopRig(v, ChargePoint.SupervisorMode.INLINE, "")) {
            long bytes = 0;
            for (int i = 0; i < steps; i++) {
                bytes += rig.step().length;
                rig.bench.step(Duration.ofMillis(stepMs));
            }
            // Measured with the session still open: this is the footprint of a charger mid-session.
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long used = rt.totalMemory() - rt.freeMemory();
            System.out.printf(Locale.ROOT,
                    "variant=%s steps=%d (%d response bytes, session %s): heap used after GC=%.1f MB, heap committed=%.1f MB, max=%.0f MB,"
                            + " RSS=%.1f MB, peak RSS=%.1f MB%n",
                    v, steps, bytes, rig.session.stateName(), used / 1048576.0, rt.totalMemory() / 1048576.0, rt.maxMemory() / 1048576.0,
                    status("VmRSS:") / 1024.0, status("VmHWM:") / 1024.0);
        }
    }

    /** A kB field of /proc/self/status (Linux), or -1 where there is none. */
    private static long status(String field) throws IOException {
        Path p = Path.of("/proc/self/status");
        if (!Files.isReadable(p)) {
            return -1;
        }
        for (String line : Files.readAllLines(p)) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
