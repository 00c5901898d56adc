package dev.calsync.googleemulator.calendar;

import static dev.calsync.googleemulator.calendar.SyncListings.assertFullSyncRequired;
import static dev.calsync.googleemulator.calendar.SyncListings.garbled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import dev.calsync.googleemulator.calendar.SyncListings.Listing;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Incremental sync of the calendar list through Google's Java client (CalendarList: list {@code syncToken}/
 * {@code nextSyncToken}, "Synchronize resources efficiently"; GOOGLE.md §7), and the full listing's showDeleted and
 * showHidden. {@link #calendar} holds calendar.app.created, so its list holds the calendars its client created.
 */
class CalendarListSyncConformanceIT extends CalendarConformanceSupport {

    private static final SyncListings.PageShape<CalendarList, CalendarListEntry> CALENDAR_LIST = new SyncListings.PageShape<>(
            CalendarList::getItems, CalendarList::getNextPageToken, CalendarList::getNextSyncToken);

    private static Listing<CalendarListEntry> listAll(Calendar client, String syncToken, int pageSize) throws IOException {
        return SyncListings.listAll(pageToken -> client.calendarList().list().setSyncToken(syncToken).setMaxResults(pageSize)
                .setPageToken(pageToken).execute(), CALENDAR_LIST);
    }

    private String fullSync() throws IOException {
        return listAll(calendar, null, 250).nextSyncToken();
    }

    // CalendarList: list syncToken — only entries changed since; "All entries deleted and hidden since the previous
    // list request will always be in the result set"; "If only read-only fields such as calendar properties ... have
    // changed, the entry won't be returned"
    @Test
    void anIncrementalSyncReturnsTheEntriesCreatedEditedHiddenOrDeletedSince() throws IOException {
        String recoloured = newCalendar(calendar, "recoloured");
        String hidden = newCalendar(calendar, "hidden");
        String deleted = newCalendar(calendar, "deleted");
        String renamed = newCalendar(calendar, "renamed");
        Listing<CalendarListEntry> full = listAll(calendar, null, 2);
        assertThat(full.items()).extracting(CalendarListEntry::getId).containsExactly(recoloured, hidden, deleted, renamed);

        calendar.calendarList().patch(recoloured, new CalendarListEntry().setColorId("5")).execute();
        CalendarListEntry hiding = calendar.calendarList().get(hidden).execute().setHidden(true);
        calendar.calendarList().update(hidden, hiding).execute();
        calendar.calendars().delete(deleted).execute();
        calendar.calendars().patch(renamed, new com.google.api.services.calendar.model.Calendar().setSummary("renamed twice"))
                .execute();
        String created = newCalendar(calendar, "created");

        Listing<CalendarListEntry> changes = listAll(calendar, full.nextSyncToken(), 250);
        assertThat(changes.items())
                .extracting(CalendarListEntry::getId, CalendarListEntry::getColorId, CalendarListEntry::getHidden,
                        CalendarListEntry::getDeleted)
                .containsExactly(tuple(recoloured, "5", null, null), tuple(hidden, "1", true, null),
                        tuple(deleted, "1", null, true), tuple(created, "1", null, null));

        assertThat(listAll(calendar, changes.nextSyncToken(), 250).items()).isEmpty();
    }

    // Sync guide — many changes come paged; the same syncToken goes with every pageToken, the last page has the new token
    @Test
    void anIncrementalSyncIsPagedAndEndsWithANewToken() throws IOException {
        String token = fullSync();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(newCalendar(calendar, "created " + i));
        }

        Listing<CalendarListEntry> changes = listAll(calendar, token, 2);

        assertThat(changes.items()).extracting(CalendarListEntry::getId).containsExactlyElementsOf(created);
        assertThat(listAll(calendar, changes.nextSyncToken(), 2).items()).isEmpty();
    }

    // Sync guide — "You don't need to worry about any new entries appearing while you are paginating — they won't be missed"
    @Test
    void aChangeMadeWhileTheClientPagesComesInTheNextSync() throws IOException {
        String first = newCalendar(calendar, "first");
        newCalendar(calendar, "second");
        CalendarList firstPage = calendar.calendarList().list().setMaxResults(1).execute();
        assertThat(firstPage.getItems()).extracting(CalendarListEntry::getId).containsExactly(first);

        calendar.calendarList().patch(first, new CalendarListEntry().setSummaryOverride("mine")).execute();
        CalendarList lastPage = calendar.calendarList().list().setMaxResults(1).setPageToken(firstPage.getNextPageToken())
                .execute();

        assertThat(listAll(calendar, lastPage.getNextSyncToken(), 250).items())
                .extracting(CalendarListEntry::getId, CalendarListEntry::getSummaryOverride).containsExactly(tuple(first, "mine"));
    }

    // Sync guide — an entry hidden after its page was served leaves the full listing; no unchanged entry shifts into
    // that page and is lost, as it would come neither in the listing nor in the next sync
    @Test
    void anEntryHiddenWhileTheClientPagesLosesNoUnchangedEntry() throws IOException {
        String hidden = newCalendar(calendar, "hidden");
        String second = newCalendar(calendar, "second");
        String third = newCalendar(calendar, "third");
        CalendarList firstPage = calendar.calendarList().list().setMaxResults(2).execute();
        assertThat(firstPage.getItems()).extracting(CalendarListEntry::getId).containsExactly(hidden, second);

        calendar.calendarList().patch(hidden, new CalendarListEntry().setHidden(true)).execute();
        CalendarList lastPage = calendar.calendarList().list().setMaxResults(2).setPageToken(firstPage.getNextPageToken())
                .execute();

        assertThat(lastPage.getItems()).extracting(CalendarListEntry::getId).containsExactly(third);
    }

    static Stream<Arguments> restrictions() {
        return Stream.of(
                restriction("minAccessRole", list -> list.setMinAccessRole("owner")),
                restriction("showDeleted=false", list -> list.setShowDeleted(false)),
                restriction("showHidden=false", list -> list.setShowHidden(false)));
    }

    private static Arguments restriction(String name, UnaryOperator<Calendar.CalendarList.List> restrict) {
        return Arguments.of(name, restrict);
    }

    // CalendarList: list — "minAccessRole query parameter cannot be specified together with nextSyncToken"; with a sync
    // token "it is not allowed to set showDeleted neither showHidden to False" (error as events.list's restrictions)
    @ParameterizedTest(name = "{0}")
    @MethodSource("restrictions")
    void aSyncTokenRefusesTheRestrictionsOfAFullListing(String name, UnaryOperator<Calendar.CalendarList.List> restrict)
            throws IOException {
        String token = fullSync();

        GoogleJsonResponseException error = googleError(() ->
                restrict.apply(calendar.calendarList().list().setSyncToken(token)).execute());

        assertGoogleError(error, 400, "syncTokenWithRequestRestrictions");
        assertThat(message(error)).isEqualTo("Sync token cannot be used with other request restrictions.");
        assertThat(calendar.calendarList().list().setSyncToken(token).setShowDeleted(true).setShowHidden(true).execute()
                .getItems()).isEmpty();
    }

    // Sync guide — a token the server does not accept is 410 Gone; a calendar-list token is no events token, and the reverse
    @Test
    void aGarbledTokenOrOneOfAnotherCollectionRequiresAFullSync() throws IOException {
        String token = fullSync();
        String calendarId = newCalendar(calendar, "events");
        String eventsToken = calendar.events().list(calendarId).execute().getNextSyncToken();
        String garbled = garbled(token);
        Calendar bobs = calendarClient(accessToken(bob()));

        assertFullSyncRequired(googleError(() -> calendar.calendarList().list().setSyncToken(garbled).execute()));
        assertFullSyncRequired(googleError(() -> calendar.calendarList().list().setSyncToken("not a token").execute()));
        assertFullSyncRequired(googleError(() -> calendar.calendarList().list().setSyncToken(eventsToken).execute()));
        assertFullSyncRequired(googleError(() -> calendar.events().list(calendarId).setSyncToken(token).execute()));
        assertFullSyncRequired(googleError(() -> bobs.calendarList().list().setSyncToken(token).execute()));
        assertThat(calendar.calendarList().list().setSyncToken(token).execute().getItems())
                .extracting(CalendarListEntry::getId).containsExactly(calendarId);
    }

    // GOOGLE.md §4 — tokens expire (emulator.calendar.sync-token-lifetime, 7 days), the admin API invalidates them all,
    // and a reset starts a new history
    @Test
    void anExpiredInvalidatedOrPreResetTokenRequiresAFullSync() throws IOException {
        String expiring = fullSync();
        google.clock().advance(Duration.ofDays(7));
        Calendar aliceAWeekLater = calendarClient(accessToken(alice()));
        assertFullSyncRequired(googleError(() -> aliceAWeekLater.calendarList().list().setSyncToken(expiring).execute()));

        String invalidated = listAll(aliceAWeekLater, null, 250).nextSyncToken();
        http.post().uri("/emulator/admin/calendar/sync-tokens/invalidate").exchange().expectStatus().isNoContent();
        assertFullSyncRequired(googleError(() -> aliceAWeekLater.calendarList().list().setSyncToken(invalidated).execute()));

        String beforeReset = listAll(aliceAWeekLater, null, 250).nextSyncToken();
        assertThat(aliceAWeekLater.calendarList().list().setSyncToken(beforeReset).execute().getItems()).isEmpty();
        http.post().uri("/emulator/admin/reset").exchange().expectStatus().isNoContent();
        Calendar aliceAfterReset = calendarClient(accessToken(alice()));
        assertFullSyncRequired(googleError(() -> aliceAfterReset.calendarList().list().setSyncToken(beforeReset).execute()));
    }

    // CalendarList: list — showDeleted "whether to include deleted calendar list entries", showHidden "whether to show
    // hidden entries", both false by default
    @Test
    void aFullListingShowsDeletedAndHiddenEntriesOnlyWhenAsked() throws IOException {
        String shown = newCalendar(calendar, "shown");
        String hidden = newCalendar(calendar, "hidden");
        String deleted = newCalendar(calendar, "deleted");
        calendar.calendarList().patch(hidden, new CalendarListEntry().setHidden(true)).execute();
        calendar.calendars().delete(deleted).execute();

        assertThat(ids(calendar.calendarList().list().execute())).containsExactly(shown);
        assertThat(ids(calendar.calendarList().list().setShowHidden(false).setShowDeleted(false).execute()))
                .containsExactly(shown);
        assertThat(ids(calendar.calendarList().list().setShowHidden(true).execute())).containsExactly(shown, hidden);
        assertThat(ids(calendar.calendarList().list().setShowDeleted(true).execute())).containsExactly(shown, deleted);
        assertThat(ids(calendar.calendarList().list().setShowDeleted(true).setShowHidden(true).execute()))
                .containsExactly(shown, hidden, deleted);
    }

    private static List<String> ids(CalendarList list) {
        return list.getItems().stream().map(CalendarListEntry::getId).toList();
    }
}
