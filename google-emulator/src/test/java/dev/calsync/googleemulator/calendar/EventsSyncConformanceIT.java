package dev.calsync.googleemulator.calendar;

import static dev.calsync.googleemulator.calendar.SyncListings.assertFullSyncRequired;
import static dev.calsync.googleemulator.calendar.SyncListings.garbled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import dev.calsync.googleemulator.calendar.SyncListings.Listing;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Incremental sync of events through Google's Java client, as the guide "Synchronize resources
 * efficiently" runs it (Events: list {@code syncToken}/{@code nextSyncToken}; GOOGLE.md §4).
 */
class EventsSyncConformanceIT extends CalendarConformanceSupport {

    private static final SyncListings.PageShape<Events, Event> EVENTS =
            new SyncListings.PageShape<>(Events::getItems, Events::getNextPageToken, Events::getNextSyncToken);

    private String calendarId;

    @BeforeEach
    void createCalendar() throws IOException {
        calendarId = newCalendar(calendar, "sync");
    }

    private Event insert(String summary) throws IOException {
        return calendar.events().insert(calendarId, TestEvents.meeting(summary)).execute();
    }

    private static Listing<Event> listAll(Calendar client, String calendarId, String syncToken, int pageSize) throws IOException {
        return SyncListings.listAll(pageToken -> client.events().list(calendarId).setSyncToken(syncToken)
                .setMaxResults(pageSize).setPageToken(pageToken).execute(), EVENTS);
    }

    private String fullSync() throws IOException {
        return listAll(calendar, calendarId, null, 250).nextSyncToken();
    }

    // Sync guide — the full sync's last page carries nextSyncToken; with it, only what changed since comes back,
    // deletions included without showDeleted
    @Test
    void anIncrementalSyncReturnsWhatWasInsertedUpdatedOrDeletedSince() throws IOException {
        Event edited = insert("edited");
        Event deleted = insert("deleted");
        insert("untouched");
        Listing<Event> full = listAll(calendar, calendarId, null, 2);
        assertThat(full.items()).hasSize(3);

        calendar.events().patch(calendarId, edited.getId(), new Event().setSummary("edited twice")).execute();
        calendar.events().delete(calendarId, deleted.getId()).execute();
        Event added = insert("added");

        Listing<Event> changes = listAll(calendar, calendarId, full.nextSyncToken(), 250);
        assertThat(changes.items()).extracting(Event::getId, Event::getStatus).containsExactlyInAnyOrder(
                tuple(edited.getId(), "confirmed"), tuple(deleted.getId(), "cancelled"), tuple(added.getId(), "confirmed"));
        assertThat(changes.items()).filteredOn(event -> event.getId().equals(edited.getId()))
                .extracting(Event::getSummary).containsExactly("edited twice");

        Listing<Event> nothingNew = listAll(calendar, calendarId, changes.nextSyncToken(), 250);
        assertThat(nothingNew.items()).isEmpty();
    }

    // Sync guide — many changes come paged; the same syncToken goes with every pageToken, the last page has the new token
    @Test
    void anIncrementalSyncIsPagedAndEndsWithANewToken() throws IOException {
        String token = fullSync();
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            added.add(insert("added " + i).getId());
        }

        Listing<Event> changes = listAll(calendar, calendarId, token, 2);

        assertThat(changes.items()).extracting(Event::getId).containsExactlyElementsOf(added);
        assertThat(listAll(calendar, calendarId, changes.nextSyncToken(), 2).items()).isEmpty();
    }

    // Sync guide — "You don't need to worry about any new entries appearing while you are paginating — they won't be missed"
    @Test
    void aChangeMadeWhileTheClientPagesComesInTheNextSync() throws IOException {
        Event first = insert("first");
        insert("second");
        Events firstPage = calendar.events().list(calendarId).setMaxResults(1).execute();
        assertThat(firstPage.getItems()).extracting(Event::getId).containsExactly(first.getId());

        calendar.events().patch(calendarId, first.getId(), new Event().setSummary("first, edited")).execute();
        Events lastPage = calendar.events().list(calendarId).setMaxResults(1).setPageToken(firstPage.getNextPageToken()).execute();

        assertThat(listAll(calendar, calendarId, lastPage.getNextSyncToken(), 250).items())
                .extracting(Event::getId, Event::getSummary).containsExactly(tuple(first.getId(), "first, edited"));
    }

    // Sync guide — a full listing paged while the calendar changes: an event deleted (not shown without showDeleted)
    // or moved to the end (orderBy=updated) after its page was served shifts no unchanged event into that page, as an
    // unchanged event would then come neither in the listing nor in the next sync
    @Test
    void aDeletionWhileTheClientPagesLosesNoUnchangedEvent() throws IOException {
        Event deleted = insert("deleted");
        Event second = insert("second");
        Event third = insert("third");
        Event fourth = insert("fourth");
        Events firstPage = calendar.events().list(calendarId).setMaxResults(2).execute();
        assertThat(firstPage.getItems()).extracting(Event::getId).containsExactly(deleted.getId(), second.getId());

        calendar.events().delete(calendarId, deleted.getId()).execute();
        Events lastPage = calendar.events().list(calendarId).setMaxResults(2).setPageToken(firstPage.getNextPageToken())
                .execute();

        assertThat(lastPage.getItems()).extracting(Event::getId).containsExactly(third.getId(), fourth.getId());
        assertThat(listAll(calendar, calendarId, lastPage.getNextSyncToken(), 250).items())
                .extracting(Event::getId, Event::getStatus).containsExactly(tuple(deleted.getId(), "cancelled"));
    }

    @Test
    void anEventMovedByOrderByUpdatedWhileTheClientPagesLosesNoUnchangedEvent() throws IOException {
        Event moved = insert("moved");
        Event second = insert("second");
        Event third = insert("third");
        Events firstPage = calendar.events().list(calendarId).setOrderBy("updated").setMaxResults(2).execute();
        assertThat(firstPage.getItems()).extracting(Event::getId).containsExactly(moved.getId(), second.getId());

        calendar.events().patch(calendarId, moved.getId(), new Event().setSummary("moved, edited")).execute();
        Events lastPage = calendar.events().list(calendarId).setOrderBy("updated").setMaxResults(2)
                .setPageToken(firstPage.getNextPageToken()).execute();

        assertThat(lastPage.getItems()).extracting(Event::getId).containsExactly(third.getId(), moved.getId());
    }

    // Events: list — with singleEvents a changed series comes as its instances; a deleted series as its tombstone
    @Test
    void withSingleEventsAChangedSeriesComesAsItsInstances() throws IOException {
        Event series = calendar.events().insert(calendarId, TestEvents.series("weekly", "2025-03-20T09:00:00",
                "2025-03-20T10:00:00", "UTC", "RRULE:FREQ=WEEKLY;COUNT=2")).execute();
        String token = calendar.events().list(calendarId).setSingleEvents(true).execute().getNextSyncToken();

        calendar.events().patch(calendarId, series.getId(), new Event().setSummary("weekly, moved room")).execute();
        Events changed = calendar.events().list(calendarId).setSingleEvents(true).setSyncToken(token).execute();
        assertThat(changed.getItems()).extracting(Event::getId, Event::getSummary).containsExactly(
                tuple(series.getId() + "_20250320T090000Z", "weekly, moved room"),
                tuple(series.getId() + "_20250327T090000Z", "weekly, moved room"));

        calendar.events().delete(calendarId, series.getId()).execute();
        assertThat(calendar.events().list(calendarId).setSingleEvents(true).setSyncToken(changed.getNextSyncToken())
                .execute().getItems()).extracting(Event::getId, Event::getStatus)
                .containsExactly(tuple(series.getId(), "cancelled"));
    }

    static Stream<Arguments> restrictions() {
        return Stream.of(
                restriction("iCalUID", list -> list.setICalUID("uid@example.com")),
                restriction("orderBy", list -> list.setOrderBy("updated")),
                restriction("privateExtendedProperty", list -> list.setPrivateExtendedProperty(List.of("feed=f1"))),
                restriction("q", list -> list.setQ("maths")),
                restriction("sharedExtendedProperty", list -> list.setSharedExtendedProperty(List.of("team=a"))),
                restriction("timeMin", list -> list.setTimeMin(new DateTime("2025-03-20T09:00:00Z"))),
                restriction("timeMax", list -> list.setTimeMax(new DateTime("2025-03-20T09:00:00Z"))),
                restriction("updatedMin", list -> list.setUpdatedMin(new DateTime("2025-03-20T09:00:00Z"))),
                restriction("showDeleted=false", list -> list.setShowDeleted(false)));
    }

    private static Arguments restriction(String name, UnaryOperator<Calendar.Events.List> restrict) {
        return Arguments.of(name, restrict);
    }

    // Events: list — parameters that "cannot be specified together with nextSyncToken"; deletions are always
    // included and showDeleted=false is not allowed (reason and message: field report, GOOGLE.md §4)
    @ParameterizedTest(name = "{0}")
    @MethodSource("restrictions")
    void aSyncTokenRefusesTheFiltersOfAFullListing(String name, UnaryOperator<Calendar.Events.List> restrict) throws IOException {
        String token = fullSync();

        GoogleJsonResponseException error = googleError(() ->
                restrict.apply(calendar.events().list(calendarId).setSyncToken(token)).execute());

        assertGoogleError(error, 400, "syncTokenWithRequestRestrictions");
        assertThat(message(error)).isEqualTo("Sync token cannot be used with other request restrictions.");
        assertThat(calendar.events().list(calendarId).setSyncToken(token).setShowDeleted(true).execute().getItems()).isEmpty();
    }

    // Sync guide — a token the server no longer accepts is 410 Gone; the client wipes its store and syncs fully
    @Test
    void aGarbledTokenOrOneOfAnotherCalendarRequiresAFullSync() throws IOException {
        String token = fullSync();
        String otherCalendar = newCalendar(calendar, "other");
        String garbled = garbled(token);

        assertFullSyncRequired(googleError(() -> calendar.events().list(calendarId).setSyncToken(garbled).execute()));
        assertFullSyncRequired(googleError(() -> calendar.events().list(calendarId).setSyncToken("not a token").execute()));
        assertFullSyncRequired(googleError(() -> calendar.events().list(otherCalendar).setSyncToken(token).execute()));
        assertThat(calendar.events().list(calendarId).setSyncToken(token).execute().getNextSyncToken()).isNotBlank();
    }

    // GOOGLE.md §4 — tokens expire [E: emulator.calendar.sync-token-lifetime, 7 days, on the emulator's clock]
    @Test
    void aTokenExpiresAfterItsLifetime() throws IOException {
        String token = fullSync();

        google.clock().advance(Duration.ofDays(7).minusMinutes(1));
        Calendar aliceLater = calendarClient(accessToken(alice()));
        assertThat(aliceLater.events().list(calendarId).setSyncToken(token).execute().getItems()).isEmpty();

        google.clock().advance(Duration.ofMinutes(1));
        Calendar aliceAWeekLater = calendarClient(accessToken(alice()));
        assertFullSyncRequired(googleError(() -> aliceAWeekLater.events().list(calendarId).setSyncToken(token).execute()));
    }

    // GOOGLE.md §4 [S: sync.forceInvalid] — the admin API invalidates every token issued so far
    @Test
    void theAdminApiInvalidatesEveryIssuedToken() throws IOException {
        String token = fullSync();

        http.post().uri("/emulator/admin/calendar/sync-tokens/invalidate").exchange().expectStatus().isNoContent();

        assertFullSyncRequired(googleError(() -> calendar.events().list(calendarId).setSyncToken(token).execute()));
        String fresh = fullSync();
        assertThat(calendar.events().list(calendarId).setSyncToken(fresh).execute().getItems()).isEmpty();
    }

    // A token names a point in the emulator's history; a reset starts a new history
    @Test
    void aTokenFromBeforeAnEmulatorResetRequiresAFullSync() throws IOException {
        // the primary calendar outlives a reset (it is the account's own); calendar.app.created cannot read it
        List<String> fullAccess = List.of(FULL_CALENDAR_SCOPE);
        String token = calendarClient(accessToken(http, alice(), null, fullAccess)).events().list("primary").execute()
                .getNextSyncToken();

        http.post().uri("/emulator/admin/reset").exchange().expectStatus().isNoContent();

        Calendar aliceAfterReset = calendarClient(accessToken(http, alice(), null, fullAccess));
        assertFullSyncRequired(googleError(() -> aliceAfterReset.events().list("primary").setSyncToken(token).execute()));
    }
}
