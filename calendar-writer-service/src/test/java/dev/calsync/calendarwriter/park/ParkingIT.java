package dev.calsync.calendarwriter.park;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calsync.calendarwriter.support.WriterTestSupport;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.resync.ResyncReason;
import dev.calsync.contracts.resync.ResyncRequested;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.token.RevocationReason;
import dev.calsync.contracts.token.TokenRevoked;
import dev.calsync.testsupport.TopicRecords;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Google's {@code 403 quotaExceeded} parks the subscriber: its changes are acknowledged unwritten (so they never
 * hold back their partition), its feed says until when, a replay parks nothing again, a revocation lifts the
 * park, a feed's removal ends it, and a park that ends resyncs every feed of the subscriber.
 */
@TestPropertySource(properties = "calsync.writer.park-check-interval=300ms")
class ParkingIT extends WriterTestSupport {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.EVENT_CHANGED, 0);

    @Autowired
    SubscriberParks parks;

    @Autowired
    JdbcClient db;

    @Autowired
    MeterRegistry meters;

    /** One event written, then Google's usage limit for the account, then five more events: parked. */
    private void parkedAfterOneEvent() throws Exception {
        sendToPartition(PARTITION.partition(), List.of(upsert("e1@x", 1, "Event 1")));
        awaitEvent(event -> "Event 1".equals(event.path("summary").asText()));
        fault(Map.of("endpoint", "*", "status", 403, "reason", "quotaExceeded", "times", 1));
        sendToPartition(PARTITION.partition(), fiveMoreEvents());
    }

    private List<EventChanged> fiveMoreEvents() {
        return IntStream.rangeClosed(2, 6).mapToObj(i -> upsert("e" + i + "@x", i, "Event " + i)).toList();
    }

    @Test
    void aParkedSubscriberHoldsNoCommitBackSaysUntilWhenAndIsResyncedWhenTheParkEnds() throws Exception {
        parkedAfterOneEvent();
        SubscriberParks.Park park = await().atMost(Duration.ofSeconds(60)).until(() -> parks.find(subscriber), Optional::isPresent)
                .orElseThrow();
        assertThat(park.until()).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
        assertThat(park.reason()).contains("Calendar usage limits exceeded");
        await().atMost(Duration.ofSeconds(30)).until(() -> writeStatuses(1).stream().anyMatch(status ->
                status.outcome() == SyncOutcome.PAUSED && status.lastError().contains("Calendar usage limits exceeded")
                        && status.lastError().contains("then syncs every feed again")));

        // someone else's change behind the parked ones on the same partition: written, and the commit passes them all
        String other = "sub-" + UUID.randomUUID();
        String otherFeed = "feed-" + UUID.randomUUID();
        standIn().connect(other, "bob@example.com");
        sendToPartition(PARTITION.partition(), List.of(upsertOf(other, otherFeed, UUID.randomUUID(), "o@x", 1, "Other")));
        await().atMost(Duration.ofSeconds(30)).until(() -> eventsIn("bob@example.com", other, otherFeed).size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(PARTITION) == endOffset(PARTITION));
        assertThat(liveEvents()).as("written before Google's limit; the rest were parked").hasSize(1);

        // time passes: the park ends, and every feed of the subscriber is asked for again
        db.sql("UPDATE subscriber_park SET until = now() WHERE subscriber_id = :s").param("s", subscriber).update();
        ResyncRequested resync = ContractJson.decode(TopicRecords.awaitFirst(kafka, Topics.RESYNC_REQUESTED,
                record -> subscriber.equals(record.key()), Duration.ofSeconds(30)).value(), ResyncRequested.class);
        assertThat(resync.reason()).isEqualTo(ResyncReason.SUBSCRIBER_UNPARKED);
        assertThat(resync.feedId()).as("every feed of the subscriber").isNull();
        assertThat(parks.find(subscriber)).isEmpty();
    }

    @Test
    void aReplayDuringTheParkParksNothingAgainAndARevocationLiftsThePark() throws Exception {
        parkedAfterOneEvent();
        SubscriberParks.Park park = await().atMost(Duration.ofSeconds(60)).until(() -> parks.find(subscriber), Optional::isPresent)
                .orElseThrow();
        double parkedBefore = meters.counter(Parking.PARKED_METRIC, "what", "subscriber").count();

        // the operator replays: the same changes again, all taken aside without a Google call
        clearCalls();
        sendToPartition(PARTITION.partition(), fiveMoreEvents());
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(PARTITION) == endOffset(PARTITION));
        assertThat(parks.find(subscriber)).contains(park);
        assertThat(meters.counter(Parking.PARKED_METRIC, "what", "subscriber").count()).isEqualTo(parkedBefore);
        assertThat(writes()).as("Google calls while parked").isZero();

        TopicRecords.send(kafka, new ProducerRecord<>(Topics.TOKEN_REVOKED, subscriber,
                ContractJson.encode(new TokenRevoked(subscriber, grant, RevocationReason.USER_DISCONNECT, Instant.now()))));
        await().atMost(Duration.ofSeconds(30)).until(() -> parks.find(subscriber).isEmpty());
    }

    @Test
    void aFeedsRemovalEndsTheParkIsCarriedOutAtOnceAndTheRestIsResynced() throws Exception {
        parkedAfterOneEvent();
        await().atMost(Duration.ofSeconds(60)).until(() -> parks.find(subscriber), Optional::isPresent);

        sendToPartition(PARTITION.partition(), List.of(ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed)
                .grantId(grant).changeType(ChangeType.FEED_REMOVED).uid(null).event(null).contentHash(null).version(50L).build()));

        await().atMost(Duration.ofSeconds(30)).until(() -> calendarsWithMarker(subscriber, feed).isEmpty());
        ResyncRequested resync = ContractJson.decode(TopicRecords.awaitFirst(kafka, Topics.RESYNC_REQUESTED,
                record -> subscriber.equals(record.key()), Duration.ofSeconds(30)).value(), ResyncRequested.class);
        assertThat(resync.reason()).as("the person's other feeds lost changes during the park")
                .isEqualTo(ResyncReason.SUBSCRIBER_UNPARKED);
        await().atMost(Duration.ofSeconds(30)).until(() -> parks.find(subscriber).isEmpty());
    }

    private long committed(TopicPartition partition) throws Exception {
        try (Admin admin = admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("calendar-writer-service").partitionsToOffsetAndMetadata()
                    .get().get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    private long endOffset(TopicPartition partition) throws Exception {
        try (Admin admin = admin()) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
