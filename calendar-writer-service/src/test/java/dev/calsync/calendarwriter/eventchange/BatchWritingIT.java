package dev.calsync.calendarwriter.eventchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calsync.calendarwriter.google.GoogleCalendarClient;
import dev.calsync.calendarwriter.support.WriterTestSupport;
import dev.calsync.contracts.event.EventChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import dev.calsync.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.ConsumerGroupState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A person's queued changes go to Google in one batch request, each part handled on its own: a part Google fails is
 * retried alone, the others are written once.
 */
class BatchWritingIT extends WriterTestSupport {

    private static final int QUEUED = 10;
    /** Long enough for ten changes to be sent and handed to the person's lane on a busy machine. */
    private static final Duration HOLD = Duration.ofSeconds(5);

    @Autowired
    MeterRegistry meters;

    @Test
    void queuedChangesGoInOneBatchAndAPartGoogleFailsIsRetriedAlone() throws Exception {
        // a writer of an earlier test's context may still be leaving the group: a rebalance in the middle would hand
        // the records out again and split the queue this test builds
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(this::oneWriterHoldsEveryPartition);
        // the first change's insert takes effect and its answer is held: the next ten queue behind it in the lane
        fault(Map.of("endpoint", "events.insert", "holdResponseMs", HOLD.toMillis()));
        long held = System.nanoTime();
        send(upsert("first@x", 1, "First"));
        awaitEvent(event -> "First".equals(event.path("summary").asText()));
        List<EventChanged> queued = IntStream.rangeClosed(1, QUEUED).mapToObj(i -> upsert("q" + i + "@x", 10 + i, "Queued " + i)).toList();
        send(queued.toArray(EventChanged[]::new));
        await().atMost(HOLD).pollInterval(Duration.ofMillis(20))
                .until(() -> meters.get(EventChangeBinding.IN_FLIGHT_METRIC).gauge().value() >= QUEUED + 1);
        assertThat(Duration.ofNanos(System.nanoTime() - held)).as("all queued while the first answer was held").isLessThan(HOLD);
        admin("DELETE", "/emulator/admin/faults", null);
        fault(Map.of("endpoint", "events.insert", "status", 503, "times", 1));
        long batchesBefore = batches().count();
        double failedPartsBefore = insertsAnswered("503");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> liveEvents().size() == QUEUED + 1);

        assertThat(liveEvents()).extracting(event -> event.path("summary").asText()).doesNotHaveDuplicates()
                .containsAll(queued.stream().map(change -> change.event().summary()).toList());
        assertThat(batches().count()).as("batch requests sent").isGreaterThan(batchesBefore);
        assertThat(batches().max()).as("the largest batch: the ten queued changes").isEqualTo(QUEUED);
        assertThat(insertsAnswered("503") - failedPartsBefore).as("the part Google failed").isEqualTo(1);
        assertThat(calls()).as("each event inserted once: the failed part made nothing, its retry one insert")
                .containsEntry("events.insert", (long) QUEUED + 1).containsEntry("calendars.insert", 1L);
    }

    private boolean oneWriterHoldsEveryPartition() throws Exception {
        try (Admin kafkaAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConsumerGroupDescription group = kafkaAdmin.describeConsumerGroups(List.of("calendar-writer-service")).all().get()
                    .get("calendar-writer-service");
            return group.state() == ConsumerGroupState.STABLE && group.members().stream()
                    .filter(member -> member.assignment().topicPartitions().stream()
                            .anyMatch(partition -> partition.topic().equals(Topics.EVENT_CHANGED)))
                    .count() == 1;
        }
    }

    private DistributionSummary batches() {
        return meters.summary(GoogleCalendarClient.BATCH_SIZE_METRIC);
    }

    private double insertsAnswered(String outcome) {
        return meters.find(GoogleCalendarClient.CALLS_METRIC).tag("method", "events.insert").tag("outcome", outcome).counters()
                .stream().mapToDouble(Counter::count).sum();
    }
}
