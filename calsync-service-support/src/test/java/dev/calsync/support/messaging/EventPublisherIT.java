package dev.calsync.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.status.SyncCounts;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.testsupport.CalsyncServiceTest;
import dev.calsync.testsupport.KafkaBroker;
import dev.calsync.testsupport.TopicRecords;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a plain Kafka tool sees of a published record: the key, CloudEvents headers as text, JSON. */
@CalsyncServiceTest
class EventPublisherIT {

    @Autowired
    EventPublisher publisher;

    @Autowired
    Clock clock;

    @Test
    void recordsAreKeyedBySubscriberAndCarryReadableCloudEventsHeaders(KafkaBroker kafka) {
        String subscriber = "sub-" + UUID.randomUUID();
        SyncStatus status = new SyncStatus(subscriber, "feed-1", SyncStage.FETCH, SyncOutcome.SUCCESS,
                new SyncCounts(1, 2, 3, 4, 0), null, Instant.parse("2026-11-23T10:00:00Z"));
        Instant before = clock.instant();

        publisher.publish(status, "ce-fixed-id");

        ConsumerRecord<String, byte[]> record = TopicRecords.awaitFirstWithKey(kafka, Topics.SYNC_STATUS, subscriber);
        assertThat(ContractJson.decode(record.value(), SyncStatus.class)).isEqualTo(status);
        assertThat(TopicRecords.header(record, "ce_id")).hasValue("ce-fixed-id");
        assertThat(TopicRecords.header(record, "ce_type")).hasValue("dev.calsync.sync-status.v1");
        assertThat(TopicRecords.header(record, "ce_source")).hasValue("/calsync/support-test");
        assertThat(TopicRecords.header(record, "ce_specversion")).hasValue("1.0");
        assertThat(Instant.parse(TopicRecords.header(record, "ce_time").orElseThrow())).isBetween(before, clock.instant());
    }
}
