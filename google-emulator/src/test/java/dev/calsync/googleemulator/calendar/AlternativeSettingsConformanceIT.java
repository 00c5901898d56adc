package dev.calsync.googleemulator.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import dev.calsync.googleemulator.EmbeddedGoogleEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A second emulator with Google's abuse limit scaled down and the ⚠️ switches turned to their
 * alternatives, for behaviour the default emulator cannot show.
 */
class AlternativeSettingsConformanceIT extends CalendarConformanceSupport {

    private static final int CALENDARS_PER_WINDOW = 3;

    private static EmbeddedGoogleEmulator switched;
    private static WebTestClient switchedAdmin;

    private Calendar aliceOnSwitched;

    @BeforeAll
    static void startSwitchedEmulator() throws IOException {
        Path seedFile = Files.createTempFile("emulator-seed-switched", ".json");
        Files.writeString(seedFile, seed.toJson());
        switched = EmbeddedGoogleEmulator.start(seedFile, Map.of(
                "emulator.quota.calendars-created-per-window", String.valueOf(CALENDARS_PER_WINDOW),
                "emulator.switches.tombstone-update", "UNDELETE",
                "emulator.calendar.cancelled-bodies", "FULL",
                "emulator.calendar.foreign-calendar-for-app-created", "FORBIDDEN_403",
                "emulator.calendar.reject-rgb-without-color-rgb-format", "true"));
        switchedAdmin = WebTestClient.bindToServer().baseUrl(switched.baseUrl().toString()).build();
    }

    @AfterAll
    static void stopSwitchedEmulator() {
        if (switched != null) {
            switched.close();
        }
    }

    @BeforeEach
    void connectToSwitched() {
        switchedAdmin.post().uri("/emulator/admin/reset").exchange().expectStatus().isNoContent();
        aliceOnSwitched = calendarClient(switched, accessToken(switchedAdmin, alice(), null, List.of(CALENDAR_SCOPE)));
    }

    // "Avoid Calendar use limits"; GOOGLE.md §8 — too many new calendars: 403 quotaExceeded, writes locked, reads fine
    @Test
    void creatingMoreCalendarsThanTheLimitLocksTheAccountOutOfWriting() throws IOException {
        String last = null;
        for (int i = 0; i < CALENDARS_PER_WINDOW; i++) {
            last = newCalendar(aliceOnSwitched, "calendar " + i);
        }
        var error = googleError(() -> newCalendar(aliceOnSwitched, "one too many"));
        assertGoogleError(error, 403, "quotaExceeded");
        assertThat(message(error)).isEqualTo("Calendar usage limits exceeded.");
        assertThat(error.getDetails().getErrors().get(0).getDomain()).isEqualTo("usageLimits");

        String existing = last;
        assertGoogleError(googleError(() -> aliceOnSwitched.events().insert(existing, TestEvents.meeting("x")).execute()),
                403, "quotaExceeded");
        assertThat(aliceOnSwitched.calendars().get(existing).execute().getSummary()).isEqualTo("calendar 2");
        // (under this emulator's foreign-calendar switch the list also shows the primary calendar)
        assertThat(aliceOnSwitched.calendarList().list().execute().getItems())
                .filteredOn(entry -> !Boolean.TRUE.equals(entry.getPrimary())).hasSize(CALENDARS_PER_WINDOW);
    }

    // GOOGLE.md §2 ⚔️ "updating a tombstone reportedly undeletes it" — the UNDELETE switch revives a deleted event, and
    // with FULL bodies its tombstone still showed every field
    @Test
    void withTheUndeleteSwitchATombstoneIsRevivedByUpdate() throws IOException {
        String calendarId = newCalendar(aliceOnSwitched, "tombstones");
        aliceOnSwitched.events().insert(calendarId, TestEvents.meeting("lecture").setId("tombstone01")).execute();
        aliceOnSwitched.events().delete(calendarId, "tombstone01").execute();
        Event tombstone = aliceOnSwitched.events().get(calendarId, "tombstone01").execute();
        assertThat(tombstone.getStatus()).isEqualTo("cancelled");
        assertThat(tombstone.getSummary()).isEqualTo("lecture");

        Event revived = aliceOnSwitched.events().update(calendarId, "tombstone01", TestEvents.meeting("lecture, moved")).execute();

        assertThat(revived.getStatus()).isEqualTo("confirmed");
        assertThat(aliceOnSwitched.events().get(calendarId, "tombstone01").execute().getSummary()).isEqualTo("lecture, moved");
        assertThat(aliceOnSwitched.events().list(calendarId).execute().getItems()).extracting(Event::getId)
                .containsExactly("tombstone01");
    }

    // GOOGLE.md §7 ⚠️ [S: 403, full list] — a foreign calendar answers 403 and calendarList shows it
    @Test
    void withTheForbiddenSwitchAForeignCalendarAnswers403() throws IOException {
        Calendar otherApp = calendarClient(switched,
                accessToken(switchedAdmin, alice(), desktopClient().clientId(), List.of(CALENDAR_SCOPE)));
        String foreign = newCalendar(otherApp, "desktop app's");

        assertGoogleError(googleError(() -> aliceOnSwitched.calendars().get(foreign).execute()), 403, "forbidden");
        assertThat(aliceOnSwitched.calendarList().list().execute().getItems())
                .extracting(com.google.api.services.calendar.model.CalendarListEntry::getId).contains(foreign);
    }

    // calendarList: a changed RGB colour without colorRgbFormat=true is a 400 under the switch; sending back the
    // colours the entry shows (get, then update) still works
    @Test
    void withTheRgbSwitchAColourChangeWithoutColorRgbFormatIsInvalid() throws IOException {
        String id = newCalendar(aliceOnSwitched, "rgb switch");

        var error = googleError(() -> aliceOnSwitched.calendarList().patch(id,
                new com.google.api.services.calendar.model.CalendarListEntry().setBackgroundColor("#123456")).execute());
        assertGoogleError(error, 400, "invalid");
        assertThat(error.getDetails().getErrors().get(0).getLocation()).isEqualTo("colorRgbFormat");

        var entry = aliceOnSwitched.calendarList().get(id).execute().setSummaryOverride("round trip");
        assertThat(aliceOnSwitched.calendarList().update(id, entry).execute().getSummaryOverride()).isEqualTo("round trip");
    }
}
