package dev.calsync.googleemulator.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.util.Data;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.EventReminder;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** events.insert/get/update/patch/delete through Google's Java client. */
class EventsConformanceIT extends CalendarConformanceSupport {

    private static final String CLIENT_ID = "cafe0a1b2c3d4e5f6g7h8i9j";

    private String calendarId;

    @BeforeEach
    void createCalendar() throws IOException {
        calendarId = newCalendar(calendar, "events");
    }

    // Calendar API reference: Events: insert — client-supplied id kept; server fields as Google returns them
    @Test
    void anInsertedEventKeepsTheClientsIdAndCarriesGooglesServerFields() throws IOException {
        Event inserted = calendar.events().insert(calendarId, TestEvents.meeting("standup").setId(CLIENT_ID))
                .setSendUpdates("none").execute();

        assertThat(inserted.getKind()).isEqualTo("calendar#event");
        assertThat(inserted.getId()).isEqualTo(CLIENT_ID);
        assertThat(inserted.getStatus()).isEqualTo("confirmed");
        assertThat(inserted.getEtag()).matches("\"\\d+\"");
        assertThat(inserted.getICalUID()).isEqualTo(CLIENT_ID + "@google.com");
        assertThat(inserted.getHtmlLink()).startsWith("https://www.google.com/calendar/event?eid=");
        assertThat(inserted.getCreator().getEmail()).isEqualTo(alice().email());
        assertThat(inserted.getOrganizer().getEmail()).isEqualTo(calendarId);
        assertThat(inserted.getSequence()).isZero();
        assertThat(inserted.getCreated()).isNotNull();
        assertThat(inserted.getUpdated()).isNotNull();
        assertThat(inserted.getStart().getDateTime().getValue())
                .isEqualTo(new DateTime("2025-03-20T09:00:00+01:00").getValue());
        assertThat(calendar.events().get(calendarId, CLIENT_ID).execute().getSummary()).isEqualTo("standup");
    }

    // Calendar API reference: Events: insert — without an id the server mints one (GOOGLE.md §2: base32hex)
    @Test
    void anEventWithoutIdGetsABase32HexIdFromTheServer() throws IOException {
        Event inserted = calendar.events().insert(calendarId, TestEvents.meeting("no id")).execute();
        assertThat(inserted.getId()).matches("[a-v0-9]{5,1024}");
    }

    // GOOGLE.md §2: ids must match ^[a-v0-9]{5,1024}$, else 400 invalid "Invalid resource id value."
    @Test
    void anIdOutsideBase32HexIsRefused() {
        for (String bad : List.of("Calsync12345", "wxyz12345", "abc1", "abc-12345")) {
            GoogleJsonResponseException error = googleError(() ->
                    calendar.events().insert(calendarId, TestEvents.meeting("bad id").setId(bad)).execute());
            assertGoogleError(error, 400, "invalid");
            assertThat(message(error)).isEqualTo("Invalid resource id value.");
        }
    }

    // Calendar API reference: Events: insert; GOOGLE.md §1 — an existing id gives 409 duplicate
    @Test
    void insertingAnExistingIdIsADuplicate() throws IOException {
        calendar.events().insert(calendarId, TestEvents.meeting("first").setId(CLIENT_ID)).execute();

        GoogleJsonResponseException error = googleError(() ->
                calendar.events().insert(calendarId, TestEvents.meeting("second").setId(CLIENT_ID)).execute());

        assertGoogleError(error, 409, "duplicate");
        assertThat(message(error)).isEqualTo("The requested identifier already exists.");
        assertThat(calendar.events().get(calendarId, CLIENT_ID).execute().getSummary()).isEqualTo("first");
    }

    // GOOGLE.md §2: send id or iCalUID, not both
    @Test
    void idAndICalUidTogetherAreRefused() {
        GoogleJsonResponseException error = googleError(() -> calendar.events().insert(calendarId,
                TestEvents.meeting("both").setId(CLIENT_ID).setICalUID("feed-uid-1@example.com")).execute());
        assertGoogleError(error, 400, "invalid");
    }

    // GOOGLE.md §2: a deleted event is a cancelled tombstone: get 200, delete 410, insert 409; updating it is refused
    // (the emulator's default, the safe reading of ⚔️ "updating a tombstone") and a read shows only its id and status
    @Test
    void aDeletedEventIsATombstoneThatKeepsItsIdShowsOnlyItsIdAndCannotBeRevived() throws IOException {
        calendar.events().insert(calendarId, TestEvents.meeting("lecture").setId(CLIENT_ID)
                .setExtendedProperties(new Event.ExtendedProperties().setPrivate(Map.of("feed", "f1")))).execute();

        calendar.events().delete(calendarId, CLIENT_ID).execute();

        Event tombstone = calendar.events().get(calendarId, CLIENT_ID).execute();
        assertThat(tombstone.getStatus()).isEqualTo("cancelled");
        assertThat(tombstone.getId()).isEqualTo(CLIENT_ID);
        assertThat(tombstone.keySet()).as("Google guarantees only the id of a deleted event")
                .containsExactlyInAnyOrder("kind", "etag", "id", "status");
        assertGoogleError(googleError(() -> calendar.events().delete(calendarId, CLIENT_ID).execute()), 410, "deleted");
        assertGoogleError(googleError(() -> calendar.events().insert(calendarId,
                TestEvents.meeting("again").setId(CLIENT_ID)).execute()), 409, "duplicate");

        assertGoogleError(googleError(() -> calendar.events().update(calendarId, CLIENT_ID,
                TestEvents.meeting("lecture, moved")).execute()), 403, "forbidden");
        assertGoogleError(googleError(() -> calendar.events().patch(calendarId, CLIENT_ID,
                new Event().setStatus("confirmed")).execute()), 403, "forbidden");
        assertThat(calendar.events().get(calendarId, CLIENT_ID).execute().getStatus()).isEqualTo("cancelled");
        assertThat(calendar.events().list(calendarId).execute().getItems()).isEmpty();
    }

    // Calendar API reference: Events: get / delete — an id that never existed is 404 notFound
    @Test
    void anUnknownIdIsNotFound() {
        assertGoogleError(googleError(() -> calendar.events().get(calendarId, "neverexisted1").execute()), 404, "notFound");
        assertGoogleError(googleError(() -> calendar.events().delete(calendarId, "neverexisted1").execute()), 404, "notFound");
        assertGoogleError(googleError(() -> calendar.events().update(calendarId, "neverexisted1",
                TestEvents.meeting("x")).execute()), 404, "notFound");
    }

    // Calendar API reference: Events: patch — explicit null clears a field; the others stay
    @Test
    void patchWithAnExplicitNullClearsOnlyThatField() throws IOException {
        calendar.events().insert(calendarId, TestEvents.meeting("exam").setId(CLIENT_ID)
                .setDescription("bring a pen").setLocation("Room 1")).execute();

        Event patched = calendar.events().patch(calendarId, CLIENT_ID, new Event().setDescription(Data.NULL_STRING)).execute();

        assertThat(patched.getDescription()).isNull();
        assertThat(patched.getLocation()).isEqualTo("Room 1");
        assertThat(patched.getSummary()).isEqualTo("exam");
        Event stored = calendar.events().get(calendarId, CLIENT_ID).execute();
        assertThat(stored.getDescription()).isNull();
        assertThat(stored.getLocation()).isEqualTo("Room 1");
    }

    // Calendar API reference: Events: patch — arrays are replaced whole; one private property set keeps the others
    @Test
    void patchReplacesArraysWholeAndMergesExtendedProperties() throws IOException {
        calendar.events().insert(calendarId, TestEvents.meeting("party").setId(CLIENT_ID)
                .setAttendees(List.of(new EventAttendee().setEmail("a@example.com"), new EventAttendee().setEmail("b@example.com")))
                .setExtendedProperties(new Event.ExtendedProperties().setPrivate(Map.of("feed", "f1", "hash", "h1")))).execute();

        Event patched = calendar.events().patch(calendarId, CLIENT_ID, new Event()
                .setAttendees(List.of(new EventAttendee().setEmail("c@example.com")))
                .setExtendedProperties(new Event.ExtendedProperties().setPrivate(Map.of("hash", "h2")))).execute();

        assertThat(patched.getAttendees()).extracting(EventAttendee::getEmail).containsExactly("c@example.com");
        assertThat(patched.getExtendedProperties().getPrivate()).containsExactlyInAnyOrderEntriesOf(Map.of("feed", "f1", "hash", "h2"));
    }

    // Calendar API reference: Events: update — full replace: omitted fields are cleared
    @Test
    void updateClearsEveryFieldItDoesNotSend() throws IOException {
        calendar.events().insert(calendarId, TestEvents.meeting("exam").setId(CLIENT_ID)
                .setDescription("bring a pen").setLocation("Room 1")).execute();

        Event updated = calendar.events().update(calendarId, CLIENT_ID, TestEvents.meeting("exam, room changed")).execute();

        assertThat(updated.getSummary()).isEqualTo("exam, room changed");
        assertThat(updated.getDescription()).isNull();
        assertThat(updated.getLocation()).isNull();
        assertThat(calendar.events().get(calendarId, CLIENT_ID).execute().getLocation()).isNull();
    }

    // Calendar guide "Get specific versions of resources"; GOOGLE.md §3 — every change moves the etag;
    // a stale If-Match gives 412 conditionNotMet; a current If-None-Match gives 304
    @Test
    void etagsGuardWritesAndReads() throws IOException {
        String first = calendar.events().insert(calendarId, TestEvents.meeting("v1").setId(CLIENT_ID)).execute().getEtag();
        var update = calendar.events().patch(calendarId, CLIENT_ID, new Event().setSummary("v2"));
        update.setRequestHeaders(new HttpHeaders().setIfMatch(first));
        String second = update.execute().getEtag();
        assertThat(second).isNotEqualTo(first).matches("\"\\d+\"");

        var stalePatch = calendar.events().patch(calendarId, CLIENT_ID, new Event().setSummary("v3"));
        stalePatch.setRequestHeaders(new HttpHeaders().setIfMatch(first));
        assertGoogleError(googleError(stalePatch::execute), 412, "conditionNotMet");
        var staleUpdate = calendar.events().update(calendarId, CLIENT_ID, TestEvents.meeting("v3"));
        staleUpdate.setRequestHeaders(new HttpHeaders().setIfMatch(first));
        assertGoogleError(googleError(staleUpdate::execute), 412, "conditionNotMet");
        var staleDelete = calendar.events().delete(calendarId, CLIENT_ID);
        staleDelete.setRequestHeaders(new HttpHeaders().setIfMatch(first));
        assertGoogleError(googleError(staleDelete::execute), 412, "conditionNotMet");

        var conditionalGet = calendar.events().get(calendarId, CLIENT_ID);
        conditionalGet.setRequestHeaders(new HttpHeaders().setIfNoneMatch(second));
        assertThat(googleError(conditionalGet::execute).getStatusCode()).isEqualTo(304);
        assertThat(calendar.events().get(calendarId, CLIENT_ID).execute().getSummary()).isEqualTo("v2");
    }

    // GOOGLE.md §1, §3 — a sequence below the stored one is 400 "Invalid sequence value…"; time changes bump it
    @Test
    void sequenceNeverGoesBackwardsAndRisesWhenTheTimeChanges() throws IOException {
        calendar.events().insert(calendarId, TestEvents.meeting("talk").setId(CLIENT_ID).setSequence(3)).execute();

        GoogleJsonResponseException error = googleError(() -> calendar.events().update(calendarId, CLIENT_ID,
                TestEvents.meeting("talk").setSequence(2)).execute());
        assertGoogleError(error, 400, "invalid");
        assertThat(message(error)).startsWith("Invalid sequence value.");

        Event moved = calendar.events().patch(calendarId, CLIENT_ID, new Event()
                .setStart(new EventDateTime().setDateTime(new DateTime("2025-03-21T09:00:00+01:00")))
                .setEnd(new EventDateTime().setDateTime(new DateTime("2025-03-21T10:00:00+01:00")))).execute();
        assertThat(moved.getSequence()).isEqualTo(4);
        Event retitled = calendar.events().patch(calendarId, CLIENT_ID, new Event().setSummary("talk!")).execute();
        assertThat(retitled.getSequence()).isEqualTo(4);
    }

    // Calendar API reference: Events resource — start/end required ("Missing end time."), end not before start
    @Test
    void timesAreValidatedAsGoogleDoes() {
        GoogleJsonResponseException noEnd = googleError(() -> calendar.events().insert(calendarId,
                TestEvents.meeting("no end").setEnd(null)).execute());
        assertGoogleError(noEnd, 400, "required");
        assertThat(message(noEnd)).isEqualTo("Missing end time.");

        GoogleJsonResponseException backwards = googleError(() -> calendar.events().insert(calendarId,
                TestEvents.meeting("backwards", "2025-03-20T10:00:00+01:00", "2025-03-20T09:00:00+01:00")).execute());
        assertThat(backwards.getStatusCode()).isEqualTo(400);
        assertThat(message(backwards)).isEqualTo("The specified time range is empty.");

        GoogleJsonResponseException mixed = googleError(() -> calendar.events().insert(calendarId,
                TestEvents.meeting("mixed").setEnd(new EventDateTime().setDate(new DateTime("2025-03-21")))).execute());
        assertGoogleError(mixed, 400, "invalid");
    }

    // GOOGLE.md §6 — all-day ends are exclusive: start == end is refused, the next day is one day
    @Test
    void anAllDayEventEndsOnTheFollowingDay() throws IOException {
        LocalDate day = LocalDate.of(2025, 3, 20);
        Event oneDay = calendar.events().insert(calendarId, TestEvents.allDay("holiday", day, day.plusDays(1))).execute();
        assertThat(oneDay.getStart().getDate().toStringRfc3339()).isEqualTo("2025-03-20");
        assertThat(oneDay.getEnd().getDate().toStringRfc3339()).isEqualTo("2025-03-21");

        GoogleJsonResponseException empty = googleError(() -> calendar.events().insert(calendarId,
                TestEvents.allDay("empty", day, day)).execute());
        assertThat(empty.getStatusCode()).isEqualTo(400);
        assertThat(message(empty)).isEqualTo("The specified time range is empty.");
    }

    // GOOGLE.md §5 — a series needs start.timeZone; a bad RRULE is 400 "Invalid recurrence rule."
    @Test
    void seriesNeedATimeZoneAndAValidRule() {
        GoogleJsonResponseException noZone = googleError(() -> calendar.events().insert(calendarId,
                TestEvents.meeting("weekly").setRecurrence(List.of("RRULE:FREQ=WEEKLY"))).execute());
        assertGoogleError(noZone, 400, "required");
        assertThat(message(noZone)).isEqualTo("Missing time zone definition for start time.");

        for (String bad : List.of("RRULE:FREQ=FORTNIGHTLY", "RRULE:FREQ=WEEKLY;BYDAY=XX", "DTSTART:20250320T090000Z",
                "RDATE:not-a-date")) {
            GoogleJsonResponseException error = googleError(() -> calendar.events().insert(calendarId,
                    TestEvents.series("weekly", "2025-03-20T09:00:00", "2025-03-20T10:00:00", "Europe/Berlin", bad)).execute());
            assertGoogleError(error, 400, "invalid");
            assertThat(message(error)).as(bad).isEqualTo("Invalid recurrence rule.");
        }
    }

    // GOOGLE.md §6 ⚠️ [E: enforce] — at most 5 override reminders of 0..40320 minutes; not with useDefault
    @Test
    void remindersAreLimited() throws IOException {
        List<EventReminder> five = IntStream.range(0, 5)
                .mapToObj(i -> new EventReminder().setMethod("popup").setMinutes(i * 10)).toList();
        calendar.events().insert(calendarId, TestEvents.meeting("ok").setReminders(
                new Event.Reminders().setUseDefault(false).setOverrides(five))).execute();

        List<EventReminder> six = IntStream.range(0, 6)
                .mapToObj(i -> new EventReminder().setMethod("popup").setMinutes(i * 10)).toList();
        assertGoogleError(googleError(() -> calendar.events().insert(calendarId, TestEvents.meeting("six").setReminders(
                new Event.Reminders().setUseDefault(false).setOverrides(six))).execute()), 400, "invalid");
        assertGoogleError(googleError(() -> calendar.events().insert(calendarId, TestEvents.meeting("too early").setReminders(
                new Event.Reminders().setUseDefault(false).setOverrides(List.of(
                        new EventReminder().setMethod("email").setMinutes(40_321))))).execute()), 400, "invalid");
        assertGoogleError(googleError(() -> calendar.events().insert(calendarId, TestEvents.meeting("both").setReminders(
                new Event.Reminders().setUseDefault(true).setOverrides(List.of(
                        new EventReminder().setMethod("popup").setMinutes(10))))).execute()),
                400, "cannotUseDefaultRemindersAndSpecifyOverride");
    }

    // GOOGLE.md §6 ⚠️ [E: enforce] — extended property keys ≤ 44, values ≤ 1024 characters
    @Test
    void extendedPropertiesAreLimited() throws IOException {
        String key44 = "k".repeat(44);
        calendar.events().insert(calendarId, TestEvents.meeting("ok").setExtendedProperties(new Event.ExtendedProperties()
                .setPrivate(Map.of(key44, "v".repeat(1024))))).execute();

        assertGoogleError(googleError(() -> calendar.events().insert(calendarId, TestEvents.meeting("long key")
                .setExtendedProperties(new Event.ExtendedProperties().setPrivate(Map.of("k".repeat(45), "v")))).execute()),
                400, "invalid");
        assertGoogleError(googleError(() -> calendar.events().insert(calendarId, TestEvents.meeting("long value")
                .setExtendedProperties(new Event.ExtendedProperties().setShared(Map.of("k", "v".repeat(1025))))).execute()),
                400, "invalid");
    }

    // Issue item 5 / GOOGLE.md §3: the client sends PATCH as POST + X-HTTP-Method-Override; it must count as events.patch
    @Test
    void oneChangedEventCostsOnePatchCall() throws IOException {
        calendar.events().insert(calendarId, TestEvents.meeting("count me").setId(CLIENT_ID)).execute();
        http.delete().uri("/emulator/admin/calls").exchange().expectStatus().isNoContent();

        calendar.events().patch(calendarId, CLIENT_ID, new Event().setSummary("counted")).execute();

        http.get().uri("/emulator/admin/calls").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$['" + alice().email() + "']['events.patch']").isEqualTo(1)
                .jsonPath("$['" + alice().email() + "'].length()").isEqualTo(1);
    }

    // GOOGLE.md §1 — JSON as application/json; charset=UTF-8; errors in Google's envelope with code and message
    @Test
    void answersAndErrorsAreGooglesJson() {
        String token = accessToken(alice());
        http.post().uri("/calendar/v3/calendars/{id}/events", calendarId).header("Authorization", "Bearer " + token)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("summary", "raw", "start", Map.of("date", "2025-03-20"), "end", Map.of("date", "2025-03-21")))
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Content-Type", "application/json; charset=UTF-8")
                .expectBody().jsonPath("$.kind").isEqualTo("calendar#event");
        http.get().uri("/calendar/v3/calendars/{id}/events/{event}", calendarId, "neverexisted1")
                .header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith("application/json")
                .expectBody().json("""
                        {"error":{"errors":[{"domain":"global","reason":"notFound","message":"Not Found"}],
                         "code":404,"message":"Not Found"}}""", true);
    }
}
