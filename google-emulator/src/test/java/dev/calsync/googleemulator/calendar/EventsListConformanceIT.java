package dev.calsync.googleemulator.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** events.list through Google's Java client (Calendar API reference: Events: list; GOOGLE.md §4). */
class EventsListConformanceIT extends CalendarConformanceSupport {

    private String calendarId;

    @BeforeEach
    void createCalendar() throws IOException {
        calendarId = newCalendar(calendar, "listing");
    }

    private Event insert(Event event) throws IOException {
        return calendar.events().insert(calendarId, event).execute();
    }

    private static Event withPrivate(Event event, Map<String, String> properties) {
        return event.setExtendedProperties(new Event.ExtendedProperties().setPrivate(properties));
    }

    // Events: list — privateExtendedProperty is repeatable and the constraints are AND-ed
    @Test
    void privateExtendedPropertyFiltersAreAnded() throws IOException {
        Event both = insert(withPrivate(TestEvents.meeting("both"), Map.of("feed", "f1", "kind", "exam")));
        insert(withPrivate(TestEvents.meeting("feed only"), Map.of("feed", "f1", "kind", "lecture")));
        insert(withPrivate(TestEvents.meeting("other feed"), Map.of("feed", "f2", "kind", "exam")));
        insert(TestEvents.meeting("no properties"));

        Events feedOne = calendar.events().list(calendarId).setPrivateExtendedProperty(List.of("feed=f1")).execute();
        Events feedOneExams = calendar.events().list(calendarId)
                .setPrivateExtendedProperty(List.of("feed=f1", "kind=exam")).execute();

        assertThat(feedOne.getItems()).extracting(Event::getSummary).containsExactlyInAnyOrder("both", "feed only");
        assertThat(feedOneExams.getItems()).extracting(Event::getId).containsExactly(both.getId());
    }

    // Events: list — sharedExtendedProperty filters shared properties, not private ones
    @Test
    void sharedExtendedPropertyFiltersSharedProperties() throws IOException {
        insert(TestEvents.meeting("shared").setExtendedProperties(new Event.ExtendedProperties().setShared(Map.of("team", "a"))));
        insert(withPrivate(TestEvents.meeting("private"), Map.of("team", "a")));

        assertThat(calendar.events().list(calendarId).setSharedExtendedProperty(List.of("team=a")).execute().getItems())
                .extracting(Event::getSummary).containsExactly("shared");
    }

    // Events: list — maxResults and pageToken; a listing ends when nextPageToken is missing
    @Test
    void pagingVisitsEveryEventOnce() throws IOException {
        List<String> inserted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inserted.add(insert(TestEvents.meeting("event " + i)).getId());
        }
        List<String> seen = new ArrayList<>();
        String pageToken = null;
        do {
            Events page = calendar.events().list(calendarId).setMaxResults(2).setPageToken(pageToken).execute();
            assertThat(page.getKind()).isEqualTo("calendar#events");
            assertThat(page.getItems()).hasSizeLessThanOrEqualTo(2);
            page.getItems().forEach(event -> seen.add(event.getId()));
            pageToken = page.getNextPageToken();
        } while (pageToken != null);

        assertThat(seen).containsExactlyElementsOf(inserted);
    }

    // Events: list — showDeleted (default false) hides tombstones
    @Test
    void deletedEventsShowOnlyWithShowDeleted() throws IOException {
        Event kept = insert(TestEvents.meeting("kept"));
        Event deleted = insert(TestEvents.meeting("deleted"));
        calendar.events().delete(calendarId, deleted.getId()).execute();

        assertThat(calendar.events().list(calendarId).execute().getItems()).extracting(Event::getId)
                .containsExactly(kept.getId());
        assertThat(calendar.events().list(calendarId).setShowDeleted(true).execute().getItems())
                .extracting(Event::getId, Event::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(kept.getId(), "confirmed"),
                        org.assertj.core.groups.Tuple.tuple(deleted.getId(), "cancelled"));
    }

    // GOOGLE.md §4 ⚠️ "deleted items may carry only id": a listed tombstone shows kind, etag, id and status; a cancelled
    // instance adds recurringEventId and originalStartTime. Filters see what is shown, so the tombstone's private
    // tags no longer find it
    @Test
    void cancelledEventsAndInstancesAreListedWithOnlyWhatGoogleGuarantees() throws IOException {
        Event.ExtendedProperties tags = new Event.ExtendedProperties().setPrivate(Map.of("feed", "f1"));
        Event kept = insert(TestEvents.meeting("kept").setExtendedProperties(tags));
        Event deleted = insert(TestEvents.meeting("deleted").setExtendedProperties(tags));
        calendar.events().delete(calendarId, deleted.getId()).execute();
        Event series = insert(TestEvents.series("stand-up", "2025-03-03T09:00:00", "2025-03-03T09:15:00", "Europe/Berlin",
                "RRULE:FREQ=DAILY;COUNT=3").setExtendedProperties(tags));
        String secondDay = series.getId() + "_20250304T080000Z";
        calendar.events().delete(calendarId, secondDay).execute();

        List<Event> listed = calendar.events().list(calendarId).setShowDeleted(true).execute().getItems();

        Event tombstone = listed.stream().filter(e -> e.getId().equals(deleted.getId())).findFirst().orElseThrow();
        assertThat(tombstone.keySet()).containsExactlyInAnyOrder("kind", "etag", "id", "status");
        assertThat(tombstone.getStatus()).isEqualTo("cancelled");
        Event cancelledInstance = listed.stream().filter(e -> e.getId().equals(secondDay)).findFirst().orElseThrow();
        assertThat(cancelledInstance.keySet())
                .containsExactlyInAnyOrder("kind", "etag", "id", "status", "recurringEventId", "originalStartTime");
        assertThat(cancelledInstance.getRecurringEventId()).isEqualTo(series.getId());
        assertThat(cancelledInstance.getOriginalStartTime().getDateTime().getValue())
                .isEqualTo(new DateTime("2025-03-04T08:00:00Z").getValue());
        assertThat(calendar.events().get(calendarId, secondDay).execute().keySet())
                .containsExactlyInAnyOrder("kind", "etag", "id", "status", "recurringEventId", "originalStartTime");

        assertThat(calendar.events().list(calendarId).setShowDeleted(true).setPrivateExtendedProperty(List.of("feed=f1"))
                .execute().getItems()).extracting(Event::getId).containsExactlyInAnyOrder(kept.getId(), series.getId());
    }

    // Events resource, status: a cancelled exception of a live series is a removed occurrence, restored by patching it
    // back; once the series is deleted its instances are tombstones like any deleted event (refused by default)
    @Test
    void aCancelledOccurrenceOfALiveSeriesCanBeRestoredButNotOneOfADeletedSeries() throws IOException {
        Event series = insert(TestEvents.series("stand-up", "2025-03-03T09:00:00", "2025-03-03T09:15:00", "Europe/Berlin",
                "RRULE:FREQ=DAILY;COUNT=3"));
        String secondDay = series.getId() + "_20250304T080000Z";
        calendar.events().delete(calendarId, secondDay).execute();

        Event restored = calendar.events().patch(calendarId, secondDay, new Event().setStatus("confirmed")).execute();

        assertThat(restored.getStatus()).isEqualTo("confirmed");
        assertThat(calendar.events().instances(calendarId, series.getId()).execute().getItems()).hasSize(3);

        calendar.events().delete(calendarId, series.getId()).execute();
        assertGoogleError(googleError(() -> calendar.events().patch(calendarId, secondDay,
                new Event().setStatus("confirmed")).execute()), 403, "forbidden");
    }

    // Events: list — iCalUID selects the event with that iCalendar UID
    @Test
    void iCalUidSelectsOneEvent() throws IOException {
        insert(TestEvents.meeting("from feed").setICalUID("uid-42@school.example"));
        insert(TestEvents.meeting("other"));

        assertThat(calendar.events().list(calendarId).setICalUID("uid-42@school.example").execute().getItems())
                .extracting(Event::getSummary).containsExactly("from feed");
    }

    // Events: list — timeMax cuts events starting at or after it, timeMin those ending at or before it
    @Test
    void timeMinAndTimeMaxSelectOverlappingEvents() throws IOException {
        insert(TestEvents.meeting("before", "2025-03-20T08:00:00Z", "2025-03-20T09:00:00Z"));
        insert(TestEvents.meeting("overlapping", "2025-03-20T09:30:00Z", "2025-03-20T10:30:00Z"));
        insert(TestEvents.meeting("after", "2025-03-20T11:00:00Z", "2025-03-20T12:00:00Z"));

        Events window = calendar.events().list(calendarId)
                .setTimeMin(new DateTime("2025-03-20T09:00:00Z")).setTimeMax(new DateTime("2025-03-20T11:00:00Z")).execute();

        assertThat(window.getItems()).extracting(Event::getSummary).containsExactly("overlapping");
    }

    // GOOGLE.md §1 — an empty range is 400 timeRangeEmpty at parameter timeMax
    @Test
    void anEmptyTimeRangeIsRefused() {
        GoogleJsonResponseException error = googleError(() -> calendar.events().list(calendarId)
                .setTimeMin(new DateTime("2025-03-20T11:00:00Z")).setTimeMax(new DateTime("2025-03-20T09:00:00Z")).execute());
        assertGoogleError(error, 400, "timeRangeEmpty");
        assertThat(error.getDetails().getErrors().get(0).getLocation()).isEqualTo("timeMax");
    }

    // Events: list — orderBy=startTime needs singleEvents=true (java-samples #52 for the error)
    @Test
    void orderByStartTimeNeedsSingleEvents() throws IOException {
        insert(TestEvents.meeting("second", "2025-03-21T09:00:00Z", "2025-03-21T10:00:00Z"));
        insert(TestEvents.meeting("first", "2025-03-20T09:00:00Z", "2025-03-20T10:00:00Z"));

        GoogleJsonResponseException error = googleError(() -> calendar.events().list(calendarId).setOrderBy("startTime").execute());
        assertGoogleError(error, 400, "invalid");
        assertThat(message(error)).isEqualTo("The requested ordering is not available for the particular query.");

        assertThat(calendar.events().list(calendarId).setSingleEvents(true).setOrderBy("startTime").execute().getItems())
                .extracting(Event::getSummary).containsExactly("first", "second");
    }

    // Events: list — updatedMin keeps events changed since; GOOGLE.md §4 ⚠️ [E: 30 d] older gives 410
    @Test
    void updatedMinSelectsRecentChangesAndRefusesAncientOnes() throws IOException {
        insert(TestEvents.meeting("old"));
        google.clock().advance(Duration.ofMinutes(1));
        Instant cut = google.clock().instant();
        google.clock().advance(Duration.ofMinutes(1));
        insert(TestEvents.meeting("new"));

        assertThat(calendar.events().list(calendarId).setUpdatedMin(new DateTime(cut.toEpochMilli())).execute().getItems())
                .extracting(Event::getSummary).containsExactly("new");
        assertGoogleError(googleError(() -> calendar.events().list(calendarId)
                .setUpdatedMin(new DateTime(cut.minus(Duration.ofDays(31)).toEpochMilli())).execute()), 410, "updatedMinTooLongAgo");
    }

    // Events: list — updatedMin: "entries deleted since this time will always be included regardless of showDeleted"
    @Test
    void updatedMinIncludesEventsDeletedSinceWithoutShowDeleted() throws IOException {
        Event deletedBefore = insert(TestEvents.meeting("deleted before"));
        calendar.events().delete(calendarId, deletedBefore.getId()).execute();
        Event deletedAfter = insert(TestEvents.meeting("deleted after"));
        google.clock().advance(Duration.ofMinutes(1));
        Instant cut = google.clock().instant();
        google.clock().advance(Duration.ofMinutes(1));
        calendar.events().delete(calendarId, deletedAfter.getId()).execute();
        Event added = insert(TestEvents.meeting("added"));

        assertThat(calendar.events().list(calendarId).setUpdatedMin(new DateTime(cut.toEpochMilli())).execute().getItems())
                .extracting(Event::getId, Event::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(deletedAfter.getId(), "cancelled"),
                        org.assertj.core.groups.Tuple.tuple(added.getId(), "confirmed"));
    }

    // Events: list — singleEvents=true expands a series into its instances
    @Test
    void singleEventsExpandsSeries() throws IOException {
        Event series = insert(TestEvents.series("weekly", "2025-03-20T09:00:00", "2025-03-20T10:00:00", "UTC",
                "RRULE:FREQ=WEEKLY;COUNT=3"));
        Event single = insert(TestEvents.meeting("single", "2025-03-22T09:00:00Z", "2025-03-22T10:00:00Z"));

        assertThat(calendar.events().list(calendarId).execute().getItems()).extracting(Event::getSummary)
                .containsExactly("weekly", "single");
        assertThat(calendar.events().list(calendarId).setSingleEvents(true).setOrderBy("startTime").execute().getItems())
                .extracting(Event::getId)
                .containsExactly(series.getId() + "_20250320T090000Z", single.getId(),
                        series.getId() + "_20250327T090000Z", series.getId() + "_20250403T090000Z");
    }
}
