package dev.calsync.calendarwriter.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calsync.calendarwriter.CalendarWriterServiceApplication;
import dev.calsync.calendarwriter.support.TokenServiceStandIn;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.EventStatus;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import dev.calsync.contracts.event.Transparency;
import dev.calsync.contracts.event.Visibility;
import dev.calsync.googleemulator.EmbeddedGoogleEmulator;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.secrets.SecretsGenerator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Not a test: a program that prints the writer's records/s with Google's quotas out of the way. It uses only
 * the writer's stable surfaces — records on calsync.event-changed.v1 (keyed by subscriber, encoded by
 * {@code ContractJson}), the emulator's admin API (call counts, calendars), the writer's consumer group
 * offsets and its metrics {@code calsync.writer.changes} and {@code calsync.writer.google.*} — so it
 * measures any rewrite of the writer's core the same way.
 * <p>
 * It starts what the writer needs as the tests do: an in-JVM Kafka broker, a fresh database on the PostgreSQL
 * at {@code POSTGRES_URL} (default 127.0.0.1:5432, user postgres), generated secrets, the emulator (quotas
 * and usage limits so high that no call is refused, no fault armed, so no added latency; the writer's own pace
 * below Google's quotas raised as far) and the
 * token-service stand-in; then the writer itself in this JVM. After a warm-up subscriber (1,000 events inserted,
 * patched and replayed) it runs three phases, each sent to the topic all at once: (1) every subscriber's events
 * inserted, (2) the same events with newer versions and changed summaries, (3) a replay of all records of 1 and 2,
 * which must cost no Google call. A phase ends when the emulator has counted every write it expects (3: when
 * the writer's consumer group has committed the topic's end offsets); it is timed from its first record sent.
 *
 * <pre>
 * mvn -B -q -pl calendar-writer-service test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test \
 *   &amp;&amp; java -Xmx1g -cp calendar-writer-service/target/test-classes:calendar-writer-service/target/classes:$(cat calendar-writer-service/target/bench.cp) \
 *      dev.calsync.calendarwriter.benchmark.WriterThroughputBenchmark [subscribers=20] [events per subscriber=250] [runs|single] [batch=N]
 * </pre>
 * (after {@code mvn -B install -DskipTests}, which puts the other modules where {@code -pl} finds them). It exits
 * with 1 when a count is wrong: phase 1 or 2 not exactly one insert or patch per event, a Google call in the
 * replay, or the calendars not showing phase 2's summaries. It asserts nothing about time.
 */
public final class WriterThroughputBenchmark implements AutoCloseable {

    private static final String ACCOUNT = "alice@example.com";
    private static final Duration PHASE_LIMIT = Duration.ofMinutes(15);
    private static final int WARM_UP_EVENTS = 1_000;
    private static final Instant FIRST_START = Instant.parse("2026-12-01T08:00:00Z");
    private static boolean inRuns;



    private final BenchmarkStack stack;
    private final MeterRegistry meters;
    private long nextVersion = 1;

    private WriterThroughputBenchmark(BenchmarkStack stack) {
        this.stack = stack;
        this.meters = stack.meters();
    }

    /** One subscriber's feed, connected to the benchmark's Google account. */
    private record Feed(String subscriber, UUID grant, String feed) {

        static Feed fresh(TokenServiceStandIn tokenService, String name) {
            Feed feed = new Feed(name + "-" + UUID.randomUUID(), UUID.randomUUID(), "feed-" + UUID.randomUUID());
            tokenService.connect(feed.subscriber(), ACCOUNT);
            return feed;
        }
    }

    /** What one phase measured. */
    private record Result(String phase, int records, Map<String, Long> calls, double secondsToDone, double secondsToLagZero,
                          double cpuSeconds, Map<String, Double> outcomes, double googleRetries) {

        long totalCalls() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public static void main(String[] args) {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int eventsPerSubscriber = args.length > 1 ? Integer.parseInt(args[1]) : 250;
        // "runs": each feed's records of a phase form one feed-ingest run (one status per run), as feed-ingest sends
        // them; without it every record stands alone, as an older producer's (and the first benchmark's) did
        inRuns = args.length > 2 && args[2].equals("runs");
        // "batch=N": a subscriber's queued changes go to Google N at a time (the writer's calsync.writer.batch-size)
        for (String arg : args) {
            if (arg.startsWith("batch=")) {
                System.setProperty("calsync.writer.batch-size", arg.substring("batch=".length()));
            }
        }
        boolean countsRight = false;
        try {
            countsRight = measure(subscribers, eventsPerSubscriber);
        } catch (Exception e) {
            e.printStackTrace();
        }
        // the in-JVM broker leaves non-daemon threads behind
        System.exit(countsRight ? 0 : 1);
    }

    private static boolean measure(int subscribers, int eventsPerSubscriber) throws Exception {
        try (BenchmarkStack stack = BenchmarkStack.start(BenchmarkStack.QUOTAS_OUT_OF_THE_WAY, BenchmarkStack.WRITER_QUOTAS_OUT_OF_THE_WAY, List.of());
             WriterThroughputBenchmark bench = new WriterThroughputBenchmark(stack)) {
            return bench.run(stack.tokenService(), subscribers, eventsPerSubscriber);
        }
    }

    @Override
    public void close() {
        // the stack closes what it started
    }

    private boolean run(TokenServiceStandIn tokenService, int subscribers, int eventsPerSubscriber) throws Exception {
        // warm-up: the consumer's first assignment, a first calendar create, connection pools and the JIT. With the
        // broker and the emulator in this JVM there is much to compile: with 300 events, the compiler threads still
        // took half of the JVM's CPU during phase 1 (jstack's per-thread cpu, 2 cores)
        Feed warmUpFeed = Feed.fresh(tokenService, "warm-up");
        List<ProducerRecord<String, byte[]>> warmUpInserts = changes(List.of(warmUpFeed), WARM_UP_EVENTS, "warm-up");
        List<ProducerRecord<String, byte[]>> warmUpPatches = changes(List.of(warmUpFeed), WARM_UP_EVENTS, "warm-up again");
        List<Result> warmUp = List.of(
                phase("warm-up insert", warmUpInserts, Map.of("events.insert", (long) WARM_UP_EVENTS)),
                phase("warm-up patch", warmUpPatches, Map.of("events.patch", (long) WARM_UP_EVENTS)),
                phase("warm-up replay", Stream.concat(warmUpInserts.stream(), warmUpPatches.stream()).toList(), Map.of()));

        List<Feed> feeds = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            feeds.add(Feed.fresh(tokenService, "bench"));
        }
        long events = (long) subscribers * eventsPerSubscriber;
        List<ProducerRecord<String, byte[]>> inserts = changes(feeds, eventsPerSubscriber, "first");
        List<ProducerRecord<String, byte[]>> patches = changes(feeds, eventsPerSubscriber, "second");
        List<ProducerRecord<String, byte[]>> replay = Stream.concat(inserts.stream(), patches.stream()).toList();

        List<Result> measured = List.of(
                phase("1 insert", inserts, Map.of("calendars.insert", (long) subscribers, "events.insert", events)),
                phase("2 patch", patches, Map.of("events.patch", events)),
                phase("3 replay", replay, Map.of()));
        print(subscribers, eventsPerSubscriber, Stream.concat(warmUp.stream(), measured.stream()).toList());
        return checkCounts(measured.get(0), measured.get(1), measured.get(2), events);
    }

    /**
     * Sends the records all at once, then waits until the emulator has counted at least the expected calls
     * (none expected: until the writer's group has committed the end offsets), then until the group's lag is 0.
     */
    private Result phase(String name, List<ProducerRecord<String, byte[]>> records, Map<String, Long> expectedCalls)
            throws Exception {
        Map<String, Long> callsBefore = stack.calls();
        Map<String, Double> outcomesBefore = counters("calsync.writer.changes", "outcome");
        double retriesBefore = meters.find("calsync.writer.google.retries").counters().stream().mapToDouble(Counter::count).sum();
        long cpuBefore = BenchmarkStack.processCpuNanos();
        long started = System.nanoTime();
        stack.send(records);
        long deadline = started + PHASE_LIMIT.toNanos();
        Map<String, Long> counted = delta(callsBefore, stack.calls());
        while (!reached(counted, expectedCalls)) {
            pause(deadline, name + ": the emulator counted " + counted + " of " + expectedCalls);
            counted = delta(callsBefore, stack.calls());
        }
        long writesSeen = System.nanoTime();
        while (!stack.consumedToEnd()) {
            pause(deadline, name + ": the writer's group has not committed the topic's end offsets");
        }
        long lagZero = System.nanoTime();
        long cpu = BenchmarkStack.processCpuNanos() - cpuBefore;
        Map<String, Double> outcomes = new TreeMap<>(counters("calsync.writer.changes", "outcome"));
        outcomes.replaceAll((outcome, count) -> count - outcomesBefore.getOrDefault(outcome, 0.0));
        outcomes.values().removeIf(count -> count == 0);
        double retries = meters.find("calsync.writer.google.retries").counters().stream().mapToDouble(Counter::count).sum()
                - retriesBefore;
        long done = expectedCalls.isEmpty() ? lagZero : writesSeen;
        return new Result(name, records.size(), delta(callsBefore, stack.calls()), (done - started) / 1e9, (lagZero - started) / 1e9,
                cpu / 1e9, outcomes, retries);
    }

    /**
     * One upsert per event of every feed, round robin over the feeds (a burst of many feeds at once), each with
     * a version above all earlier ones, as feed-ingest's sequence gives: a single 30-minute event whose time
     * follows its index and whose summary (and so content hash) names {@code round}.
     */
    private List<ProducerRecord<String, byte[]>> changes(List<Feed> feeds, int eventsPerFeed, String round) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(feeds.size() * eventsPerFeed);
        long firstVersion = nextVersion;
        for (int i = 0; i < eventsPerFeed; i++) {
            Instant start = FIRST_START.plus(Duration.ofHours(i));
            for (int f = 0; f < feeds.size(); f++) {
                Feed feed = feeds.get(f);
                String summary = "event " + i + " (" + round + ")";
                NormalizedEvent event = new NormalizedEvent(summary, null, null, null, new EventTime.UtcDateTime(start),
                        new EventTime.UtcDateTime(start.plus(Duration.ofMinutes(30))), List.of(), EventStatus.CONFIRMED,
                        Transparency.OPAQUE, Visibility.DEFAULT, 0, null);
                EventChanged change = ContractSamples.eventChanged().subscriberId(feed.subscriber()).feedId(feed.feed())
                        .grantId(feed.grant()).feedDisplayName("Bench " + feed.feed()).uid("e" + i + "@bench")
                        .version(nextVersion++).event(event).contentHash("h-" + summary).build();
                if (inRuns) {
                    // as feed-ingest sends a fetch: the feed's records of this phase are one run, named by its first version
                    change = change.inRun(firstVersion + f, eventsPerFeed);
                }
                records.add(new ProducerRecord<>(Topics.EVENT_CHANGED, change.subscriberId(), ContractJson.encode(change)));
            }
        }
        return records;
    }

    private static void print(int subscribers, int eventsPerSubscriber, List<Result> results) {
        System.out.printf("%nwriter throughput: %d subscribers x %d single events, one Google account, quotas out of the way, "
                + "no emulator latency, batch size %s; %d cores, max heap %d MiB%n", subscribers, eventsPerSubscriber,
                System.getProperty("calsync.writer.batch-size", "50 (default)"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.printf("%-15s %8s %8s %7s %9s %10s %9s %9s  %s%n", "phase", "records", "calls", "calls/r", "done s",
                "records/s", "lag 0 s", "cpu ms/r", "calls by method; writer outcomes; retries");
        for (Result result : results) {
            System.out.printf("%-15s %8d %8d %7.2f %9.2f %10.1f %9.2f %9.2f  %s; %s; %.0f%n", result.phase(), result.records(),
                    result.totalCalls(), (double) result.totalCalls() / result.records(), result.secondsToDone(),
                    result.records() / result.secondsToDone(), result.secondsToLagZero(),
                    result.cpuSeconds() * 1000 / result.records(), result.calls(),
                    result.outcomes().entrySet().stream().map(e -> e.getKey() + "=" + Math.round(e.getValue()))
                            .collect(Collectors.joining(", ", "{", "}")),
                    result.googleRetries());
        }
        System.out.println("done s: first record sent -> the emulator counted every expected write (replay: -> the "
                + "writer's group committed the end offsets); lag 0 s: -> committed end offsets; cpu ms/r: CPU time of this "
                + "JVM (writer, emulator, broker; not PostgreSQL) per record, less sensitive to a busy machine than records/s");
    }

    /** What the phases must have cost, and what the person sees afterwards; false (and says why) if not. */
    private boolean checkCounts(Result inserts, Result patches, Result replay, long events) throws Exception {
        List<String> wrong = new ArrayList<>();
        if (replay.totalCalls() != 0) {
            wrong.add("the replay made " + replay.calls() + " Google calls, expected none");
        }
        if (inserts.calls().getOrDefault("events.insert", 0L) != events || patches.calls().getOrDefault("events.patch", 0L) != events) {
            wrong.add("expected exactly " + events + " events.insert in phase 1 and events.patch in phase 2");
        }
        long live = 0;
        for (JsonNode calendar : stack.admin("GET", "/emulator/admin/accounts/" + ACCOUNT + "/calendars")) {
            if (calendar.path("summary").asText().startsWith("Bench ") && !calendar.path("deleted").asBoolean()) {
                for (JsonNode event : calendar.path("events")) {
                    if (!"cancelled".equals(event.path("status").asText()) && event.path("summary").asText().endsWith("(second)")) {
                        live++;
                    }
                }
            }
        }
        if (live != events) {
            wrong.add(live + " events in the benchmark's calendars carry phase 2's summary, expected " + events);
        }
        wrong.forEach(problem -> System.out.println("WRONG: " + problem));
        return wrong.isEmpty();
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((method, count) -> {
            long added = count - before.getOrDefault(method, 0L);
            if (added != 0) {
                delta.put(method, added);
            }
        });
        return delta;
    }

    private static boolean reached(Map<String, Long> calls, Map<String, Long> expected) {
        return expected.entrySet().stream().allMatch(entry -> calls.getOrDefault(entry.getKey(), 0L) >= entry.getValue());
    }

    private Map<String, Double> counters(String name, String tag) {
        Map<String, Double> counts = new TreeMap<>();
        meters.find(name).counters().forEach(counter -> counts.merge(counter.getId().getTag(tag), counter.count(), Double::sum));
        return counts;
    }

    private static void pause(long deadline, String notYet) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("not done within " + PHASE_LIMIT + ": " + notYet);
        }
        Thread.sleep(50); // the poll interval: the resolution of the times printed, and little CPU taken from the writer
    }
}
