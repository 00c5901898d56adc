package dev.calsync.googleemulator.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calendars and calendarList through Google's Java client. */
class CalendarsConformanceIT extends CalendarConformanceSupport {

    // Calendar API reference: Calendars: insert — the creator owns the new calendar and gets a calendarList entry
    @Test
    void anInsertedCalendarIsOwnedByItsCreatorAndAppearsInTheCalendarList() throws IOException {
        var created = calendar.calendars().insert(new com.google.api.services.calendar.model.Calendar()
                .setSummary("calsync: school").setDescription("from feeds").setTimeZone("Europe/Berlin")).execute();

        assertThat(created.getKind()).isEqualTo("calendar#calendar");
        assertThat(created.getId()).endsWith("@group.calendar.google.com");
        assertThat(created.getEtag()).matches("\"\\d+\"");
        assertThat(created.getTimeZone()).isEqualTo("Europe/Berlin");
        CalendarListEntry entry = calendar.calendarList().list().execute().getItems().stream()
                .filter(item -> item.getId().equals(created.getId())).findFirst().orElseThrow();
        assertThat(entry.getAccessRole()).isEqualTo("owner");
        assertThat(entry.getSummary()).isEqualTo("calsync: school");
        assertThat(entry.getDescription()).isEqualTo("from feeds");
        assertThat(entry.getTimeZone()).isEqualTo("Europe/Berlin");
        assertThat(calendar.calendars().get(created.getId()).execute().getSummary()).isEqualTo("calsync: school");
    }

    // Calendar API reference: Calendars: insert — summary is required ("Missing title.", GOOGLE.md §7)
    @Test
    void aCalendarWithoutSummaryIsRefused() {
        // the client checks summary itself unless told not to; the server's answer is what is pinned here
        Calendar unchecked = new Calendar.Builder(new com.google.api.client.http.javanet.NetHttpTransport(),
                com.google.api.client.json.gson.GsonFactory.getDefaultInstance(), calendar.getRequestFactory().getInitializer())
                .setRootUrl(baseUrl() + "/").setApplicationName("calsync-test").setSuppressRequiredParameterChecks(true).build();
        var error = googleError(() -> unchecked.calendars().insert(new com.google.api.services.calendar.model.Calendar()
                .setDescription("no title")).execute());
        assertGoogleError(error, 400, "required");
    }

    // Calendar API reference: Calendars: delete — a deleted secondary calendar is gone (404), with its events
    @Test
    void aDeletedCalendarIsNotFoundAnymore() throws IOException {
        String id = newCalendar(calendar, "to delete");
        calendar.events().insert(id, TestEvents.meeting("inside")).execute();

        calendar.calendars().delete(id).execute();

        assertGoogleError(googleError(() -> calendar.calendars().get(id).execute()), 404, "notFound");
        assertGoogleError(googleError(() -> calendar.events().list(id).execute()), 404, "notFound");
        assertThat(calendar.calendarList().list().execute().getItems()).extracting(CalendarListEntry::getId).doesNotContain(id);
        assertThat(calendar.calendarList().list().setShowDeleted(true).execute().getItems())
                .filteredOn(entry -> entry.getId().equals(id)).singleElement()
                .satisfies(entry -> assertThat(entry.getDeleted()).isTrue());
    }

    // Calendar API reference: Calendars: patch / update — changes show and the etag moves
    @Test
    void patchingACalendarChangesOnlyTheSentFieldsAndItsEtag() throws IOException {
        String id = newCalendar(calendar, "before");
        String etag = calendar.calendars().get(id).execute().getEtag();

        var patched = calendar.calendars().patch(id, new com.google.api.services.calendar.model.Calendar()
                .setSummary("after")).execute();

        assertThat(patched.getSummary()).isEqualTo("after");
        assertThat(patched.getTimeZone()).isEqualTo("Europe/Berlin");
        assertThat(patched.getEtag()).isNotEqualTo(etag);
    }

    // GOOGLE.md §7 [E]: a calendar.app.created caller sees only calendars its own OAuth client created
    @Test
    void anAppCreatedCallerCannotSeeACalendarAnotherClientCreated() throws IOException {
        Calendar otherApp = calendarClient( accessToken(http, alice(), desktopClient().clientId(), List.of(CALENDAR_SCOPE)));
        String foreign = newCalendar(otherApp, "created by the desktop app");
        String own = newCalendar(calendar, "created by calsync");

        assertGoogleError(googleError(() -> calendar.calendars().get(foreign).execute()), 404, "notFound");
        assertGoogleError(googleError(() -> calendar.events().insert(foreign, TestEvents.meeting("x")).execute()), 404, "notFound");
        assertGoogleError(googleError(() -> calendar.calendars().get("primary").execute()), 404, "notFound");
        assertThat(calendar.calendarList().list().execute().getItems()).extracting(CalendarListEntry::getId)
                .containsExactly(own);

        // the same account with the full calendar scope sees everything
        Calendar fullAccess = calendarClient( accessToken(http, alice(), null, List.of(FULL_CALENDAR_SCOPE)));
        assertThat(fullAccess.calendars().get(foreign).execute().getSummary()).isEqualTo("created by the desktop app");
    }

    // Calendar API reference: Calendars — "primary" is the account's own calendar, whose id is its email
    @Test
    void primaryIsTheAccountsOwnCalendar() throws IOException {
        Calendar fullAccess = calendarClient( accessToken(http, alice(), null, List.of(FULL_CALENDAR_SCOPE)));

        assertThat(fullAccess.calendars().get("primary").execute().getId()).isEqualTo(alice().email());
        assertThat(fullAccess.calendarList().list().execute().getItems())
                .filteredOn(entry -> Boolean.TRUE.equals(entry.getPrimary())).singleElement()
                .satisfies(entry -> assertThat(entry.getId()).isEqualTo(alice().email()));
        var event = fullAccess.events().insert("primary", TestEvents.meeting("on primary")).execute();
        assertThat(event.getOrganizer().getEmail()).isEqualTo(alice().email());
    }

    // Calendar API reference: Calendars: get — another account's calendar is not found (no sharing)
    @Test
    void anotherAccountCannotReachTheCalendar() throws IOException {
        String id = newCalendar(calendar, "alice's");
        Calendar bobsClient = calendarClient( accessToken(bob()));

        assertGoogleError(googleError(() -> bobsClient.calendars().get(id).execute()), 404, "notFound");
        assertGoogleError(googleError(() -> bobsClient.events().list(id).execute()), 404, "notFound");
    }

    // Calendar API reference: CalendarList: list — maxResults and pageToken page through every entry once
    @Test
    void theCalendarListPagesThroughEveryCalendarOnce() throws IOException {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(newCalendar(calendar, "calendar " + i));
        }
        List<String> seen = new ArrayList<>();
        String pageToken = null;
        int pages = 0;
        do {
            CalendarList page = calendar.calendarList().list().setMaxResults(2).setPageToken(pageToken).execute();
            assertThat(page.getItems()).hasSizeLessThanOrEqualTo(2);
            page.getItems().forEach(entry -> seen.add(entry.getId()));
            pageToken = page.getNextPageToken();
            pages++;
        } while (pageToken != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);
    }
}
