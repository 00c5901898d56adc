package dev.calsync.googleemulator.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.calendar.model.Event;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The admin inspection of an account's calendars (issue item 5): what tests use to assert "the event
 * is in the calendar exactly once" without spending Calendar calls.
 */
class CalendarInspectionIT extends CalendarConformanceSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode inspect(String email) throws IOException {
        String body = http.get().uri("/emulator/admin/accounts/{email}/calendars", email).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    @Test
    void showsEveryCalendarWithItsEventsTombstonesAndOverrides() throws IOException {
        String calendarId = newCalendar(calendar, "inspected");
        Event kept = calendar.events().insert(calendarId, TestEvents.meeting("kept")).execute();
        Event deleted = calendar.events().insert(calendarId, TestEvents.meeting("deleted")).execute();
        calendar.events().delete(calendarId, deleted.getId()).execute();
        Event series = calendar.events().insert(calendarId, TestEvents.series("weekly", "2025-03-20T09:00:00",
                "2025-03-20T10:00:00", "UTC", "RRULE:FREQ=WEEKLY;COUNT=3")).execute();
        String overrideId = series.getId() + "_20250327T090000Z";
        calendar.events().patch(calendarId, overrideId, new Event().setSummary("special")).execute();
        calendar.events().update(calendarId, kept.getId(), TestEvents.meeting("kept, renamed")).execute();

        JsonNode calendars = inspect(alice().email());

        JsonNode inspected = null;
        for (JsonNode node : calendars) {
            if (node.path("id").asText().equals(calendarId)) {
                inspected = node;
            }
        }
        assertThat(inspected).isNotNull();
        assertThat(inspected.path("createdByClientId").asText()).isEqualTo(webClient().clientId());
        List<String> ids = new ArrayList<>();
        inspected.path("events").forEach(event -> ids.add(event.path("id").asText()));
        assertThat(ids).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(kept.getId(), deleted.getId(), series.getId(), overrideId);
        inspected.path("events").forEach(event -> {
            if (event.path("id").asText().equals(deleted.getId())) {
                assertThat(event.path("status").asText()).isEqualTo("cancelled");
            }
            if (event.path("id").asText().equals(overrideId)) {
                assertThat(event.path("recurringEventId").asText()).isEqualTo(series.getId());
            }
            if (event.path("id").asText().equals(kept.getId())) {
                assertThat(event.path("summary").asText()).isEqualTo("kept, renamed");
            }
        });
        // the account's primary calendar is listed too
        assertThat(calendars.findValuesAsText("id")).contains(alice().email());
    }

    @Test
    void anUnknownAccountIsNotFound() {
        http.get().uri("/emulator/admin/accounts/{email}/calendars", "nobody@example.com").exchange()
                .expectStatus().isNotFound();
    }
}
