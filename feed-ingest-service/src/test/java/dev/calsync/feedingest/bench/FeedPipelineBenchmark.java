package dev.calsync.feedingest.bench;

import dev.calsync.feedingest.GeneratedFeed;
import dev.calsync.feedingest.diff.ContentHash;
import dev.calsync.feedingest.diff.FeedDiff;
import dev.calsync.feedingest.diff.SnapshotEntry;
import dev.calsync.feedingest.parse.IcsFeedParser;
import dev.calsync.feedingest.parse.ParsedEvent;
import dev.calsync.feedingest.parse.ParsedFeed;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;

/**
 * A runnable harness, not a test: parse + normalize + diff of a generated 10,000-event feed against
 * ical4j's bare {@code CalendarBuilder} parse of the same bytes in the same JVM, and the peak heap of the
 * whole path for a 20 MB feed. Run (after {@code mvn -o test-compile -pl feed-ingest-service}):
 * <pre>
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat cp.txt) dev.calsync.feedingest.bench.FeedPipelineBenchmark
 * java -Xmx96m -cp … dev.calsync.feedingest.bench.FeedPipelineBenchmark 38000 --heap-only
 * </pre>
 * The printed peak is the sum of the heap pools' peaks, which a roomy -Xmx lets grow with lazy collection;
 * the smallest -Xmx that completes {@code --heap-only} is the better number (96 MiB on 2026-11-23).
 */
public final class FeedPipelineBenchmark {

    private static final IcsFeedParser PARSER = new IcsFeedParser(ZoneId.of("UTC"), 2026);

    public static void main(String[] args) throws Exception {
        // logback's default without a configuration is DEBUG, and ical4j logs per line at DEBUG
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        int bigFeedEvents = args.length > 0 ? Integer.parseInt(args[0]) : 38_000;
        if (args.length > 1 && args[1].equals("--heap-only")) {
            measureHeap(bigFeedEvents);
            return;
        }
        byte[] feed = GeneratedFeed.of(10_000).getBytes(StandardCharsets.UTF_8);
        // the snapshot of the previous fetch: same feed but one event changed, so the diff does real work
        List<SnapshotEntry> snapshot = snapshotOf(PARSER.parse(reader(GeneratedFeed.of(10_000, 5, Set.of()).getBytes(StandardCharsets.UTF_8))));
        int events = PARSER.parse(reader(feed)).events().size();
        System.out.printf("feed: %d VEVENTs, %.2f MB%n", events, feed.length / 1e6);

        for (int i = 0; i < 5; i++) { // warm-up
            bareParse(feed);
            wholePath(feed, snapshot);
        }
        int rounds = 9;
        long[] bare = new long[rounds];
        long[] whole = new long[rounds];
        for (int i = 0; i < rounds; i++) { // interleaved, so both see the same machine state
            bare[i] = bareParse(feed);
            whole[i] = wholePath(feed, snapshot);
        }
        double bareMedian = median(bare) / 1e9;
        double wholeMedian = median(whole) / 1e9;
        System.out.printf("ical4j CalendarBuilder.build (bare parse): %.0f events/s (median of %d, %.3f s)%n", events / bareMedian, rounds, bareMedian);
        System.out.printf("parse + normalize + diff (whole path):     %.0f events/s (median of %d, %.3f s)%n", events / wholeMedian, rounds, wholeMedian);
        System.out.printf("whole path / bare parse time ratio: %.2f%n", wholeMedian / bareMedian);

        measureHeap(bigFeedEvents);
    }

    /** Run with a small -Xmx to find the heap the whole path needs; the peak printed is what the JVM let it grow to. */
    static void measureHeap(int events) throws Exception {
        byte[] big = GeneratedFeed.of(events).getBytes(StandardCharsets.UTF_8);
        List<SnapshotEntry> bigSnapshot = snapshotOf(PARSER.parse(reader(big)));
        System.gc();
        long before = heapPeak(true);
        wholePath(big, bigSnapshot);
        long peak = heapPeak(false);
        System.out.printf("peak heap of the whole path for a %.1f MB feed: %d MiB (heap in use before: %d MiB incl. the feed's bytes and snapshot)%n",
                big.length / 1e6, peak / (1024 * 1024), before / (1024 * 1024));
    }

    static long bareParse(byte[] feed) throws Exception {
        long start = System.nanoTime();
        new CalendarBuilder().build(reader(feed));
        return System.nanoTime() - start;
    }

    static long wholePath(byte[] feed, List<SnapshotEntry> snapshot) throws Exception {
        long start = System.nanoTime();
        ParsedFeed parsed = PARSER.parse(reader(feed));
        FeedDiff.Result result = FeedDiff.diff(snapshot, parsed.events(), false);
        if (result.changes().size() > 1_000_000) {
            throw new IllegalStateException(); // keeps the result alive
        }
        return System.nanoTime() - start;
    }

    static List<SnapshotEntry> snapshotOf(ParsedFeed feed) {
        List<SnapshotEntry> entries = new ArrayList<>();
        for (ParsedEvent event : feed.events()) {
            entries.add(new SnapshotEntry(event.uid(), event.recurrenceKey(), ContentHash.of(event.event()), 1, false, null));
        }
        return entries;
    }

    static BufferedReader reader(byte[] bytes) {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8), 65536);
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Sum of the heap pools' peaks since the last reset (or current usage, when resetting). */
    static long heapPeak(boolean reset) {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                if (reset) {
                    total += pool.getUsage().getUsed();
                    pool.resetPeakUsage();
                } else {
                    total += pool.getPeakUsage().getUsed();
                }
            }
        }
        return total;
    }
}
