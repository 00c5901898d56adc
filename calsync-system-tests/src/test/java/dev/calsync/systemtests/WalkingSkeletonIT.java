package dev.calsync.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.calendarwriter.CalendarWriterServiceApplication;
import dev.calsync.calendarwriter.lanes.RecordLanes;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.feedingest.FeedIngestServiceApplication;
import dev.calsync.support.messaging.ContractConsumers;
import dev.calsync.support.messaging.EventPublisher;
import dev.calsync.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The walking skeleton: feed-ingest-service publishes an EventChanged through its output binding and
 * calendar-writer-service's consumer receives it from a real broker with key and headers intact.
 */
@RealInfrastructure
class WalkingSkeletonIT {

    private static final BlockingQueue<ConsumerRecord<?, ?>> RECEIVED_BY_WRITER = new LinkedBlockingQueue<>();

    /** What the writer's lanes are handed, recorded instead of written. */
    @Configuration(proxyBeanMethods = false)
    static class RecordingWriterHandler {
        @Bean
        @Primary
        RecordLanes.Work recordingEventChangeWork() {
            return (record, retries) -> {
                RECEIVED_BY_WRITER.add(record);
                return Optional.empty();
            };
        }
    }

    static ConfigurableApplicationContext writer;
    static ConfigurableApplicationContext feedIngest;

    @BeforeAll
    static void startBothServices() {
        writer = ServiceProcessesInOneJvm.start("calendar-writer-service",
                CalendarWriterServiceApplication.class, RecordingWriterHandler.class);
        feedIngest = ServiceProcessesInOneJvm.start("feed-ingest-service", FeedIngestServiceApplication.class);
    }

    @AfterAll
    static void stopBothServices() {
        if (feedIngest != null) {
            feedIngest.close();
        }
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void anEventChangedTravelsFromFeedIngestToTheWriterWithKeyAndHeadersIntact() throws Exception {
        String subscriber = "sub-" + UUID.randomUUID();
        EventChanged change = ContractSamples.eventChanged().subscriberId(subscriber).build();
        Instant before = Instant.now();

        feedIngest.getBean(EventPublisher.class).publish(change, "ce-" + subscriber);

        ConsumerRecord<?, ?> received = awaitFor(subscriber);
        assertThat(ContractConsumers.decodeRecord(received, EventChanged.class)).isEqualTo(change);
        assertThat(received.topic()).isEqualTo(Topics.EVENT_CHANGED);
        assertThat(header(received, "ce_id")).isEqualTo("ce-" + subscriber);
        assertThat(header(received, "ce_type")).isEqualTo("dev.calsync.event-changed.v1");
        assertThat(header(received, "ce_source")).isEqualTo("/calsync/feed-ingest-service");
        assertThat(header(received, "ce_specversion")).isEqualTo("1.0");
        assertThat(Instant.parse(header(received, "ce_time"))).isBetween(before, Instant.now());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String key(ConsumerRecord<?, ?> record) {
        return record.key() instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(record.key());
    }

    private static ConsumerRecord<?, ?> awaitFor(String subscriber) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            ConsumerRecord<?, ?> next = RECEIVED_BY_WRITER.poll(1, TimeUnit.SECONDS);
            // the key intact: the record is found by it
            if (next != null && subscriber.equals(key(next))) {
                return next;
            }
        }
        throw new AssertionError("calendar-writer-service never received the change of " + subscriber);
    }
}
