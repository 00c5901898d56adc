package dev.calsync.calendarwriter.eventchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calsync.calendarwriter.support.WriterTestSupport;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.testsupport.TopicRecords;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Google failing for longer than Kafka's {@code max.poll.interval.ms}: the change is retried by its lane until Google
 * answers again, its feed's status says it waits, and the writer keeps its place in the consumer group the whole time
 * (the consumer's thread never waits for Google, so its polls never come too late and Kafka never takes the
 * partitions away to hand them out again).
 */
@TestPropertySource(properties = {
        "spring.cloud.stream.kafka.binder.consumer-properties[max.poll.interval.ms]=15000",
        "calsync.writer.google-read-timeout=2s",
        "calsync.writer.redelivery-initial-backoff=200ms",
        "calsync.writer.redelivery-max-backoff=1s"})
class TransientFailuresIT extends WriterTestSupport {

    private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(15);

    @Test
    void aChangeFailingLongerThanThePollIntervalIsRetriedWithoutTheWriterLeavingItsGroup() throws Exception {
        send(upsert("first@x", 1, "First"));
        awaitEvent(e -> "First".equals(e.path("summary").asText()));
        // both bindings share the group: its assignment settles once the second consumer has joined
        Set<String> membersBefore = await().atMost(Duration.ofSeconds(30)).until(this::eventChangeMembers, members -> !members.isEmpty());

        fault(Map.of("endpoint", "events.insert", "status", 503, "times", 1_000_000));
        send(upsert("second@x", 2, "Second"));
        SyncStatus waiting = ContractJson.decode(TopicRecords.awaitFirst(kafka, Topics.SYNC_STATUS, record -> {
            SyncStatus status = ContractJson.decode(record.value(), SyncStatus.class);
            return subscriber.equals(record.key()) && status.stage() == SyncStage.WRITE && status.outcome() == SyncOutcome.PAUSED;
        }, Duration.ofSeconds(30)).value(), SyncStatus.class);
        assertThat(waiting.lastError()).contains("retried");
        // Google stays down for longer than a poll may take: the scenario itself, not a wait for something to happen
        await().pollDelay(MAX_POLL_INTERVAL.plusSeconds(5)).atMost(MAX_POLL_INTERVAL.plusSeconds(10)).until(() -> true);
        admin("DELETE", "/emulator/admin/faults", null);

        awaitEvent(e -> "Second".equals(e.path("summary").asText()));
        assertThat(liveEvents()).extracting(e -> e.path("summary").asText()).containsExactlyInAnyOrder("First", "Second");
        assertThat(eventChangeMembers()).as("the same consumer, never dropped from the group").isEqualTo(membersBefore);
    }

    /** The members of the writer's group that hold partitions of calsync.event-changed.v1. */
    private Set<String> eventChangeMembers() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.describeConsumerGroups(Set.of("calendar-writer-service")).all().get()
                    .get("calendar-writer-service").members().stream()
                    .filter(member -> member.assignment().topicPartitions().stream()
                            .anyMatch(partition -> partition.topic().equals(Topics.EVENT_CHANGED)))
                    .map(MemberDescription::consumerId)
                    .collect(Collectors.toSet());
        }
    }
}
