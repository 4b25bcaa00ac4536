package org.secc.ocpp.transaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.secc.common.json.JsonNode;
import org.secc.common.json.ObjectNode;

/**
 * The durable queue of TransactionEvents (E04.FR.01–03, E12): each event is appended and forced to disk
 * before {@link #append} returns, so an event the station has generated survives a SIGKILL or a power loss.
 * Delivered events are acknowledged in a separate file, replaced atomically. Events leave in the order they
 * were generated.
 *
 * <p>Bounded: at most {@code capacity} undelivered events. When full, the oldest droppable event goes first:
 * only Updated events may be dropped, never Started or Ended, and in 2.1 never one whose triggerReason is
 * LimitSet, CostLimitReached, EnergyLimitReached, TimeLimitReached or SoCLimitReached (E12.FR.04/05). If
 * nothing can be dropped the queue grows past its bound rather than lose a Started or Ended event.
 */
public final class TransactionJournal {
    private static final Logger LOG = Logger.getLogger(TransactionJournal.class.getName());
    private static final Set<String> NEVER_DROP = Set.of("LimitSet", "CostLimitReached", "EnergyLimitReached", "TimeLimitReached", "SoCLimitReached");
    /** A journal line longer than this is corrupt (TransactionEvents are a few kB at most). */
    private static final int MAX_LINE = 1 << 20;

    /** One queued event: its journal index and its TransactionEvent payload. */
    public record Entry(long index, ObjectNode payload) {}

    private final Path journal;
    private final Path ackFile;
    private final int capacity;
    private final Deque<Entry> pending = new ArrayDeque<>();
    private long nextIndex;
    private long acked;
    private int dropped;

    public TransactionJournal(Path dir, int capacity) {
        this.capacity = capacity;
        this.journal = dir.resolve("transaction-events.jsonl");
        this.ackFile = dir.resolve("transaction-events.ack");
        try {
            Files.createDirectories(dir);
            acked = Files.exists(ackFile) ? Long.parseLong(Files.readString(ackFile).trim()) : 0;
            nextIndex = acked + 1;
            if (Files.exists(journal)) load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the transaction journal in " + dir, e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("corrupt acknowledgement file " + ackFile + ": " + e.getMessage());
        }
    }

    private void load() throws IOException {
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isBlank()) continue;
            JsonNode node;
            try {
                if (line.length() > MAX_LINE) throw new IllegalStateException("line too long");
                node = JsonNode.parse(line);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // A torn last line is what a crash during append leaves: that event was never acknowledged
                // internally, so dropping it loses nothing that was promised.
                LOG.warning("ocpp: transaction journal line " + lineNo + " unreadable, skipped");
                continue;
            }
            long index = node.path("i").asLong(-1);
            if (index <= 0 || !node.path("p").isObject()) continue;
            nextIndex = Math.max(nextIndex, index + 1);
            if (index > acked) pending.addLast(new Entry(index, (ObjectNode) node.get("p")));
        }
    }

    /** Appends and forces to disk; returns once the event is durable. */
    public synchronized Entry append(ObjectNode payload) {
        if (pending.size() >= capacity) dropOne();
        Entry e = new Entry(nextIndex++, payload);
        ObjectNode line = JsonNode.object();
        line.put("i", e.index());
        line.set("p", payload);
        byte[] bytes = (line.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the transaction journal " + journal, ex);
        }
        pending.addLast(e);
        return e;
    }

    public synchronized Optional<Entry> head() {
        return Optional.ofNullable(pending.peekFirst());
    }

    /** The head was delivered (CALLRESULT) or discarded after its attempts (E13.FR.04). */
    public synchronized void acknowledge(long index) {
        Entry head = pending.peekFirst();
        if (head == null || head.index() != index) return;
        pending.removeFirst();
        acked = index;
        try {
            writeAtomically(ackFile, Long.toString(acked));
            if (pending.isEmpty()) {
                // Everything delivered: start an empty journal (the ack file keeps the index running).
                writeAtomically(journal, "");
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + ackFile, ex);
        }
    }

    public synchronized int size() { return pending.size(); }

    public synchronized int dropped() { return dropped; }

    public synchronized List<Entry> snapshot() { return new ArrayList<>(pending); }

    private void dropOne() {
        // Oldest droppable first: "intermediate" Updated events, never the head in flight.
        Iterator<Entry> it = pending.iterator();
        if (it.hasNext()) it.next();
        while (it.hasNext()) {
            Entry e = it.next();
            ObjectNode p = e.payload();
            if ("Updated".equals(p.path("eventType").asString()) && !NEVER_DROP.contains(p.path("triggerReason").asString())) {
                it.remove();
                dropped++;
                LOG.warning("ocpp: transaction queue full (" + capacity + "), dropped Updated event seqNo " + p.path("seqNo").asInt());
                rewrite();
                return;
            }
        }
        LOG.warning("ocpp: transaction queue full (" + capacity + ") and only Started/Ended events in it: keeping them all");
    }

    private void rewrite() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : pending) {
            ObjectNode line = JsonNode.object();
            line.put("i", e.index());
            line.set("p", e.payload());
            sb.append(line).append('\n');
        }
        try {
            writeAtomically(journal, sb.toString());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot rewrite " + journal, ex);
        }
    }

    static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
