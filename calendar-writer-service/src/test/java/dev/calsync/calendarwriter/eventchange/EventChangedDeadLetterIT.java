package dev.calsync.calendarwriter.eventchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.support.messaging.ContractConsumers;
import dev.calsync.testsupport.CalsyncServiceTest;
import dev.calsync.testsupport.KafkaBroker;
import dev.calsync.testsupport.TopicRecords;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A record the writer can never read goes to the dead-letter topic with the reason in its headers, and
 * the subscriber's next record is still processed: one bad message never blocks a partition.
 */
@CalsyncServiceTest
class EventChangedDeadLetterIT {

    // a context of its own: the writer's handler is replaced by this recorder
    @TestConfiguration
    static class RecordingHandler {
        @Bean
        BlockingQueue<EventChanged> handled() {
            return new LinkedBlockingQueue<>();
        }

        @Bean
        @Primary
        EventChangeHandler recordingEventChangesHandler(BlockingQueue<EventChanged> handled) {
            return new EventChangeHandler(null, null, null, null, null) {
                @Override
                public void handle(EventChanged change) {
                    handled.add(change);
                }

                @Override
                java.util.List<Attempt> handleTogether(java.util.List<EventChanged> changes) {
                    handled.addAll(changes);
                    return changes.stream().<Attempt>map(change -> new Attempt.Done()).toList();
                }
            };
        }
    }

    @Autowired
    BlockingQueue<EventChanged> handled;

    @Autowired
    MeterRegistry meters;

    @Test
    void unreadableRecordsAreDeadLetteredAndTheNextRecordIsConsumed(KafkaBroker kafka) throws Exception {
        String subscriber = "sub-" + UUID.randomUUID();
        byte[] notJson = "{\"subscriberId\": \"".concat(subscriber).concat("\", oops").getBytes(StandardCharsets.UTF_8);
        byte[] missingGrant = ContractJson.objectMapper().writeValueAsBytes(
                ContractJson.objectMapper().createObjectNode()
                        .put("subscriberId", subscriber).put("feedId", "feed-1").put("uid", "uid-1")
                        .put("changeType", "DELETE").put("version", 7).put("resync", false)
                        .put("occurredAt", "2026-11-23T10:00:00Z"));
        EventChanged valid = ContractSamples.eventChanged().subscriberId(subscriber).build();

        TopicRecords.send(kafka, new ProducerRecord<>(Topics.EVENT_CHANGED, subscriber, notJson));
        TopicRecords.send(kafka, new ProducerRecord<>(Topics.EVENT_CHANGED, subscriber, missingGrant));
        TopicRecords.send(kafka, new ProducerRecord<>(Topics.EVENT_CHANGED, subscriber, ContractJson.encode(valid)));

        EventChanged received = handled.poll(60, TimeUnit.SECONDS);
        assertThat(received).as("the valid record behind two bad ones").isNotNull();
        assertThat(received).isEqualTo(valid);
        assertThat(handled).isEmpty();

        ConsumerRecord<String, byte[]> unreadable = TopicRecords.awaitFirst(kafka, Topics.EVENT_CHANGED_DLQ,
                record -> subscriber.equals(record.key()) && new String(record.value(), StandardCharsets.UTF_8).endsWith("oops"),
                Duration.ofSeconds(30));
        assertThat(unreadable.value()).isEqualTo(notJson);
        assertThat(TopicRecords.header(unreadable, "x-original-topic")).hasValue(Topics.EVENT_CHANGED);
        assertThat(TopicRecords.header(unreadable, "x-exception-message")).hasValueSatisfying(
                message -> assertThat(message).contains("cannot read EventChanged"));

        ConsumerRecord<String, byte[]> incomplete = TopicRecords.awaitFirst(kafka, Topics.EVENT_CHANGED_DLQ,
                record -> subscriber.equals(record.key()) && Arrays.equals(record.value(), missingGrant),
                Duration.ofSeconds(30));
        assertThat(TopicRecords.header(incomplete, "x-exception-message")).hasValueSatisfying(
                message -> assertThat(message).contains("EventChanged.grantId is required"));
        // each unreadable record was read once: retrying it would only have delayed the valid one
        assertThat(meters.get(ContractConsumers.MALFORMED_METRIC).tag("type", "EventChanged").counter().count())
                .isEqualTo(2.0);
    }
}
