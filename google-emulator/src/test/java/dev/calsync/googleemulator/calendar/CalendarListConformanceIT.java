package dev.calsync.googleemulator.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.CalendarNotification;
import com.google.api.services.calendar.model.ColorDefinition;
import com.google.api.services.calendar.model.Colors;
import com.google.api.services.calendar.model.EventReminder;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * calendarList.update/patch, the calendarlist scopes and colors.get through Google's Java client (Calendar API
 * reference: CalendarList, Colors; GOOGLE.md §7). {@link #calendar} holds calendar.app.created, so it edits the entries of the calendars
 * its own client created.
 */
class CalendarListConformanceIT extends CalendarConformanceSupport {

    // CalendarList: colorId "refers to one of the calendar palette ids"; get and list show its colours
    @Test
    void aPatchedColorIdShowsItsPaletteColourInGetAndList() throws IOException {
        String id = newCalendar(calendar, "colours");
        String calendarEtag = calendar.calendars().get(id).execute().getEtag();
        String entryEtag = calendar.calendarList().get(id).execute().getEtag();

        CalendarListEntry patched = calendar.calendarList().patch(id, new CalendarListEntry().setColorId("7")).execute();

        for (CalendarListEntry entry : List.of(patched, calendar.calendarList().get(id).execute(), listed(calendar, id))) {
            assertThat(entry.getColorId()).isEqualTo("7");
            assertThat(entry.getBackgroundColor()).isEqualTo("#42d692");
            assertThat(entry.getForegroundColor()).isEqualTo("#000000");
        }
        assertThat(patched.getEtag()).isNotEqualTo(entryEtag);
        // the entry is the user's view of the calendar: the calendar itself did not change
        assertThat(calendar.calendars().get(id).execute().getEtag()).isEqualTo(calendarEtag);
    }

    // calendarList.patch: "colorRgbFormat: whether to use the foregroundColor and backgroundColor fields ... the
    // index-based colorId field will be set to the best matching option automatically"
    @Test
    void rgbColoursCountOnlyWithColorRgbFormatAndSetTheNearestColorId() throws IOException {
        String id = newCalendar(calendar, "rgb");

        CalendarListEntry patched = calendar.calendarList().patch(id, new CalendarListEntry()
                .setBackgroundColor("#A47AE3").setForegroundColor("#ffffff")).setColorRgbFormat(true).execute();

        for (CalendarListEntry entry : List.of(patched, calendar.calendarList().get(id).execute(), listed(calendar, id))) {
            assertThat(entry.getBackgroundColor()).isEqualTo("#a47ae3");
            assertThat(entry.getForegroundColor()).isEqualTo("#ffffff");
            assertThat(entry.getColorId()).isEqualTo("24");
        }

        // without the flag the colours are ignored (google-api-javascript-client #425), and get-then-update keeps them
        CalendarListEntry ignored = calendar.calendarList().patch(id, new CalendarListEntry().setBackgroundColor("#000001"))
                .execute();
        assertThat(ignored.getBackgroundColor()).isEqualTo("#a47ae3");
        assertThat(ignored.getColorId()).isEqualTo("24");
        CalendarListEntry roundTrip = calendar.calendarList().update(id, calendar.calendarList().get(id).execute()).execute();
        assertThat(roundTrip.getBackgroundColor()).isEqualTo("#a47ae3");
        assertThat(roundTrip.getForegroundColor()).isEqualTo("#ffffff");
    }

    @Test
    void aColourOutsideThePaletteOrNotHexIsInvalid() throws IOException {
        String id = newCalendar(calendar, "bad colours");

        assertGoogleError(googleError(() -> calendar.calendarList().patch(id, new CalendarListEntry().setColorId("25")).execute()),
                400, "invalid");
        assertGoogleError(googleError(() -> calendar.calendarList().update(id, new CalendarListEntry().setColorId("0")).execute()),
                400, "invalid");
        assertGoogleError(googleError(() -> calendar.calendarList().patch(id, new CalendarListEntry().setBackgroundColor("red"))
                .setColorRgbFormat(true).execute()), 400, "invalid");
        assertThat(calendar.calendarList().get(id).execute().getColorId()).isEqualTo("1");
    }

    // calendarList.patch merges ("fields that you don't specify remain unchanged"); update replaces them all
    @Test
    void patchMergesTheUserSettableFieldsAndUpdateReplacesThem() throws IOException {
        String id = newCalendar(calendar, "settings");
        calendar.calendarList().patch(id, new CalendarListEntry()
                .setSummaryOverride("Mine")
                .setHidden(true)
                .setDefaultReminders(List.of(new EventReminder().setMethod("popup").setMinutes(10)))
                .setNotificationSettings(new CalendarListEntry.NotificationSettings().setNotifications(
                        List.of(new CalendarNotification().setType("eventCreation").setMethod("email"))))).execute();

        CalendarListEntry merged = calendar.calendarList().patch(id, new CalendarListEntry().setSelected(true)).execute();

        assertThat(merged.getSummaryOverride()).isEqualTo("Mine");
        assertThat(merged.getHidden()).isTrue();
        assertThat(merged.getSelected()).isTrue();
        assertThat(merged.getDefaultReminders()).extracting(EventReminder::getMethod, EventReminder::getMinutes)
                .containsExactly(org.assertj.core.api.Assertions.tuple("popup", 10));
        assertThat(merged.getNotificationSettings().getNotifications()).extracting(CalendarNotification::getType)
                .containsExactly("eventCreation");
        // a hidden entry is listed only with showHidden
        assertThat(calendar.calendarList().list().execute().getItems()).extracting(CalendarListEntry::getId).doesNotContain(id);
        assertThat(listed(calendar, id).getHidden()).isTrue();

        CalendarListEntry replaced = calendar.calendarList().update(id, new CalendarListEntry().setColorId("3")).execute();

        assertThat(replaced.getColorId()).isEqualTo("3");
        assertThat(replaced.getSummaryOverride()).isNull();
        assertThat(replaced.getHidden()).isNull();
        assertThat(replaced.getSelected()).isNull();
        assertThat(replaced.getDefaultReminders()).isEmpty();
        assertThat(replaced.getNotificationSettings()).isNull();
        assertThat(replaced.getSummary()).isEqualTo("settings");
        assertThat(calendar.calendarList().list().execute().getItems()).extracting(CalendarListEntry::getId).contains(id);
    }

    @Test
    void aBadReminderOrNotificationIsRefused() throws IOException {
        String id = newCalendar(calendar, "reminders");

        assertGoogleError(googleError(() -> calendar.calendarList().patch(id, new CalendarListEntry().setDefaultReminders(
                List.of(new EventReminder().setMethod("sms").setMinutes(10)))).execute()), 400, "invalid");
        assertGoogleError(googleError(() -> calendar.calendarList().patch(id, new CalendarListEntry().setDefaultReminders(
                List.of(new EventReminder().setMethod("popup")))).execute()), 400, "required");
        assertGoogleError(googleError(() -> calendar.calendarList().patch(id, new CalendarListEntry().setNotificationSettings(
                new CalendarListEntry.NotificationSettings().setNotifications(List.of(
                        new CalendarNotification().setType("weekly").setMethod("email"))))).execute()), 400, "invalid");
    }

    // calendarList.patch/update scopes: calendar, calendar.app.created (the app's own calendars), calendar.calendarlist
    @Test
    void onlyTheScopesTheReferenceNamesMayEditAnEntry() throws IOException {
        String own = newCalendar(calendar, "own");
        assertGoogleError(googleError(() -> calendar.calendarList().patch("primary", new CalendarListEntry().setColorId("2"))
                .execute()), 404, "notFound");

        Calendar calendarsScope = calendarClient(accessToken(http, alice(), null,
                List.of("https://www.googleapis.com/auth/calendar.calendars")));
        assertGoogleError(googleError(() -> calendarsScope.calendarList().patch(own, new CalendarListEntry().setColorId("2"))
                .execute()), 403, "insufficientPermissions");

        Calendar fullAccess = calendarClient(accessToken(http, alice(), null, List.of(FULL_CALENDAR_SCOPE)));
        assertThat(fullAccess.calendarList().patch("primary", new CalendarListEntry().setColorId("2")).execute().getColorId())
                .isEqualTo("2");
        assertThat(calendar.calendarList().get(own).execute().getColorId()).isEqualTo("1");
    }

    // CalendarList: list/get/patch name calendar.calendarlist (and list/get calendar.calendarlist.readonly); no
    // calendars.* or events.* method does
    @Test
    void theCalendarListScopeListsAndEditsEntriesAndReachesNothingElse() throws IOException {
        Calendar calendarList = calendarClient(accessToken(http, alice(), null,
                List.of("https://www.googleapis.com/auth/calendar.calendarlist")));

        assertThat(calendarList.calendarList().patch("primary", new CalendarListEntry().setColorId("2")).execute()
                .getColorId()).isEqualTo("2");
        assertThat(calendarList.calendarList().list().execute().getItems())
                .extracting(CalendarListEntry::getId, CalendarListEntry::getColorId).containsExactly(tuple(alice().email(), "2"));
        assertGoogleError(googleError(() -> calendarList.events().list("primary").execute()), 403, "insufficientPermissions");
        assertGoogleError(googleError(() -> calendarList.calendars().get("primary").execute()), 403, "insufficientPermissions");
    }

    // RFC 6750 §3.1 as AuthorizationErrorsConformanceIT: the challenge names the scopes calendarList.patch accepts
    @Test
    void theReadOnlyCalendarListScopeListsButMayNotEdit() throws IOException {
        Calendar readOnly = calendarClient(accessToken(http, alice(), null,
                List.of("https://www.googleapis.com/auth/calendar.calendarlist.readonly")));

        assertThat(readOnly.calendarList().list().execute().getItems()).extracting(CalendarListEntry::getId)
                .containsExactly(alice().email());
        assertThat(readOnly.calendarList().get("primary").execute().getColorId()).isEqualTo("14");
        GoogleJsonResponseException refused = googleError(() ->
                readOnly.calendarList().patch("primary", new CalendarListEntry().setColorId("2")).execute());
        assertGoogleError(refused, 403, "insufficientPermissions");
        assertThat(refused.getHeaders().getAuthenticate()).isEqualTo("Bearer realm=\"https://accounts.google.com/\", "
                + "error=\"insufficient_scope\", scope=\"https://www.googleapis.com/auth/calendar "
                + "https://www.googleapis.com/auth/calendar.app.created https://www.googleapis.com/auth/calendar.calendarlist\"");
        assertThat(readOnly.calendarList().get("primary").execute().getColorId()).isEqualTo("14");
    }

    // Colors: get — Google's fixed palettes, readable with any Calendar scope
    @Test
    void colorsGetAnswersGooglesPalettes() throws IOException {
        Colors colors = calendar.colors().get().execute();

        assertThat(colors.getKind()).isEqualTo("calendar#colors");
        assertThat(colors.getUpdated().toStringRfc3339()).isEqualTo("2012-02-14T00:00:00.000Z");
        assertThat(colors.getCalendar()).containsOnlyKeys(ids(24));
        assertThat(colors.getEvent()).containsOnlyKeys(ids(11));
        assertColor(colors.getCalendar().get("1"), "#ac725e");
        assertColor(colors.getCalendar().get("14"), "#9fe1e7");
        assertColor(colors.getCalendar().get("24"), "#a47ae2");
        assertColor(colors.getEvent().get("1"), "#a4bdfc");
        assertColor(colors.getEvent().get("11"), "#dc2127");
        assertThat(listed(calendar, newCalendar(calendar, "palette")).getBackgroundColor())
                .isEqualTo(colors.getCalendar().get("1").getBackground());
    }

    private static CalendarListEntry listed(Calendar client, String id) throws IOException {
        return client.calendarList().list().setShowHidden(true).execute().getItems().stream()
                .filter(entry -> entry.getId().equals(id)).findFirst().orElseThrow();
    }

    private static String[] ids(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(String::valueOf).toArray(String[]::new);
    }

    private static void assertColor(ColorDefinition color, String background) {
        assertThat(color.getBackground()).isEqualTo(background);
        assertThat(color.getForeground()).isEqualTo("#1d1d1d");
    }
}
