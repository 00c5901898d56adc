package dev.calsync.calendarwriter.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.calsync.calendarwriter.eventchange.EventChangeHandler;
import dev.calsync.calendarwriter.google.EventIds;
import dev.calsync.calendarwriter.map.EventMap;
import dev.calsync.calendarwriter.support.WriterTestSupport;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.EventStatus;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import dev.calsync.testsupport.ManagementPort;
import dev.calsync.testsupport.TopicRecords;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The map can be rebuilt from Google alone, and replaying the topic from its earliest offset writes
 * nothing: the calendar holds every event once and Google saw no write.
 */
class RepairAndReplayIT extends WriterTestSupport {

    private static final String GROUP = "calendar-writer-service";

    @Autowired
    JdbcClient db;
    @Autowired
    EventMapRepair repair;
    @Autowired
    EventMap eventMap;
    @Autowired
    MeterRegistry meters;
    @LocalManagementPort
    int managementPort;

    /**
     * Bob's, not Alice's: the replay below reads the whole topic, the records of every earlier test class of
     * this JVM included (their subscribers all connected Alice), so Bob's calls are what this test's replay cost.
     */
    @Override
    protected String googleAccount() {
        return "bob@example.com";
    }

    private List<EventChanged> history() {
        NormalizedEvent weekly = new NormalizedEvent("Stand-up", null, "Room 1", null,
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 1, 9, 0), "Europe/Berlin"),
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 1, 9, 15), "Europe/Berlin"),
                List.of("RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4"), null, null, null, null, null);
        NormalizedEvent moved = new NormalizedEvent("Stand-up (moved)", null, null, null,
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 11, 0), "Europe/Berlin"),
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 11, 15), "Europe/Berlin"), List.of(), null, null, null, null,
                null);
        NormalizedEvent single = new NormalizedEvent("Dentist", null, null, null,
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 3, 15, 0), "Europe/Berlin"), null, List.of(), null, null, null,
                null, null);
        NormalizedEvent cancelledOccurrence = new NormalizedEvent("Stand-up", null, "Room 1", null,
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 15, 9, 0), "Europe/Berlin"),
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 15, 9, 15), "Europe/Berlin"), List.of(), EventStatus.CANCELLED,
                null, null, null, null);
        var base = (java.util.function.Supplier<ContractSamples.EventChangedBuilder>) () -> ContractSamples.eventChanged()
                .subscriberId(subscriber).feedId(feed).grantId(grant).feedDisplayName("Team");
        List<EventChanged> history = new ArrayList<>();
        history.add(base.get().uid("su@x").version(1L).event(weekly).contentHash("s1").build());
        history.add(base.get().uid("su@x").recurrenceId(new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 9, 0), "Europe/Berlin"))
                .version(2L).event(moved).contentHash("o1").build());
        history.add(base.get().uid("d@x").version(3L).event(single).contentHash("d1").build());
        history.add(base.get().uid("gone@x").version(4L).event(single).contentHash("g1").build());
        history.add(base.get().uid("gone@x").version(5L).changeType(ChangeType.DELETE).event(null).contentHash(null).build());
        history.add(base.get().uid("su@x").recurrenceId(new EventTime.Zoned(LocalDateTime.of(2026, 12, 15, 9, 0), "Europe/Berlin"))
                .version(6L).event(cancelledOccurrence).contentHash("c1").build());
        return history;
    }

    /** Three live events (the series, its moved occurrence, the single one); the deleted event and the cancelled occurrence. */
    private void awaitHistoryWritten() {
        await().atMost(Duration.ofSeconds(60)).until(() -> liveEvents().size() == 3
                && events(e -> "cancelled".equals(e.path("status").asText())).size() == 2);
    }

    @Test
    void theRepairedMapMakesAReplayCostNothing() throws Exception {
        List<EventChanged> history = history();
        send(history.toArray(EventChanged[]::new));
        awaitHistoryWritten();
        awaitEverythingSettled();

        db.sql("DELETE FROM google_event_map WHERE subscriber_id = :subscriber").param("subscriber", subscriber).update();
        int rows = repair.repair(subscriber, grant, feed);
        // Google shows the deleted event and the cancelled occurrence stripped to their ids: tombstone ids, not rows
        assertThat(rows).as("series, override, single, two tombstones").isEqualTo(5);
        assertThat(db.sql("SELECT count(*) FROM google_event_map WHERE subscriber_id = :s").param("s", subscriber)
                .query(Long.class).single()).isEqualTo(3);

        clearCalls();
        send(history.toArray(EventChanged[]::new));
        // a new event behind the replayed history shows the replay was consumed
        send(ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant).uid("new@x").version(7L)
                .event(ContractSamples.minimalEvent()).contentHash("n1").build());
        await().atMost(Duration.ofSeconds(60)).until(() -> liveEvents().size() == 4);
        assertThat(calls()).as("only the new event was written").isEqualTo(Map.of("events.insert", 1L));
        assertThat(liveEvents()).extracting(e -> e.path("id").asText()).doesNotHaveDuplicates();

        // the deleted event comes back to the feed: the rebuilt map knows its first id is burned, so one insert does it
        clearCalls();
        send(ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant).uid("gone@x").version(8L)
                .event(ContractSamples.minimalEvent()).contentHash("g2").build());
        await().atMost(Duration.ofSeconds(60)).until(() -> liveEvents().size() == 5);
        assertThat(calls()).isEqualTo(Map.of("events.insert", 1L));
        assertThat(liveEvents()).extracting(e -> e.path("id").asText())
                .contains(EventIds.eventId(subscriber, feed, "gone@x", 1));
    }

    /**
     * A series that left the feed, came back under its next id, lost an occurrence and left again: Google holds
     * three cancelled ids (two generations of the series and an instance of the second) and nothing else of it.
     */
    @Test
    void aSeriesDeletedTwiceWithACancelledOccurrenceIsKnownFromItsStrippedIdsAlone() throws Exception {
        NormalizedEvent daily = new NormalizedEvent("Daily", null, null, null,
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 14, 9, 0), "Europe/Berlin"),
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 14, 9, 15), "Europe/Berlin"),
                List.of("RRULE:FREQ=DAILY;COUNT=5"), null, null, null, null, null);
        NormalizedEvent cancelledDay = new NormalizedEvent("Daily", null, null, null,
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 15, 9, 0), "Europe/Berlin"),
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 15, 9, 15), "Europe/Berlin"), List.of(), EventStatus.CANCELLED,
                null, null, null, null);
        var base = (java.util.function.Supplier<ContractSamples.EventChangedBuilder>) () -> ContractSamples.eventChanged()
                .subscriberId(subscriber).feedId(feed).grantId(grant).uid("daily@x");
        List<EventChanged> history = List.of(
                base.get().version(1L).event(daily).contentHash("d1").build(),
                base.get().version(2L).changeType(ChangeType.DELETE).event(null).contentHash(null).build(),
                base.get().version(3L).event(daily).contentHash("d1").build(),
                base.get().recurrenceId(new EventTime.Zoned(LocalDateTime.of(2026, 12, 15, 9, 0), "Europe/Berlin"))
                        .version(4L).event(cancelledDay).contentHash("c1").build(),
                base.get().version(5L).changeType(ChangeType.DELETE).event(null).contentHash(null).build());
        String firstId = EventIds.eventId(subscriber, feed, "daily@x", 0);
        send(history.toArray(EventChanged[]::new));
        await().atMost(Duration.ofSeconds(60)).until(() -> events(e -> "cancelled".equals(e.path("status").asText())).size() == 3);
        awaitEverythingSettled();

        db.sql("DELETE FROM google_event_map WHERE subscriber_id = :subscriber").param("subscriber", subscriber).update();
        assertThat(repair.repair(subscriber, grant, feed)).as("three stripped tombstones").isEqualTo(3);

        clearCalls();
        send(history.toArray(EventChanged[]::new));
        send(base.get().version(6L).event(daily).contentHash("d2").build());
        await().atMost(Duration.ofSeconds(60)).until(() -> liveEvents().size() == 1);
        assertThat(calls()).as("the replay skipped, the return took the third id").isEqualTo(Map.of("events.insert", 1L));
        assertThat(liveEvents().get(0).path("id").asText()).isEqualTo(firstId + "g2");
    }

    /** While a change may be open the feed's settled version could date a tombstone too late: no repair then. */
    @Test
    void theRepairWaitsUntilTheWriterHasSettledWhatItRead() throws Exception {
        ManagementPort.setBindingState(managementPort, "eventChanges-in-0", "STOPPED");
        try {
            send(ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant).uid("open@x").version(1L)
                    .event(ContractSamples.minimalEvent()).contentHash("o1").build());

            assertThatThrownBy(() -> repair.repair(subscriber, grant, feed))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("has not settled yet");
            assertThat(calls()).as("Google was not asked").isEmpty();
        } finally {
            ManagementPort.setBindingState(managementPort, "eventChanges-in-0", "STARTED");
        }
        // settled once the writer reads again, so nothing of this test is written during the next
        awaitEvent(e -> e.path("extendedProperties").path("private").toString().contains("open@x"));
        awaitEverythingSettled();
    }

    /** A dead-lettered change waits for its replay: its event's tombstone is dated just before it. */
    @Test
    void aDeadLetteredChangeIsNotCoveredByItsEventsTombstone() {
        String firstId = EventIds.eventId(subscriber, feed, "dl@x", 0);
        eventMap.saveTombstone(subscriber, feed, firstId, 9);
        eventMap.saveTombstone(subscriber, feed, firstId + "g1_20261215T080000Z", 9);
        assertThat(eventMap.tombstone(subscriber, feed, "dl@x", "", firstId, true))
                .contains(new EventMap.Tombstone(firstId, 9));

        db.sql("INSERT INTO write_dead_letter (subscriber_id, feed_id, uid, recurrence_id, version, reason) "
                + "VALUES (:s, :f, 'dl@x', '', 7, 'Google rejected the event')").param("s", subscriber).param("f", feed).update();

        assertThat(eventMap.tombstone(subscriber, feed, "dl@x", "", firstId, true))
                .contains(new EventMap.Tombstone(firstId, 6));
    }

    private void awaitEverythingSettled() {
        await().atMost(Duration.ofSeconds(120)).until(() -> writerLag() == 0);
    }

    @Test
    void replayingTheTopicFromTheEarliestOffsetWritesNothingAndDuplicatesNothing() throws Exception {
        List<EventChanged> history = history();
        send(history.toArray(EventChanged[]::new));
        awaitHistoryWritten();
        clearCalls();
        double unchangedBefore = unchanged();

        // both consumers share the group: it is empty (and its offsets movable) only when both stopped
        ManagementPort.setBindingState(managementPort, "eventChanges-in-0", "STOPPED");
        ManagementPort.setBindingState(managementPort, "tokenRevocations-in-0", "STOPPED");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeConsumerGroups(List.of(GROUP)).all().get()
                    .get(GROUP).state() == ConsumerGroupState.EMPTY);
            Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(List.of(Topics.EVENT_CHANGED)).allTopicNames().get()
                    .get(Topics.EVENT_CHANGED).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.EVENT_CHANGED, p.partition()), p -> OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> earliest = admin.listOffsets(partitions).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(GROUP, earliest).all().get();
            ManagementPort.setBindingState(managementPort, "eventChanges-in-0", "STARTED");
            ManagementPort.setBindingState(managementPort, "tokenRevocations-in-0", "STARTED");

            TopicRecords.awaitConsumed(kafka, GROUP, Topics.EVENT_CHANGED, Duration.ofSeconds(120));
        }
        assertThat(unchanged() - unchangedBefore).as("every record of this subscriber consumed again and skipped")
                .isGreaterThanOrEqualTo(history.size());
        assertThat(writes()).as("Calendar writes caused by the replay").isZero();
        assertThat(liveEvents()).extracting(e -> e.path("id").asText()).doesNotHaveDuplicates().hasSize(3);
        assertThat(calendarsWithMarker(subscriber, feed)).hasSize(1);
        assertThat(EventIds.feedMarker(subscriber, feed)).startsWith("calsync-feed:");
    }

    private double unchanged() {
        var counter = meters.find(EventChangeHandler.OUTCOME_METRIC).tag("outcome", "unchanged").counter();
        return counter == null ? 0 : counter.count();
    }
}
