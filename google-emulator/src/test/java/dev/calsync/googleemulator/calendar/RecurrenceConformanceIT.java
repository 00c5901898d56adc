package dev.calsync.googleemulator.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.Events;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Series, instances and overrides (Calendar API reference: Events: instances; guide "Recurring events"; GOOGLE.md §5). */
class RecurrenceConformanceIT extends CalendarConformanceSupport {

    private static final ZoneId BERLIN = ZoneId.of(TestEvents.BERLIN);

    private String calendarId;

    @BeforeEach
    void createCalendar() throws IOException {
        calendarId = newCalendar(calendar, "series");
    }

    private Event insert(Event event) throws IOException {
        return calendar.events().insert(calendarId, event).execute();
    }

    private List<Event> instances(String seriesId) throws IOException {
        return calendar.events().instances(calendarId, seriesId).execute().getItems();
    }

    // GOOGLE.md §5 — instance ids <seriesId>_<YYYYMMDD>T<HHMMSS>Z, with recurringEventId and originalStartTime
    @Test
    void instancesCarryTheirSeriesAndOriginalStart() throws IOException {
        Event series = insert(TestEvents.series("weekly", "2025-03-20T09:00:00", "2025-03-20T10:00:00", "UTC",
                "RRULE:FREQ=WEEKLY;COUNT=3"));

        List<Event> instances = instances(series.getId());

        assertThat(instances).extracting(Event::getId).containsExactly(series.getId() + "_20250320T090000Z",
                series.getId() + "_20250327T090000Z", series.getId() + "_20250403T090000Z");
        Event second = instances.get(1);
        assertThat(second.getRecurringEventId()).isEqualTo(series.getId());
        assertThat(second.getOriginalStartTime().getDateTime().getValue())
                .isEqualTo(Instant.parse("2025-03-27T09:00:00Z").toEpochMilli());
        assertThat(second.getStart().getDateTime().getValue()).isEqualTo(Instant.parse("2025-03-27T09:00:00Z").toEpochMilli());
        assertThat(second.getEnd().getDateTime().getValue()).isEqualTo(Instant.parse("2025-03-27T10:00:00Z").toEpochMilli());
        assertThat(second.getRecurrence()).isNull();
        assertThat(second.getICalUID()).isEqualTo(series.getICalUID());
        assertThat(calendar.events().get(calendarId, second.getId()).execute().getSummary()).isEqualTo("weekly");
    }

    // GOOGLE.md §5 — a series expands in its timeZone: 09:00 Berlin stays 09:00 local across the DST change
    @Test
    void aBerlinSeriesKeepsItsLocalTimeAcrossTheDaylightSavingChange() throws IOException {
        Event series = insert(TestEvents.series("choir", "2025-03-20T09:00:00", "2025-03-20T10:00:00", TestEvents.BERLIN,
                "RRULE:FREQ=WEEKLY;COUNT=3"));

        List<Event> instances = instances(series.getId());

        // summer time starts 2025-03-30: the UTC start moves from 08:00 to 07:00
        assertThat(instances).extracting(Event::getId).containsExactly(series.getId() + "_20250320T080000Z",
                series.getId() + "_20250327T080000Z", series.getId() + "_20250403T070000Z");
        for (Event instance : instances) {
            Instant start = Instant.ofEpochMilli(instance.getStart().getDateTime().getValue());
            assertThat(start.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            assertThat(instance.getStart().getTimeZone()).isEqualTo(TestEvents.BERLIN);
        }
        assertThat(instances.get(2).getStart().getDateTime().getTimeZoneShift()).isEqualTo(120);
        assertThat(instances.get(0).getStart().getDateTime().getTimeZoneShift()).isEqualTo(60);
    }

    // GOOGLE.md §5 — all-day series instances are <seriesId>_<YYYYMMDD>
    @Test
    void allDayInstancesAreNamedByDate() throws IOException {
        Event series = insert(TestEvents.allDaySeries("bins", LocalDate.of(2025, 3, 20), "RRULE:FREQ=DAILY;COUNT=2"));

        List<Event> instances = instances(series.getId());

        assertThat(instances).extracting(Event::getId).containsExactly(series.getId() + "_20250320", series.getId() + "_20250321");
        assertThat(instances.get(1).getStart().getDate().toStringRfc3339()).isEqualTo("2025-03-21");
        assertThat(instances.get(1).getEnd().getDate().toStringRfc3339()).isEqualTo("2025-03-22");
        assertThat(instances.get(1).getOriginalStartTime().getDate().toStringRfc3339()).isEqualTo("2025-03-21");
    }

    // RFC 5545 via GOOGLE.md §5 — EXDATE removes an occurrence (whatever zone it is written in), RDATE adds one
    @Test
    void exdateRemovesAndRdateAddsOccurrences() throws IOException {
        Event series = insert(TestEvents.series("course", "2025-03-20T09:00:00", "2025-03-20T10:00:00", TestEvents.BERLIN,
                "RRULE:FREQ=WEEKLY;COUNT=3",
                "EXDATE:20250327T080000Z",
                "EXDATE;TZID=Europe/Berlin:20250403T090000",
                "RDATE;TZID=Europe/Berlin:20250329T110000"));

        assertThat(instances(series.getId())).extracting(Event::getId)
                .containsExactly(series.getId() + "_20250320T080000Z", series.getId() + "_20250329T100000Z");
    }

    // GOOGLE.md §5 — a cancelled instance is a deleted occurrence: gone from instances and singleEvents
    @Test
    void deletingAnInstanceHidesThatOccurrence() throws IOException {
        Event series = insert(TestEvents.series("weekly", "2025-03-20T09:00:00", "2025-03-20T10:00:00", "UTC",
                "RRULE:FREQ=WEEKLY;COUNT=3"));
        String secondId = series.getId() + "_20250327T090000Z";

        calendar.events().delete(calendarId, secondId).execute();

        assertThat(instances(series.getId())).extracting(Event::getId)
                .containsExactly(series.getId() + "_20250320T090000Z", series.getId() + "_20250403T090000Z");
        assertThat(calendar.events().list(calendarId).setSingleEvents(true).execute().getItems())
                .extracting(Event::getId).doesNotContain(secondId).hasSize(2);
        assertThat(calendar.events().instances(calendarId, series.getId()).setShowDeleted(true).execute().getItems())
                .filteredOn(instance -> instance.getId().equals(secondId)).singleElement()
                .satisfies(instance -> assertThat(instance.getStatus()).isEqualTo("cancelled"));
        assertGoogleError(googleError(() -> calendar.events().delete(calendarId, secondId).execute()), 410, "deleted");
    }

    // GOOGLE.md §5 — an override patched to status cancelled hides its occurrence too
    @Test
    void cancellingAnOverrideHidesThatOccurrence() throws IOException {
        Event series = insert(TestEvents.series("weekly", "2025-03-20T09:00:00", "2025-03-20T10:00:00", "UTC",
                "RRULE:FREQ=WEEKLY;COUNT=3"));
        String firstId = series.getId() + "_20250320T090000Z";

        calendar.events().patch(calendarId, firstId, new Event().setStatus("cancelled")).execute();

        assertThat(instances(series.getId())).extracting(Event::getId).doesNotContain(firstId).hasSize(2);
    }

    // Guide "Recurring events": modify one instance by updating it by id — the override keeps its origin
    @Test
    void writingToAnInstanceIdCreatesAnOverrideThatKeepsItsOrigin() throws IOException {
        Event series = insert(TestEvents.series("weekly", "2025-03-20T09:00:00", "2025-03-20T10:00:00", "UTC",
                "RRULE:FREQ=WEEKLY;COUNT=3"));
        String secondId = series.getId() + "_20250327T090000Z";
        Event instance = calendar.events().get(calendarId, secondId).execute();

        instance.setSummary("weekly, moved").setStart(new EventDateTime().setDateTime(new DateTime("2025-03-27T14:00:00Z")))
                .setEnd(new EventDateTime().setDateTime(new DateTime("2025-03-27T15:00:00Z")));
        Event override = calendar.events().update(calendarId, secondId, instance).execute();

        assertThat(override.getId()).isEqualTo(secondId);
        assertThat(override.getRecurringEventId()).isEqualTo(series.getId());
        assertThat(override.getOriginalStartTime().getDateTime().getValue())
                .isEqualTo(Instant.parse("2025-03-27T09:00:00Z").toEpochMilli());
        List<Event> instances = instances(series.getId());
        assertThat(instances).extracting(Event::getSummary).containsExactly("weekly", "weekly, moved", "weekly");
        assertThat(instances.get(1).getStart().getDateTime().getValue()).isEqualTo(Instant.parse("2025-03-27T14:00:00Z").toEpochMilli());

        Event patchedAgain = calendar.events().patch(calendarId, secondId, new Event().setDescription("bring notes")).execute();
        assertThat(patchedAgain.getSummary()).isEqualTo("weekly, moved");
        // without singleEvents the list shows the series and its exception
        assertThat(calendar.events().list(calendarId).execute().getItems()).extracting(Event::getId)
                .containsExactly(series.getId(), secondId);
    }

    // Events: instances — timeMin/timeMax/maxResults bound an infinite series, and paging continues it
    @Test
    void anInfiniteSeriesIsBoundedByTheWindow() throws IOException {
        Event series = insert(TestEvents.series("daily", "2025-03-20T09:00:00", "2025-03-20T09:30:00", "UTC",
                "RRULE:FREQ=DAILY"));

        Events window = calendar.events().instances(calendarId, series.getId())
                .setTimeMin(new DateTime("2025-04-01T00:00:00Z")).setTimeMax(new DateTime("2025-04-08T00:00:00Z")).execute();
        assertThat(window.getItems()).hasSize(7);
        assertThat(window.getItems().get(0).getId()).isEqualTo(series.getId() + "_20250401T090000Z");

        List<String> paged = new ArrayList<>();
        String pageToken = null;
        do {
            Events page = calendar.events().instances(calendarId, series.getId()).setMaxResults(4).setPageToken(pageToken)
                    .setTimeMin(new DateTime("2025-04-01T00:00:00Z")).setTimeMax(new DateTime("2025-04-11T00:00:00Z")).execute();
            page.getItems().forEach(instance -> paged.add(instance.getId()));
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        assertThat(paged).hasSize(10).doesNotHaveDuplicates();

        Events unbounded = calendar.events().instances(calendarId, series.getId()).setMaxResults(5).execute();
        assertThat(unbounded.getItems()).hasSize(5);
        assertThat(unbounded.getNextPageToken()).isNotNull();
    }

    // Events: delete — deleting the series cancels every instance, overrides included
    @Test
    void deletingTheSeriesCancelsItsInstancesAndOverrides() throws IOException {
        Event series = insert(TestEvents.series("weekly", "2025-03-20T09:00:00", "2025-03-20T10:00:00", "UTC",
                "RRULE:FREQ=WEEKLY;COUNT=3"));
        String secondId = series.getId() + "_20250327T090000Z";
        calendar.events().patch(calendarId, secondId, new Event().setSummary("special")).execute();

        calendar.events().delete(calendarId, series.getId()).execute();

        assertThat(instances(series.getId())).isEmpty();
        assertThat(calendar.events().list(calendarId).setSingleEvents(true).execute().getItems()).isEmpty();
        assertThat(calendar.events().get(calendarId, secondId).execute().getStatus()).isEqualTo("cancelled");
    }
}
