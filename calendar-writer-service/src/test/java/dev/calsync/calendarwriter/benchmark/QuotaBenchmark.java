package dev.calsync.calendarwriter.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.EventStatus;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import dev.calsync.contracts.event.Transparency;
import dev.calsync.contracts.event.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Not a test: a program that prints how the writer uses Google's quotas, against the emulator at Google's default
 * quotas (600 calls a minute per user, 10,000 per project) unless said otherwise:
 * <ol type="a">
 *   <li>a person's first sync of a 5,000-change feed (4,400 events, 200 weekly series, 400 overrides): the time it
 *       took against the calls it made at 600 a minute (goal at most 1.05 times), and the calls Google refused for a
 *       quota, as the emulator counted them (goal 0);</li>
 *   <li>with the quotas out of the way (emulator and writer), events/s of a backlog with every call alone and with
 *       batches of 10, 25, 50 and 100;</li>
 *   <li>one changed event in the feed of (a): the Google calls it cost (goal 1);</li>
 *   <li>50 people with 200 events each at once: the time until the last is done against the median (fairness under
 *       the project's quota);</li>
 *   <li>while (a) runs, other people's single edits: seconds until each is in Google, p50/p90/p99 (goal p99 under
 *       2 s).</li>
 * </ol>
 * Each part starts what the writer needs as {@link BenchmarkStack} says. It exits with 1 when a count is wrong (an
 * event missing, a quota refusal); it asserts nothing about time.
 *
 * <pre>
 * tools/quota-benchmark [feed events=5000] [people=50] [events per person=200] [(b)'s events per person=500]
 * </pre>
 */
public final class QuotaBenchmark {

    private static final Instant FIRST_START = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration PART_LIMIT = Duration.ofMinutes(30);
    private static final int EDITS = 20;
    private static final int EDITORS = 4;
    private static final List<Integer> BATCH_SIZES = List.of(1, 10, 25, 50, 100);
    private static final int BACKLOG_PEOPLE = 10;
    private static int backlogEvents = 500;

    /** Only Google's abuse limits out of the way (a benchmark creates more than a real account would in an hour). */
    private static final Map<String, Object> DEFAULT_QUOTAS = Map.of(
            "emulator.quota.calendars-created-per-window", 1_000_000_000,
            "emulator.quota.events-created-per-window", 1_000_000_000);

    private final BenchmarkStack stack;
    private final List<String> wrong = new ArrayList<>();
    private long nextVersion = 1;

    private QuotaBenchmark(BenchmarkStack stack) {
        this.stack = stack;
    }

    /** One person's feed in their own Google account. */
    private record Feed(String account, String subscriber, UUID grant, String feed) {
    }

    public static void main(String[] args) {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int feedEvents = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int people = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int perPerson = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        backlogEvents = args.length > 3 ? Integer.parseInt(args[3]) : backlogEvents;
        List<String> wrong = new ArrayList<>();
        try {
            List<String> lines = new ArrayList<>();
            List<String> accounts = new ArrayList<>(List.of("first-sync@bench.example"));
            IntStream.rangeClosed(1, EDITORS).forEach(i -> accounts.add("editor" + i + "@bench.example"));
            IntStream.rangeClosed(1, people).forEach(i -> accounts.add("person" + i + "@bench.example"));
            try (BenchmarkStack stack = BenchmarkStack.start(DEFAULT_QUOTAS, Map.of(), accounts)) {
                QuotaBenchmark bench = new QuotaBenchmark(stack);
                bench.firstSyncWithEdits(feedEvents, lines);
                bench.peopleAtOnce(people, perPerson, lines);
                wrong.addAll(bench.wrong);
            }
            lines.add(backlogWithAndWithoutBatches());
            System.out.printf("%ncalsync quota benchmark: %d cores, max heap %d MiB, Google emulated with its default quotas "
                            + "(600 calls a minute per user, 10,000 per project) except in (b)%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
            lines.stream().sorted().forEach(System.out::println);
        } catch (Exception e) {
            e.printStackTrace();
            wrong.add(e.toString());
        }
        wrong.forEach(problem -> System.out.println("WRONG: " + problem));
        // the in-JVM broker leaves non-daemon threads behind
        System.exit(wrong.isEmpty() ? 0 : 1);
    }

    /** (a), (c) and (e). */
    private void firstSyncWithEdits(int feedEvents, List<String> lines) throws Exception {
        List<Feed> editors = new ArrayList<>();
        for (int i = 1; i <= EDITORS; i++) {
            Feed editor = connect("editor" + i + "@bench.example");
            editors.add(editor);
            stack.send(List.of(record(single(editor, "edit@bench", nextVersion++, "edit 0"))));
        }
        for (Feed editor : editors) {
            awaitSummary(editor, "edit 0");
        }
        Feed big = connect("first-sync@bench.example");
        List<ProducerRecord<String, byte[]>> feed = firstSync(big, feedEvents);
        Map<String, Long> before = stack.callsByAccount().getOrDefault(big.account(), Map.of());
        long started = System.nanoTime();
        stack.send(feed);
        CompletableFuture<List<Double>> edits = CompletableFuture.supplyAsync(() -> edit(editors));
        long writes = awaitWrites(big.account(), before, feed.size());
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Long> calls = delta(before, stack.callsByAccount().getOrDefault(big.account(), Map.of()));
        long made = calls.values().stream().mapToLong(Long::longValue).sum();
        double atGooglesPace = made / 600.0 * 60;
        lines.add(String.format("(a) first sync of %,d changes (%s): %.1f s for %,d calls %s; at 600 a minute they take %.1f s: "
                        + "%.3f times that (goal <= 1.05); calls Google refused for a quota: %s (goal none)", feed.size(),
                composition(feedEvents), seconds, made, calls, atGooglesPace, seconds / atGooglesPace, stack.refusals()));
        if (writes < feed.size()) {
            wrong.add("(a) " + writes + " writes of " + feed.size());
        }
        List<Double> latencies = edits.join().stream().sorted().toList();
        lines.add(String.format("(e) %d single edits of %d other people during (a), send to in Google: p50 %.3f s, p90 %.3f s, "
                        + "p99 %.3f s, max %.3f s (goal p99 < 2 s)", latencies.size(), EDITORS, percentile(latencies, 50),
                percentile(latencies, 90), percentile(latencies, 99), latencies.get(latencies.size() - 1)));

        Map<String, Long> beforeChange = stack.callsByAccount().get(big.account());
        stack.send(List.of(record(single(big, "e1@bench", nextVersion++, "event 1, changed"))));
        awaitSummary(big, "event 1, changed");
        while (!stack.consumedToEnd()) {
            Thread.sleep(50);
        }
        Map<String, Long> changeCost = delta(beforeChange, stack.callsByAccount().get(big.account()));
        lines.add(String.format("(c) one changed event in that feed: %d Google call(s) %s (goal 1)",
                changeCost.values().stream().mapToLong(Long::longValue).sum(), changeCost));
        if (!stack.refusals().isEmpty()) {
            wrong.add("Google refused calls for a quota: " + stack.refusals());
        }
    }

    /** (d): everyone's events at once; each person is done when Google has all of them. */
    private void peopleAtOnce(int people, int perPerson, List<String> lines) throws Exception {
        List<Feed> feeds = new ArrayList<>();
        for (int i = 1; i <= people; i++) {
            feeds.add(connect("person" + i + "@bench.example"));
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int n = 0; n < perPerson; n++) {
            for (Feed feed : feeds) {
                records.add(record(single(feed, "p" + n + "@bench", nextVersion++, "event " + n)));
            }
        }
        Map<String, Double> done = new HashMap<>();
        long started = System.nanoTime();
        stack.send(records);
        long deadline = started + PART_LIMIT.toNanos();
        while (done.size() < people && System.nanoTime() < deadline) {
            Map<String, Map<String, Long>> calls = stack.callsByAccount();
            double now = (System.nanoTime() - started) / 1e9;
            for (Feed feed : feeds) {
                if (!done.containsKey(feed.account())
                        && calls.getOrDefault(feed.account(), Map.of()).getOrDefault("events.insert", 0L) >= perPerson) {
                    done.put(feed.account(), now);
                }
            }
            Thread.sleep(250);
        }
        List<Double> times = done.values().stream().sorted().toList();
        if (times.size() < people) {
            wrong.add("(d) " + times.size() + " of " + people + " people done within " + PART_LIMIT);
            return;
        }
        double median = percentile(times, 50);
        double last = times.get(times.size() - 1);
        long calls = stack.calls().values().stream().mapToLong(Long::longValue).sum();
        lines.add(String.format("(d) %d people x %d events at once: first done %.1f s, median %.1f s, last %.1f s: last/median "
                        + "%.2f (the project's 10,000 a minute shared by everyone); calls Google refused for a quota: %s",
                people, perPerson, times.get(0), median, last, last / median, stack.refusals()));
        if (!stack.refusals().isEmpty()) {
            wrong.add("(d) Google refused calls for a quota: " + stack.refusals());
        }
    }

    /** (b): a backlog with the quotas out of the way, for each batch size, each on a stack of its own. */
    private static String backlogWithAndWithoutBatches() throws Exception {
        StringBuilder table = new StringBuilder(String.format("(b) quotas out of the way, %d people x %d events queued at once:"
                + "%n    batch size   events/s   x alone", BACKLOG_PEOPLE, backlogEvents));
        double alone = 0;
        for (int size : BATCH_SIZES) {
            Map<String, String> writer = new LinkedHashMap<>(BenchmarkStack.WRITER_QUOTAS_OUT_OF_THE_WAY);
            writer.put("calsync.writer.batch-size", String.valueOf(size));
            List<String> accounts = IntStream.rangeClosed(1, BACKLOG_PEOPLE).mapToObj(i -> "backlog" + i + "@bench.example").toList();
            try (BenchmarkStack stack = BenchmarkStack.start(BenchmarkStack.QUOTAS_OUT_OF_THE_WAY, writer, accounts)) {
                QuotaBenchmark bench = new QuotaBenchmark(stack);
                double perSecond = bench.backlog(accounts);
                alone = size == 1 ? perSecond : alone;
                table.append(String.format("%n    %10d %10.1f %9.2f", size, perSecond, perSecond / alone));
            }
        }
        return table.toString();
    }

    private double backlog(List<String> accounts) throws Exception {
        List<Feed> feeds = new ArrayList<>();
        for (String account : accounts) {
            Feed feed = connect(account);
            feeds.add(feed);
            // the calendar first: the backlog measures events, not calendar creation
            stack.send(List.of(record(single(feed, "warm@bench", nextVersion++, "warm"))));
        }
        awaitInserts(accounts.size());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int n = 0; n < backlogEvents; n++) {
            for (Feed feed : feeds) {
                records.add(record(single(feed, "b" + n + "@bench", nextVersion++, "event " + n)));
            }
        }
        long started = System.nanoTime();
        stack.send(records);
        awaitInserts(accounts.size() + records.size());
        return records.size() / ((System.nanoTime() - started) / 1e9);
    }

    private void awaitInserts(long expected) throws Exception {
        long deadline = System.nanoTime() + PART_LIMIT.toNanos();
        while (stack.calls().getOrDefault("events.insert", 0L) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("fewer than " + expected + " inserts within " + PART_LIMIT);
            }
            Thread.sleep(50);
        }
    }

    /** (e): each editor in turn changes their event; the time until Google shows it. */
    private List<Double> edit(List<Feed> editors) {
        List<Double> latencies = new ArrayList<>();
        try {
            for (int i = 1; i <= EDITS; i++) {
                Feed editor = editors.get(i % editors.size());
                String summary = "edit " + i;
                long sent = System.nanoTime();
                stack.send(List.of(record(single(editor, "edit@bench", 1_000_000_000L + i, summary))));
                awaitSummary(editor, summary);
                latencies.add((System.nanoTime() - sent) / 1e9);
                Thread.sleep(2_000);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return latencies;
    }

    private Feed connect(String account) {
        Feed feed = new Feed(account, "sub-" + UUID.randomUUID(), UUID.randomUUID(), "feed-" + UUID.randomUUID());
        stack.tokenService().connect(feed.subscriber(), account);
        return feed;
    }

    /** Waits until the account's inserts and patches since {@code before} reach {@code expected}; returns them. */
    private long awaitWrites(String account, Map<String, Long> before, long expected) throws Exception {
        long deadline = System.nanoTime() + PART_LIMIT.toNanos();
        long writes = 0;
        while (writes < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            Map<String, Long> calls = delta(before, stack.callsByAccount().getOrDefault(account, Map.of()));
            writes = calls.getOrDefault("events.insert", 0L) + calls.getOrDefault("events.patch", 0L);
        }
        return writes;
    }

    private void awaitSummary(Feed feed, String summary) throws Exception {
        long deadline = System.nanoTime() + PART_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode calendar : stack.admin("GET", "/emulator/admin/accounts/" + feed.account() + "/calendars")) {
                for (JsonNode event : calendar.path("events")) {
                    if (summary.equals(event.path("summary").asText())) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(summary + " never reached " + feed.account());
    }

    /**
     * The first sync of a feed: nine in ten single events, the rest weekly series of ten, each followed later in the
     * stream by two overrides (its second and fifth occurrences an hour later).
     */
    private List<ProducerRecord<String, byte[]>> firstSync(Feed feed, int changes) {
        int series = changes / 25;
        int singles = changes - 3 * series;
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < singles; i++) {
            records.add(record(single(feed, "e" + i + "@bench", nextVersion++, "event " + i)));
        }
        for (int s = 0; s < series; s++) {
            LocalDateTime start = LocalDateTime.of(2026, 12, 1, 8, 0).plusHours(s);
            records.add(record(change(feed, "s" + s + "@bench", null, new NormalizedEvent("series " + s, null, null, null,
                    new EventTime.Zoned(start, "Europe/Berlin"), new EventTime.Zoned(start.plusMinutes(30), "Europe/Berlin"),
                    List.of("RRULE:FREQ=WEEKLY;COUNT=10"), EventStatus.CONFIRMED, Transparency.OPAQUE, Visibility.DEFAULT, 0, null))));
        }
        for (int s = 0; s < series; s++) {
            for (int week : List.of(1, 4)) {
                LocalDateTime occurrence = LocalDateTime.of(2026, 12, 1, 8, 0).plusHours(s).plusWeeks(week);
                records.add(record(change(feed, "s" + s + "@bench", new EventTime.Zoned(occurrence, "Europe/Berlin"),
                        new NormalizedEvent("series " + s + " moved", null, null, null,
                                new EventTime.Zoned(occurrence.plusHours(1), "Europe/Berlin"),
                                new EventTime.Zoned(occurrence.plusHours(1).plusMinutes(30), "Europe/Berlin"),
                                List.of(), EventStatus.CONFIRMED, Transparency.OPAQUE, Visibility.DEFAULT, 1, null))));
            }
        }
        return records;
    }

    private static String composition(int changes) {
        int series = changes / 25;
        return String.format("%,d events, %d weekly series, %d overrides", changes - 3 * series, series, 2 * series);
    }

    private EventChanged single(Feed feed, String uid, long version, String summary) {
        Instant start = FIRST_START.plus(Duration.ofHours(version % 10_000));
        return ContractSamples.eventChanged().subscriberId(feed.subscriber()).feedId(feed.feed()).grantId(feed.grant())
                .feedDisplayName("Bench").uid(uid).version(version)
                .event(new NormalizedEvent(summary, null, null, null, new EventTime.UtcDateTime(start),
                        new EventTime.UtcDateTime(start.plus(Duration.ofMinutes(30))), List.of(), EventStatus.CONFIRMED,
                        Transparency.OPAQUE, Visibility.DEFAULT, 0, null))
                .contentHash("h-" + summary).build();
    }

    private EventChanged change(Feed feed, String uid, EventTime recurrenceId, NormalizedEvent event) {
        return ContractSamples.eventChanged().subscriberId(feed.subscriber()).feedId(feed.feed()).grantId(feed.grant())
                .feedDisplayName("Bench").uid(uid).recurrenceId(recurrenceId).version(nextVersion++).event(event)
                .contentHash("h-" + event.summary() + "-" + recurrenceId).build();
    }

    private static ProducerRecord<String, byte[]> record(EventChanged change) {
        return new ProducerRecord<>(Topics.EVENT_CHANGED, change.subscriberId(), ContractJson.encode(change));
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((method, count) -> {
            long added = count - before.getOrDefault(method, 0L);
            if (added != 0) {
                delta.put(method, added);
            }
        });
        return delta;
    }

    private static double percentile(List<Double> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
