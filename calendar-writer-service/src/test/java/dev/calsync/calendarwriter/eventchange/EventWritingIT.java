package dev.calsync.calendarwriter.eventchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.calendarwriter.support.WriterTestSupport;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.EventStatus;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import dev.calsync.contracts.event.Transparency;
import dev.calsync.contracts.event.Visibility;
import dev.calsync.contracts.status.SyncCounts;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.testsupport.ManagementPort;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a person sees in Google after changes of their feed, and what it cost in Calendar calls. */
class EventWritingIT extends WriterTestSupport {

    private static final EventTime START = new EventTime.UtcDateTime(Instant.parse("2026-12-01T08:00:00Z"));
    private static final EventTime END = new EventTime.UtcDateTime(Instant.parse("2026-12-01T09:00:00Z"));

    private EventChanged upsert(String uid, long version, NormalizedEvent event) {
        return ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant).feedDisplayName("Team")
                .uid(uid).version(version).event(event).contentHash("h-" + event.hashCode()).build();
    }

    private EventChanged delete(String uid, long version) {
        return ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant).uid(uid).version(version)
                .changeType(ChangeType.DELETE).event(null).contentHash(null).build();
    }

    private static NormalizedEvent single(String summary, String location) {
        return new NormalizedEvent(summary, null, location, null, START, END, List.of(), EventStatus.CONFIRMED,
                Transparency.OPAQUE, Visibility.DEFAULT, 0, null);
    }

    private JsonNode eventWithSummary(String summary) {
        return awaitEvent(event -> summary.equals(event.path("summary").asText()));
    }

    @Test
    void insertUpdateDeleteAndAReplayCostsNothing() throws Exception {
        EventChanged created = upsert("a@x", 1, single("Release call", "Room 1"));
        send(created);
        JsonNode event = eventWithSummary("Release call");
        assertThat(event.path("location").asText()).isEqualTo("Room 1");
        assertThat(event.path("extendedProperties").path("private").path("calsyncUid").asText()).isEqualTo("a@x");
        assertThat(event.path("id").asText()).matches("[a-v0-9]{5,1024}");
        assertThat(calls()).containsEntry("calendars.insert", 1L).containsEntry("events.insert", 1L);

        EventChanged moved = upsert("a@x", 2, single("Release call (moved)", null));
        send(moved);
        JsonNode updated = eventWithSummary("Release call (moved)");
        assertThat(updated.has("location")).as("a location removed in the feed is removed in Google").isFalse();
        assertThat(updated.path("id").asText()).isEqualTo(event.path("id").asText());

        EventChanged removed = delete("a@x", 3);
        send(removed);
        awaitEvent(e -> "cancelled".equals(e.path("status").asText()));
        assertThat(calls()).containsEntry("calendars.insert", 1L).containsEntry("events.insert", 1L)
                .containsEntry("events.patch", 1L).containsEntry("events.delete", 1L);

        // the whole history again (a replay), an older version after a newer one, then one new event
        clearCalls();
        send(created, moved, removed, upsert("a@x", 2, single("stale", null)), upsert("b@x", 4, single("Next", null)));
        eventWithSummary("Next");
        assertThat(calls()).as("only the new event costs a call").isEqualTo(Map.of("events.insert", 1L));
        assertThat(liveEvents()).extracting(e -> e.path("summary").asText()).containsExactly("Next");
        assertThat(calendarsWithMarker(subscriber, feed)).hasSize(1);
    }

    @Test
    void changesSkippedAsUnchangedOrOlderAreCountedInTheFeedsStatusWithoutAGoogleCall() throws Exception {
        NormalizedEvent planning = single("Planning", "Room 2");
        send(upsert("p@x", 2, planning));
        eventWithSummary("Planning");
        clearCalls();

        // a resync re-emits the same content under a newer version; a replay brings an older version back
        send(upsert("p@x", 3, planning), upsert("p@x", 1, single("Planning (old)", null)));
        List<SyncStatus> statuses = writeStatuses(3);

        assertThat(statuses).extracting(SyncStatus::counts).containsExactly(
                new SyncCounts(1, 0, 0, 0, 0), new SyncCounts(0, 0, 0, 1, 0), new SyncCounts(0, 0, 0, 1, 0));
        assertThat(statuses).allSatisfy(status -> {
            assertThat(status.outcome()).isEqualTo(SyncOutcome.SUCCESS);
            assertThat(status.lastError()).isNull();
        });
        assertThat(calls()).as("the skips cost no Google call").isEmpty();
        assertThat(liveEvents()).extracting(e -> e.path("summary").asText()).containsExactly("Planning");
    }

    @Test
    void allDayZonedAndFloatingEventsKeepTheirKind() throws Exception {
        send(upsert("day@x", 1, new NormalizedEvent("Holiday", null, null, null,
                        new EventTime.AllDay(LocalDate.of(2026, 12, 24)), null, List.of(), null, null, null, null, null)),
                upsert("zoned@x", 2, new NormalizedEvent("Stand-up", null, null, null,
                        new EventTime.Zoned(LocalDateTime.of(2026, 12, 1, 9, 0), "Europe/Berlin"),
                        new EventTime.Zoned(LocalDateTime.of(2026, 12, 1, 9, 15), "Europe/Berlin"),
                        List.of("RRULE:FREQ=WEEKLY;BYDAY=TU"), null, null, null, null, null)),
                upsert("float@x", 3, new NormalizedEvent("Gym", null, null, null,
                        new EventTime.Floating(LocalDateTime.of(2026, 12, 2, 18, 0)), null, List.of(), null, null, null, null,
                        null)));
        JsonNode holiday = eventWithSummary("Holiday");
        JsonNode standup = eventWithSummary("Stand-up");
        JsonNode gym = eventWithSummary("Gym");
        assertThat(holiday.path("start").path("date").asText()).isEqualTo("2026-12-24");
        assertThat(holiday.path("end").path("date").asText()).as("end exclusive").isEqualTo("2026-12-25");
        assertThat(standup.path("start").path("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(standup.path("start").path("dateTime").asText()).startsWith("2026-12-01T09:00:00");
        assertThat(standup.path("recurrence").get(0).asText()).isEqualTo("RRULE:FREQ=WEEKLY;BYDAY=TU");
        assertThat(gym.path("start").path("dateTime").asText()).startsWith("2026-12-02T18:00:00");
    }

    @Test
    void seriesWithMovedAndCancelledOccurrencesAndAnOverrideThatDisappears() throws Exception {
        NormalizedEvent weekly = new NormalizedEvent("Stand-up", null, null, null,
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 1, 9, 0), "Europe/Berlin"),
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 1, 9, 15), "Europe/Berlin"),
                List.of("RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=6"), null, null, null, null, null);
        EventTime second = new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 9, 0), "Europe/Berlin");
        EventTime third = new EventTime.Zoned(LocalDateTime.of(2026, 12, 15, 9, 0), "Europe/Berlin");
        NormalizedEvent moved = new NormalizedEvent("Stand-up (moved)", null, null, null,
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 11, 0), "Europe/Berlin"),
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 11, 15), "Europe/Berlin"), List.of(), null, null, null, null,
                null);
        NormalizedEvent cancelled = new NormalizedEvent("Stand-up", null, null, null, third,
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 15, 9, 15), "Europe/Berlin"), List.of(),
                EventStatus.CANCELLED, null, null, null, null);
        EventChanged series = upsert("su@x", 1, weekly);
        EventChanged move = ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant).uid("su@x")
                .recurrenceId(second).version(2L).event(moved).contentHash("moved").build();
        EventChanged cancel = ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant).uid("su@x")
                .recurrenceId(third).version(3L).event(cancelled).contentHash("cancelled").build();
        send(series, move, cancel);

        JsonNode master = eventWithSummary("Stand-up");
        String seriesId = master.path("id").asText();
        JsonNode override = eventWithSummary("Stand-up (moved)");
        assertThat(override.path("id").asText()).isEqualTo(seriesId + "_20261208T080000Z");
        assertThat(override.path("start").path("dateTime").asText()).startsWith("2026-12-08T11:00:00");
        JsonNode gone = awaitEvent(e -> (seriesId + "_20261215T080000Z").equals(e.path("id").asText()));
        assertThat(gone.path("status").asText()).isEqualTo("cancelled");

        // the moved occurrence disappears from the feed: it is back on the series' pattern
        send(ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant).uid("su@x")
                .recurrenceId(second).version(4L).changeType(ChangeType.DELETE).event(null).contentHash(null).build());
        JsonNode restored = awaitEvent(e -> (seriesId + "_20261208T080000Z").equals(e.path("id").asText())
                && "Stand-up".equals(e.path("summary").asText()));
        assertThat(restored.path("start").path("dateTime").asText()).startsWith("2026-12-08T09:00:00");
        assertThat(restored.path("status").asText()).isEqualTo("confirmed");
    }

    @Test
    void aSeriesMovedByAnHourKeepsItsOverridesRight() throws Exception {
        NormalizedEvent at9 = weekly(9);
        EventTime slot9 = new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 9, 0), "Europe/Berlin");
        EventTime slot10 = new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 10, 0), "Europe/Berlin");
        NormalizedEvent moved = new NormalizedEvent("Stand-up (moved)", null, null, null,
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 14, 0), "Europe/Berlin"),
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 14, 15), "Europe/Berlin"), List.of(), null, null, null, null,
                null);
        send(upsert("mv@x", 1, at9), override("mv@x", slot9, 2, moved));
        String seriesId = eventWithSummary("Stand-up").path("id").asText();
        eventWithSummary("Stand-up (moved)");

        // the feed moves the series to 10:00; its exception now names the 10:00 slot, the 9:00 one is gone
        send(upsert("mv@x", 3, weekly(10)),
                ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant).uid("mv@x")
                        .recurrenceId(slot9).version(4L).changeType(ChangeType.DELETE).event(null).contentHash(null).build(),
                override("mv@x", slot10, 5, moved));
        awaitEvent(e -> (seriesId + "_20261208T090000Z").equals(e.path("id").asText())
                && "Stand-up (moved)".equals(e.path("summary").asText()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(liveEvents())
                .extracting(e -> e.path("id").asText())
                .containsExactlyInAnyOrder(seriesId, seriesId + "_20261208T090000Z"));
        JsonNode master = eventWithSummary("Stand-up");
        assertThat(master.path("start").path("dateTime").asText()).startsWith("2026-12-01T10:00:00");
    }

    private static NormalizedEvent weekly(int hour) {
        return new NormalizedEvent("Stand-up", null, null, null,
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 1, hour, 0), "Europe/Berlin"),
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 1, hour, 15), "Europe/Berlin"),
                List.of("RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=6"), null, null, null, null, null);
    }

    private EventChanged override(String uid, EventTime recurrenceId, long version, NormalizedEvent event) {
        return ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant).uid(uid)
                .recurrenceId(recurrenceId).version(version).event(event).contentHash("o-" + event.hashCode()).build();
    }

    @Test
    void anOverrideWhoseSeriesNeverComesIsRetriedThenReportedAndTheNextEventsFlow() throws Exception {
        EventChanged orphan = override("never@x", new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 9, 0), "Europe/Berlin"), 1,
                single("Orphan", null));
        send(orphan, upsert("after@x", 2, single("After", null)));
        eventWithSummary("After");
        dev.calsync.testsupport.TopicRecords.awaitFirst(kafka, dev.calsync.contracts.Topics.EVENT_CHANGED_DLQ,
                r -> subscriber.equals(r.key()), Duration.ofSeconds(30));
        assertThat(liveEvents()).extracting(e -> e.path("summary").asText()).containsExactly("After");
    }

    @Test
    void aConsumerStoppedMidStreamConvergesWithoutDuplicates(
            @org.springframework.boot.test.web.server.LocalManagementPort int managementPort) throws Exception {
        java.util.List<EventChanged> changes = new java.util.ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            changes.add(upsert("m" + i + "@x", i, single("Event " + i, null)));
        }
        send(changes.subList(0, 8).toArray(EventChanged[]::new));
        awaitEvent(e -> "Event 1".equals(e.path("summary").asText()));
        ManagementPort.setBindingState(managementPort, "eventChanges-in-0", "STOPPED");
        send(changes.subList(8, 15).toArray(EventChanged[]::new));
        send(changes.subList(0, 8).toArray(EventChanged[]::new)); // redelivered, as after a crash before the commit
        ManagementPort.setBindingState(managementPort, "eventChanges-in-0", "STARTED");
        await().atMost(Duration.ofSeconds(60)).until(() -> liveEvents().size() >= 15);
        // every record sent, the redelivered ones included, has been processed: a duplicate would show now
        dev.calsync.testsupport.TopicRecords.awaitConsumed(kafka, "calendar-writer-service", dev.calsync.contracts.Topics.EVENT_CHANGED,
                Duration.ofSeconds(60));
        assertThat(liveEvents()).extracting(e -> e.path("summary").asText()).doesNotHaveDuplicates().hasSize(15);
        assertThat(calls().get("events.insert")).isEqualTo(15L);
    }

    @Test
    void remindersThePersonSetSurviveUnlessTheFeedDefinesSome() throws Exception {
        send(upsert("r@x", 1, single("Call", null)));
        String id = eventWithSummary("Call").path("id").asText();
        String calendarId = feedCalendar(subscriber, feed).orElseThrow().path("id").asText();
        String token = admin("POST", "/emulator/admin/grants", "{\"account\":\"" + ALICE + "\"}").path("access_token").asText();
        new com.google.api.services.calendar.Calendar.Builder(new com.google.api.client.http.javanet.NetHttpTransport(),
                com.google.api.client.json.gson.GsonFactory.getDefaultInstance(),
                request -> request.getHeaders().setAuthorization("Bearer " + token))
                .setRootUrl(emulator().baseUrl() + "/").setApplicationName("alice").build()
                .events().patch(calendarId, id, new com.google.api.services.calendar.model.Event().setReminders(
                        new com.google.api.services.calendar.model.Event.Reminders().setUseDefault(false).setOverrides(List.of(
                                new com.google.api.services.calendar.model.EventReminder().setMethod("popup").setMinutes(30)))))
                .execute();

        send(upsert("r@x", 2, single("Call (new title)", null)));
        JsonNode kept = eventWithSummary("Call (new title)");
        assertThat(kept.path("reminders").path("overrides").get(0).path("minutes").asInt()).isEqualTo(30);

        send(upsert("r@x", 3, new NormalizedEvent("Call (feed reminder)", null, null, null, START, END, List.of(), null, null,
                null, null, new dev.calsync.contracts.event.Reminders(List.of(new dev.calsync.contracts.event.Reminder(
                        dev.calsync.contracts.event.ReminderMethod.EMAIL, 60))))));
        JsonNode fromFeed = eventWithSummary("Call (feed reminder)");
        assertThat(fromFeed.path("reminders").path("overrides")).hasSize(1);
        assertThat(fromFeed.path("reminders").path("overrides").get(0).path("minutes").asInt()).isEqualTo(60);
    }

    @Test
    void invalidEventGoesToTheDeadLetterTopicAndTheNextOneFlows() throws Exception {
        send(upsert("first@x", 1, single("First", null)));
        eventWithSummary("First");
        fault(Map.of("endpoint", "events.insert", "status", 400, "times", 1));
        EventChanged invalid = upsert("bad@x", 2, single("Bad", null));
        send(invalid, upsert("next@x", 3, single("Next", null)));
        eventWithSummary("Next");
        dev.calsync.testsupport.TopicRecords.awaitFirst(kafka, dev.calsync.contracts.Topics.EVENT_CHANGED_DLQ, r -> subscriber.equals(r.key()),
                Duration.ofSeconds(30));
        assertThat(liveEvents()).extracting(e -> e.path("summary").asText()).containsExactlyInAnyOrder("First", "Next");
    }

    /**
     * After a disconnect and a reconnect (a new grant), feed-ingest's resync re-sends every event of the feed with
     * a newer version and the same content: nothing is written, not even the cancelled occurrence Google already
     * holds as cancelled (a delete would only answer 410) or the cancelled single event.
     */
    @Test
    void aResyncAfterAReconnectCostsNothingCancelledInstancesAndOverridesIncluded() throws Exception {
        EventTime second = new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 9, 0), "Europe/Berlin");
        EventTime third = new EventTime.Zoned(LocalDateTime.of(2026, 12, 15, 9, 0), "Europe/Berlin");
        NormalizedEvent moved = new NormalizedEvent("Stand-up (moved)", null, null, null,
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 11, 0), "Europe/Berlin"),
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 11, 15), "Europe/Berlin"), List.of(), null, null, null, null, null);
        NormalizedEvent cancelledOccurrence = new NormalizedEvent("Stand-up", null, null, null, third,
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 15, 9, 15), "Europe/Berlin"), List.of(),
                EventStatus.CANCELLED, null, null, null, null);
        NormalizedEvent cancelledSingle = new NormalizedEvent("Called off", null, null, null, START, END, List.of(),
                EventStatus.CANCELLED, null, null, null, null);
        List<EventChanged> feedNow = List.of(upsert("su@x", 1, weekly(9)), override("su@x", second, 2, moved),
                override("su@x", third, 3, cancelledOccurrence), upsert("one@x", 4, single("One-off", null)),
                upsert("off@x", 5, cancelledSingle));
        send(feedNow.toArray(EventChanged[]::new));
        eventWithSummary("One-off");
        awaitEvent(e -> e.path("id").asText().endsWith("_20261215T080000Z") && "cancelled".equals(e.path("status").asText()));
        writeStatuses(feedNow.size());
        clearCalls();

        java.util.UUID reconnected = java.util.UUID.randomUUID();
        List<EventChanged> resync = new java.util.ArrayList<>();
        for (EventChanged change : feedNow) {
            resync.add(new EventChanged(change.subscriberId(), change.feedId(), change.feedDisplayName(), reconnected, change.uid(),
                    change.recurrenceId(), change.changeType(), change.version() + 100, change.contentHash(), true,
                    change.event(), change.occurredAt()).inRun(101, feedNow.size()));
        }
        send(resync.toArray(EventChanged[]::new));

        List<SyncStatus> statuses = writeStatuses(6);
        assertThat(statuses.get(5).counts()).as("the resync's run: every event skipped").isEqualTo(new SyncCounts(0, 0, 0, 5, 0));
        assertThat(calls()).as("Google calls of the resync").isEmpty();
    }
}
