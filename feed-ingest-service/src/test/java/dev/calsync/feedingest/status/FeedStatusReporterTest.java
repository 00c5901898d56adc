package dev.calsync.feedingest.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.CalsyncEvent;
import dev.calsync.contracts.status.SyncCounts;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.feedingest.status.FeedStatusReporter.FetchOutcome;
import dev.calsync.support.messaging.EventPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A lenient reading is no failure: SUCCESS with its warnings; PARTIAL only when something was left out. */
class FeedStatusReporterTest {

    final List<SyncStatus> sent = new ArrayList<>();
    final Clock clock = Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC);
    final FeedStatusReporter reporter = new FeedStatusReporter(new EventPublisher(null, clock, "feed-ingest-service") {
        @Override
        public void publish(CalsyncEvent event, String cloudEventId) {
            sent.add((SyncStatus) event);
        }
    }, new SimpleMeterRegistry(), clock);

    @Test
    void aFeedReadLenientlyIsASuccessThatListsTheRulesApplied() {
        String rule = "VEVENT 'Lunch' (line 12) without UID: identity derived from its content";
        reporter.report("sub", "feed", FetchOutcome.FETCHED, new SyncCounts(1, 0, 0, 0, 0), null, List.of(rule));
        assertThat(sent).singleElement().satisfies(status -> {
            assertThat(status.stage()).isEqualTo(SyncStage.EMIT);
            assertThat(status.outcome()).isEqualTo(SyncOutcome.SUCCESS);
            assertThat(status.lastError()).isNull();
            assertThat(status.warnings()).containsExactly(rule);
        });
    }

    @Test
    void aFeedWithSomethingLeftOutIsPartialAndSaysWhat() {
        String lost = "VEVENT 'Party' (line 40) skipped: ends before it starts";
        reporter.report("sub", "feed", FetchOutcome.FETCHED_WITH_WARNINGS, new SyncCounts(3, 0, 0, 0, 1), "1 event(s) or part(s) left out",
                List.of(lost));
        assertThat(sent).singleElement().satisfies(status -> {
            assertThat(status.outcome()).isEqualTo(SyncOutcome.PARTIAL);
            assertThat(status.counts().failed()).isEqualTo(1);
            assertThat(status.warnings()).containsExactly(lost);
        });
    }

    @Test
    void manyWarningsAreCutWithACount() {
        List<String> many = IntStream.range(0, 120).mapToObj(i -> "VEVENT (line " + i + ") without UID: identity derived").toList();
        reporter.report("sub", "feed", FetchOutcome.FETCHED, SyncCounts.ZERO, null, many);
        assertThat(sent.get(0).warnings()).hasSize(FeedStatusReporter.MAX_WARNINGS)
                .endsWith("… and " + (120 - FeedStatusReporter.MAX_WARNINGS + 1) + " more");
    }
}
