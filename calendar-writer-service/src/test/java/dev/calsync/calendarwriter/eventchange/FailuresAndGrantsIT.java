package dev.calsync.calendarwriter.eventchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.calendarwriter.support.WriterTestSupport;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.calendarwriter.park.SubscriberParks;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.resync.ResyncReason;
import dev.calsync.contracts.resync.ResyncRequested;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.testsupport.TopicRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Google failing, tokens expiring, grants revoked: every change still lands exactly once, or is skipped on purpose. */
class FailuresAndGrantsIT extends WriterTestSupport {

    @Autowired
    SubscriberParks parks;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient db;

    @Test
    void anUnfinishedCalendarCreateIsAdoptedNotRepeated() throws Exception {
        // the state a writer killed between Google's answer to calendars.insert and its commit leaves behind
        String marker = dev.calsync.calendarwriter.google.EventIds.feedMarker(subscriber, feed);
        db.sql("INSERT INTO google_calendar_map (subscriber_id, feed_id, state, marker) VALUES (:s, :f, 'INTENT', :m)")
                .param("s", subscriber).param("f", feed).param("m", marker).update();
        String created = aliceCalendar().calendars().insert(new com.google.api.services.calendar.model.Calendar()
                .setSummary("Team").setDescription("Kept in sync by calsync.\n" + marker).setTimeZone("UTC")).execute().getId();
        clearCalls();
        send(upsert(grant, "a@x", 1, "After the crash"));
        awaitEvent(e -> "After the crash".equals(e.path("summary").asText()));
        assertThat(calendarsWithMarker(subscriber, feed)).extracting(c -> c.path("id").asText()).containsExactly(created);
        assertThat(calls()).doesNotContainKey("calendars.insert").containsEntry("calendarList.list", 1L);
    }

    @Test
    void thirtyPercentOfCallsFailingWith429Or503StillWritesEveryEventExactlyOnce() throws Exception {
        fault(Map.of("endpoint", "*", "status", 429, "rate", 0.15));
        fault(Map.of("endpoint", "*", "status", 503, "rate", 0.15));
        List<EventChanged> changes = new ArrayList<>();
        IntStream.rangeClosed(1, 20).forEach(i -> changes.add(upsert(grant, "e" + i + "@x", i, "Event " + i)));
        send(changes.toArray(EventChanged[]::new));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> liveEvents().size() >= 20);
        admin("DELETE", "/emulator/admin/faults", null);
        assertThat(meters.get(dev.calsync.calendarwriter.google.GoogleCalendarClient.RETRIES_METRIC).counter().count())
                .as("the faults did happen and were retried").isPositive();
        assertThat(liveEvents()).extracting(e -> e.path("summary").asText()).doesNotHaveDuplicates().hasSize(20);
        assertThat(calendarsWithMarker(subscriber, feed)).as("one calendar, however many retries").hasSize(1);
    }

    @Test
    void anExpiredTokenCostsOneRefreshAndOneRetry() throws Exception {
        send(upsert(grant, "a@x", 1, "First"));
        awaitEvent(e -> "First".equals(e.path("summary").asText()));
        int refreshesBefore = standIn().forcedRefreshes.get();
        fault(Map.of("endpoint", "events.insert", "status", 401, "times", 1));
        send(upsert(grant, "b@x", 2, "Second"));
        awaitEvent(e -> "Second".equals(e.path("summary").asText()));
        assertThat(standIn().forcedRefreshes.get() - refreshesBefore).isEqualTo(1);
        assertThat(liveEvents()).extracting(e -> e.path("summary").asText()).containsExactlyInAnyOrder("First", "Second");
    }

    @Test
    void changesOfARevokedGrantAreSkippedAndReportedAndTheNewGrantsChangesLand() throws Exception {
        UUID newGrant = UUID.randomUUID();
        standIn().revokedGrants.add(grant.toString());
        standIn().pendingGrants.add(newGrant.toString());
        send(upsert(grant, "old@x", 1, "Old grant"), upsert(newGrant, "new@x", 2, "New grant"));
        SyncStatus status = ContractJson.decode(TopicRecords.awaitFirst(kafka, Topics.SYNC_STATUS,
                record -> subscriber.equals(record.key()), Duration.ofSeconds(30)).value(), SyncStatus.class);
        assertThat(status.lastError()).contains("reconnect needed");
        // the new grant is not stored at token-service yet (503): retried, not lost
        await().atMost(Duration.ofSeconds(30)).until(() -> standIn().notStoredYetAnswers(newGrant) >= 2);
        standIn().pendingGrants.remove(newGrant.toString());
        awaitEvent(e -> "New grant".equals(e.path("summary").asText()));
        assertThat(liveEvents()).extracting(e -> e.path("summary").asText()).containsExactly("New grant");
    }

    @Test
    void aRemovedFeedLosesItsCalendarAndALateChangeDoesNotBringItBack() throws Exception {
        send(upsert(grant, "a@x", 1, "Before"));
        awaitEvent(e -> "Before".equals(e.path("summary").asText()));
        send(ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant)
                        .changeType(dev.calsync.contracts.event.ChangeType.FEED_REMOVED).uid(null).event(null).contentHash(null).version(5L).build(),
                upsert(grant, "late@x", 4, "Late"));
        await().atMost(Duration.ofSeconds(30)).until(() -> calendarsWithMarker(subscriber, feed).isEmpty());
        // a sentinel on another feed shows the late change was processed
        String otherFeed = feed;
        feed = "feed-" + UUID.randomUUID();
        send(upsert(grant, "s@x", 6, "Sentinel"));
        awaitEvent(e -> "Sentinel".equals(e.path("summary").asText()));
        assertThat(calendarsWithMarker(subscriber, otherFeed)).isEmpty();
        assertThat(calls()).containsEntry("calendars.insert", 2L).containsEntry("calendars.delete", 1L);
    }

    @Test
    void aCalendarThePersonDeletedIsCreatedAgainAndAResyncIsAsked() throws Exception {
        send(upsert(grant, "a@x", 1, "First"));
        JsonNode calendar = await().atMost(Duration.ofSeconds(30)).until(() -> feedCalendar(subscriber, feed).orElse(null),
                found -> found != null && found.path("events").size() == 1);
        aliceCalendar().calendars().delete(calendar.path("id").asText()).execute();
        send(upsert(grant, "b@x", 2, "Second"));
        awaitEvent(e -> "Second".equals(e.path("summary").asText()));
        JsonNode recreated = feedCalendar(subscriber, feed).orElseThrow();
        assertThat(recreated.path("id").asText()).isNotEqualTo(calendar.path("id").asText());
        TopicRecords.awaitFirst(kafka, Topics.RESYNC_REQUESTED, record -> subscriber.equals(record.key()), Duration.ofSeconds(30));
        // feed-ingest's resync re-emits the first event with a new version: written into the new calendar
        send(upsert(grant, "a@x", 3, "First"));
        awaitEvent(e -> "First".equals(e.path("summary").asText()));
        assertThat(calendarsWithMarker(subscriber, feed)).hasSize(1);
    }

    @Test
    void aRecreateWhoseCalendarsInsertFailsOnceStillAsksForTheResync() throws Exception {
        send(upsert(grant, "a@x", 1, "First"));
        String deleted = await().atMost(Duration.ofSeconds(30)).until(() -> feedCalendar(subscriber, feed).orElse(null),
                found -> found != null && found.path("events").size() == 1).path("id").asText();
        aliceCalendar().calendars().delete(deleted).execute();
        // the recreate's calendars.insert fails once; calendars.insert is never retried on the spot, so the whole
        // change is, and that retry finds the intent row instead of the deleted calendar
        fault(Map.of("endpoint", "calendars.insert", "status", 503, "times", 1));
        clearCalls();
        send(upsert(grant, "b@x", 2, "Second"));
        awaitEvent(e -> "Second".equals(e.path("summary").asText()));

        assertThat(calendarsWithMarker(subscriber, feed)).as("exactly one calendar of the feed, a new one")
                .singleElement().satisfies(calendar -> assertThat(calendar.path("id").asText()).isNotEqualTo(deleted));
        assertThat(calls()).as("calendars.get finds it gone; after the insert Google failed (not counted), the retry looks for the"
                        + " intent's calendar once and inserts once")
                .containsEntry("calendars.get", 1L).containsEntry("calendarList.list", 1L).containsEntry("calendars.insert", 1L);
        // the writer asks before it creates: the request is on the broker once the new calendar holds an event
        assertThat(TopicRecords.readToEnd(kafka, Topics.RESYNC_REQUESTED, record -> subscriber.equals(record.key())))
                .as("resyncs asked for the subscriber")
                .extracting(record -> ContractJson.decode(record.value(), ResyncRequested.class))
                .singleElement().satisfies(resync -> {
                    assertThat(resync.feedId()).isEqualTo(feed);
                    assertThat(resync.reason()).isEqualTo(ResyncReason.CALENDAR_RECREATED);
                });
        // and the resync brings the rest of the feed back: feed-ingest re-emits the first event with a new version
        send(upsert(grant, "a@x", 3, "First"));
        awaitEvent(e -> "First".equals(e.path("summary").asText()));
        assertThat(liveEvents()).extracting(e -> e.path("summary").asText()).containsExactlyInAnyOrder("First", "Second");
    }

    @Test
    void aChangeForASubscriberTokenServiceDoesNotKnowYetIsRetriedNotLost() throws Exception {
        // the subscriber's first TokenGranted has not reached token-service yet: it answers 404
        subscriber = "sub-" + UUID.randomUUID();
        int asked = standIn().requests.get();
        send(upsert(grant, "early@x", 1, "Before token-service knew"));
        await().atMost(Duration.ofSeconds(30)).until(() -> standIn().requests.get() >= asked + 2);
        standIn().connect(subscriber, googleAccount());
        awaitEvent(e -> "Before token-service knew".equals(e.path("summary").asText()));
        assertThat(liveEvents()).hasSize(1);
    }

    @Test
    void googlesUsageLimitNeitherBurnsAnIdNorRecreatesTheCalendar() throws Exception {
        send(upsert(grant, "a@x", 1, "Before the limit"));
        String calendarId = await().atMost(Duration.ofSeconds(30)).until(() -> feedCalendar(subscriber, feed).orElse(null),
                found -> found != null && found.path("events").size() == 1).path("id").asText();
        // "Calendar usage limits exceeded": every call of the account, calendars.get included, for a while
        fault(Map.of("endpoint", "*", "status", 403, "reason", "quotaExceeded", "times", 3));
        send(upsert(grant, "b@x", 2, "During the limit"));
        await().atMost(Duration.ofSeconds(30)).until(() -> parks.find(subscriber).isPresent());

        // Google's limit is over, the park ends, and the resync it asks for brings the change back (as feed-ingest
        // would, with a new version)
        admin("DELETE", "/emulator/admin/faults", null);
        db.sql("UPDATE subscriber_park SET until = now() WHERE subscriber_id = :s").param("s", subscriber).update();
        TopicRecords.awaitFirst(kafka, Topics.RESYNC_REQUESTED, record -> subscriber.equals(record.key()), Duration.ofSeconds(30));
        send(upsert(grant, "b@x", 3, "During the limit"));

        JsonNode written = awaitEvent(e -> "During the limit".equals(e.path("summary").asText()));
        assertThat(written.path("id").asText()).as("the first generation's id, not a burned one")
                .isEqualTo(dev.calsync.calendarwriter.google.EventIds.eventId(subscriber, feed, "b@x", 0));
        assertThat(calendarsWithMarker(subscriber, feed)).extracting(c -> c.path("id").asText()).containsExactly(calendarId);
        assertThat(TopicRecords.readToEnd(kafka, Topics.RESYNC_REQUESTED, record -> subscriber.equals(record.key())))
                .as("only the park's resync: no calendar was taken for deleted")
                .extracting(record -> ContractJson.decode(record.value(), ResyncRequested.class).reason())
                .containsExactly(ResyncReason.SUBSCRIBER_UNPARKED);
    }
}
