package dev.calsync.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.calendarwriter.CalendarWriterServiceApplication;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.feedingest.FeedIngestServiceApplication;
import dev.calsync.support.messaging.EventPublisher;
import dev.calsync.support.messaging.InboundHandler;
import dev.calsync.support.messaging.ReceivedEvent;
import dev.calsync.testsupport.RealInfrastructure;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

    private static final BlockingQueue<ReceivedEvent<EventChanged>> RECEIVED_BY_WRITER = new LinkedBlockingQueue<>();

    @Configuration(proxyBeanMethods = false)
    static class RecordingWriterHandler {
        @Bean
        @Primary
        InboundHandler<EventChanged> recordingEventChangesHandler() {
            return RECEIVED_BY_WRITER::add;
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

        ReceivedEvent<EventChanged> received = awaitFor(subscriber);
        assertThat(received.payload()).isEqualTo(change);
        assertThat(received.key()).isEqualTo(subscriber);
        assertThat(received.topic()).isEqualTo(Topics.EVENT_CHANGED);
        assertThat(received.cloudEventId()).isEqualTo("ce-" + subscriber);
        assertThat(received.cloudEventType()).isEqualTo("dev.calsync.event-changed.v1");
        assertThat(received.cloudEventSource()).isEqualTo("/calsync/feed-ingest-service");
        assertThat(received.cloudEventSpecVersion()).isEqualTo("1.0");
        assertThat(Instant.parse(received.cloudEventTime())).isBetween(before, Instant.now());
    }

    private static ReceivedEvent<EventChanged> awaitFor(String subscriber) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            ReceivedEvent<EventChanged> next = RECEIVED_BY_WRITER.poll(1, TimeUnit.SECONDS);
            if (next != null && next.key().equals(subscriber)) {
                return next;
            }
        }
        throw new AssertionError("calendar-writer-service never received the change of " + subscriber);
    }
}
