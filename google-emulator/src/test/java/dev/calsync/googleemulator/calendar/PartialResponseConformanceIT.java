package dev.calsync.googleemulator.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code fields} parameter ("Partial response" in the Calendar performance guide) on Calendar methods,
 * through Google's Java client's {@code setFields}.
 */
class PartialResponseConformanceIT extends CalendarConformanceSupport {

    private String calendarId;

    @BeforeEach
    void createCalendar() throws IOException {
        calendarId = newCalendar(calendar, "partial");
    }

    // Partial response — items(a,b) selects inside every item; a top-level name keeps that field
    @Test
    void aListingKeepsOnlyTheSelectedFields() throws IOException {
        Event kept = calendar.events().insert(calendarId, TestEvents.meeting("Maths")).execute();

        Events page = calendar.events().list(calendarId).setFields("items(id,status),nextSyncToken").execute();

        assertThat(page.getNextSyncToken()).isNotBlank();
        assertThat(page.getKind()).isNull();
        assertThat(page.getSummary()).isNull();
        assertThat(page.getItems()).extracting(Event::getId, Event::getStatus, Event::getSummary, Event::getStart)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(kept.getId(), "confirmed", null, null));
    }

    // Partial response — a/b selects a field inside an object
    @Test
    void aGetKeepsOnlyTheSelectedFieldsOfTheEvent() throws IOException {
        Event inserted = calendar.events().insert(calendarId, TestEvents.meeting("Maths")).execute();

        Event partial = calendar.events().get(calendarId, inserted.getId()).setFields("summary,start/dateTime").execute();

        assertThat(partial.getSummary()).isEqualTo("Maths");
        assertThat(partial.getStart().getDateTime()).isEqualTo(inserted.getStart().getDateTime());
        assertThat(partial.getStart().getTimeZone()).isNull();
        assertThat(partial.getId()).isNull();
        assertThat(partial.getEtag()).isNull();
    }

    // Partial response — "use this parameter with any request that returns response data": writes too
    @Test
    void aWriteAnswersWithTheSelectionAndStoresTheWholeEvent() throws IOException {
        Event inserted = calendar.events().insert(calendarId, TestEvents.meeting("Maths")).setFields("id").execute();

        assertThat(inserted.getId()).isNotBlank();
        assertThat(inserted.getSummary()).isNull();
        assertThat(calendar.events().get(calendarId, inserted.getId()).execute().getSummary()).isEqualTo("Maths");
    }

    // A malformed selection is Google's 400 invalidParameter at parameter fields, and the call does not run
    @Test
    void aMalformedSelectionIsRefusedBeforeTheCallRuns() throws IOException {
        GoogleJsonResponseException error = googleError(() ->
                calendar.events().insert(calendarId, TestEvents.meeting("Maths")).setFields("items(id").execute());

        assertGoogleError(error, 400, "invalidParameter");
        assertThat(message(error)).isEqualTo("Invalid field selection items(id");
        assertThat(error.getDetails().getErrors().get(0).getLocation()).isEqualTo("fields");
        assertThat(calendar.events().list(calendarId).execute().getItems()).isEmpty();
    }

    // google-api-dotnet-client #1444 — a name the resource does not have: 400 "Invalid field selection pagetoken"
    @Test
    void aNameTheResourceDoesNotHaveIsRefused() throws IOException {
        GoogleJsonResponseException error = googleError(() ->
                calendar.calendarList().list().setFields("pagetoken,items(id)").execute());

        assertGoogleError(error, 400, "invalidParameter");
        assertThat(message(error)).isEqualTo("Invalid field selection pagetoken");
        assertThat(calendar.calendarList().list().setFields("nextPageToken,items(id)").execute().getItems()).isNotEmpty();
    }

    // every answer with a body has its names checked: colors.get and calendarList's writes too
    @Test
    void theColoursAndCalendarListWritesCheckTheirNames() throws IOException {
        assertThat(message(googleError(() -> calendar.colors().get().setFields("kind,colours").execute())))
                .isEqualTo("Invalid field selection colours");
        assertThat(message(googleError(() -> calendar.calendarList().patch(calendarId, new CalendarListEntry().setColorId("5"))
                .setFields("colour").execute()))).isEqualTo("Invalid field selection colour");

        assertThat(calendar.colors().get().setFields("calendar/1/background").execute().getCalendar().get("1").getBackground())
                .isNotBlank();
        assertThat(calendar.calendarList().patch(calendarId, new CalendarListEntry().setColorId("5")).setFields("colorId")
                .execute().getColorId()).isEqualTo("5");
    }

    // Errors, 204 and 304 are not JSON resources: they pass untouched
    @Test
    void errorsAndAnswersWithoutABodyPassUntouched() throws IOException {
        Event inserted = calendar.events().insert(calendarId, TestEvents.meeting("Maths")).execute();

        var conditionalGet = calendar.events().get(calendarId, inserted.getId()).setFields("id");
        conditionalGet.setRequestHeaders(new HttpHeaders().setIfNoneMatch(inserted.getEtag()));
        assertThat(googleError(conditionalGet::execute).getStatusCode()).isEqualTo(304);
        assertGoogleError(googleError(() -> calendar.events().get(calendarId, "abcdef0123").setFields("id").execute()),
                404, "notFound");
        calendar.events().delete(calendarId, inserted.getId()).setFields("id").execute();
        assertThat(calendar.events().get(calendarId, inserted.getId()).execute().getStatus()).isEqualTo("cancelled");
    }

    // Every Calendar method takes fields: calendars and calendarList too
    @Test
    void calendarsAndTheCalendarListTakeASelection() throws IOException {
        com.google.api.services.calendar.model.Calendar partial = calendar.calendars().get(calendarId).setFields("summary").execute();
        assertThat(partial.getSummary()).isEqualTo("partial");
        assertThat(partial.getId()).isNull();

        List<CalendarListEntry> entries = calendar.calendarList().list().setFields("items/id").execute().getItems();
        assertThat(entries).extracting(CalendarListEntry::getId).contains(calendarId);
        assertThat(entries).extracting(CalendarListEntry::getSummary).containsOnlyNulls();
    }

    // Send batch requests — each part is its own request, its fields apply to its own answer
    @Test
    void aBatchPartKeepsItsOwnSelection() throws IOException {
        Event inserted = calendar.events().insert(calendarId, TestEvents.meeting("Maths")).execute();
        List<Event> answers = new ArrayList<>();
        BatchRequest batch = calendar.batch();
        JsonBatchCallback<Event> collect = new JsonBatchCallback<>() {
            @Override
            public void onSuccess(Event event, HttpHeaders headers) {
                answers.add(event);
            }

            @Override
            public void onFailure(GoogleJsonError error, HttpHeaders headers) {
                throw new AssertionError(error.getMessage());
            }
        };
        calendar.events().get(calendarId, inserted.getId()).setFields("id").queue(batch, collect);
        calendar.events().get(calendarId, inserted.getId()).queue(batch, collect);

        batch.execute();

        assertThat(answers).extracting(Event::getId, Event::getSummary).containsExactly(
                org.assertj.core.groups.Tuple.tuple(inserted.getId(), null),
                org.assertj.core.groups.Tuple.tuple(inserted.getId(), "Maths"));
    }
}
