package dev.calsync.calendarwriter.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calsync.calendarwriter.support.WriterTestSupport;
import dev.calsync.testsupport.OwnContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two people whose changes share one partition, one of them throttled by Google's per-user quota with hundreds of
 * changes queued: the other's single edits still reach Google at once, because each subscriber has its own lane.
 * Before the lanes, every edit waited behind the throttled person's records (59-131 s).
 */
@OwnContext("its emulator allows each Google account 120 calls a minute, not 600")
class FairnessIT extends WriterTestSupport {

    private static final String BUSY_ACCOUNT = "bob@example.com";
    /** Half again what the quota allows in a minute: the backlog outlasts the edits, and drains a minute later. */
    private static final int BUSY_EVENTS = 180;
    private static final int EDITS = 20;

    @BeforeAll
    static void lowPerUserQuota() {
        EMULATOR_SETTINGS.put("emulator.quota.per-user-per-window", "120");
    }

    @Test
    void aThrottledPersonsBacklogDoesNotDelayAnotherPersonsEditsOnTheSamePartition() throws Exception {
        String busy = "sub-busy-" + UUID.randomUUID();
        String busyFeed = "feed-" + UUID.randomUUID();
        UUID busyGrant = UUID.randomUUID();
        standIn().connect(busy, BUSY_ACCOUNT);
        sendToPartition(0, IntStream.rangeClosed(1, BUSY_EVENTS)
                .mapToObj(i -> upsertOf(busy, busyFeed, busyGrant, "busy-" + i + "@x", i, "Busy " + i)).toList());
        // the busy person is at Google's limit, with half a minute's worth of calls queued behind it
        await().atMost(Duration.ofSeconds(60)).until(() -> eventsIn(BUSY_ACCOUNT, busy, busyFeed).size() >= 100);

        sendToPartition(0, List.of(upsert("mine@x", 1, "Edit 0")));
        awaitEvent(event -> "Edit 0".equals(event.path("summary").asText()));
        List<Long> latencies = new ArrayList<>();
        for (int edit = 1; edit <= EDITS; edit++) {
            String summary = "Edit " + edit;
            long sent = System.nanoTime();
            sendToPartition(0, List.of(upsert("mine@x", edit + 1, summary)));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> liveEvents().stream().map(e -> e.path("summary").asText()).anyMatch(summary::equals));
            latencies.add((System.nanoTime() - sent) / 1_000_000);
        }
        int busyWritten = eventsIn(BUSY_ACCOUNT, busy, busyFeed).size();

        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.printf("FairnessIT: %d edits beside a throttled backlog (%d of %d written when the edits were done): "
                        + "p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n", EDITS, busyWritten, BUSY_EVENTS,
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), sorted.get(sorted.size() - 1));
        assertThat(busyWritten).as("the busy person was still held by Google's quota the whole time").isLessThan(BUSY_EVENTS);
        assertThat(percentile(sorted, 99)).as("p99 of the other person's edits, ms").isLessThan(2_000);
        assertThat(liveEvents()).extracting(event -> event.path("summary").asText()).containsExactly("Edit " + EDITS);
        // the backlog drains in the end, each event once
        await().atMost(Duration.ofMinutes(3)).until(() -> eventsIn(BUSY_ACCOUNT, busy, busyFeed).size() >= BUSY_EVENTS);
        assertThat(eventsIn(BUSY_ACCOUNT, busy, busyFeed)).extracting(e -> e.path("summary").asText()).doesNotHaveDuplicates()
                .hasSize(BUSY_EVENTS);
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
