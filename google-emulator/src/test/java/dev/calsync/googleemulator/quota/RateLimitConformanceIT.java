package dev.calsync.googleemulator.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarListEntry;
import dev.calsync.googleemulator.EmbeddedGoogleEmulator;
import dev.calsync.googleemulator.EmulatorTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Requests per user and per project over a sliding window (Calendar "Manage quotas"; GOOGLE.md §8: 403
 * userRateLimitExceeded for the user, rateLimitExceeded 429 for the project [E]). The window is scaled from a
 * minute down to 6 seconds and the limits to 5 per user and 8 per project, as quota tests of calsync scale them.
 * A patch costs 3 units, as the patch methods' reference pages say ({@code emulator.switches.patch-quota-units}).
 */
class RateLimitConformanceIT extends EmulatorTestSupport {

    private static EmbeddedGoogleEmulator limited;

    @BeforeAll
    static void startLimitedEmulator() throws Exception {
        Path seedFile = Files.createTempFile("limited-seed", ".json");
        Files.writeString(seedFile, seed.toJson());
        limited = EmbeddedGoogleEmulator.start(seedFile, Map.of(
                "emulator.quota.window", "6s",
                "emulator.quota.per-user-per-window", 5,
                "emulator.quota.per-project-per-window", 8,
                "emulator.switches.patch-quota-units", 3));
    }

    @BeforeEach
    void resetLimitedEmulator() {
        admin().post().uri("/emulator/admin/reset").exchange().expectStatus().isNoContent();
    }

    @AfterAll
    static void stopLimitedEmulator() {
        limited.close();
    }

    @Test
    void theSixthCallOfAUserInTheWindowIsRefusedAndTheWindowSlides() throws Exception {
        Calendar alice = calendarClient(limited, limitedToken(alice()));
        for (int i = 0; i < 3; i++) {
            alice.calendarList().list().execute();
        }
        limited.clock().advance(Duration.ofSeconds(3));
        for (int i = 0; i < 2; i++) {
            alice.calendarList().list().execute();
        }
        assertThatThrownBy(() -> alice.calendarList().list().execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class, refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(403);
                    assertThat(refused.getDetails().getErrors().get(0).getDomain()).isEqualTo("usageLimits");
                    assertThat(refused.getDetails().getErrors().get(0).getReason()).isEqualTo("userRateLimitExceeded");
                    assertThat(refused.getDetails().getMessage()).isEqualTo("User Rate Limit Exceeded");
                });

        // 3 s later the first three calls have left the 6-second window, the last two have not
        limited.clock().advance(Duration.ofSeconds(3));
        for (int i = 0; i < 3; i++) {
            alice.calendarList().list().execute();
        }
        assertThatThrownBy(() -> alice.calendarList().list().execute()).isInstanceOf(GoogleJsonResponseException.class);
    }

    @Test
    void refusedCallsAreCountedPerAccountMethodAndReasonApartFromTheCallsThatRan() throws Exception {
        Calendar alice = calendarClient(limited, limitedToken(alice()));
        Calendar bob = calendarClient(limited, limitedToken(bob()));
        for (int i = 0; i < 5; i++) {
            alice.calendarList().list().execute();
        }
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> alice.calendars().get("primary").execute()).isInstanceOf(GoogleJsonResponseException.class);
        }
        for (int i = 0; i < 3; i++) {
            bob.calendarList().list().execute();
        }
        assertThatThrownBy(() -> bob.calendarList().list().execute()).isInstanceOf(GoogleJsonResponseException.class);

        assertThat(admin().get().uri("/emulator/admin/calls/refused").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody())
                .isEqualTo(Map.of(
                        alice().email(), Map.of("calendars.get", Map.of("userRateLimitExceeded", 2)),
                        bob().email(), Map.of("calendarList.list", Map.of("rateLimitExceeded", 1))));
        assertThat(admin().get().uri("/emulator/admin/calls").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody())
                .isEqualTo(Map.of(alice().email(), Map.of("calendarList.list", 5), bob().email(), Map.of("calendarList.list", 3)));

        admin().delete().uri("/emulator/admin/calls").exchange().expectStatus().isNoContent();
        assertThat(admin().get().uri("/emulator/admin/calls/refused").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody()).isEmpty();
    }

    @Test
    void theProjectLimitIsSharedByAllUsers() throws Exception {
        Calendar alice = calendarClient(limited, limitedToken(alice()));
        Calendar bob = calendarClient(limited, limitedToken(bob()));
        for (int i = 0; i < 5; i++) {
            alice.calendarList().list().execute();
        }
        for (int i = 0; i < 3; i++) {
            bob.calendarList().list().execute();
        }
        assertThatThrownBy(() -> bob.calendarList().list().execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class, refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(429);
                    assertThat(refused.getDetails().getErrors().get(0).getReason()).isEqualTo("rateLimitExceeded");
                });
    }

    // Calendars: patch, CalendarList: patch — "This method uses three units of quota": with the switch at 3 each patch
    // leaves room for only two more calls of the user's five in the window
    @Test
    void aPatchOfACalendarOrCalendarListEntryCostsThePatchQuotaUnits() throws Exception {
        Calendar alice = calendarClient(limited, limitedToken(alice()));
        String id = alice.calendars().insert(new com.google.api.services.calendar.model.Calendar().setSummary("patched"))
                .execute().getId();
        limited.clock().advance(Duration.ofSeconds(6));

        alice.calendarList().patch(id, new CalendarListEntry().setColorId("3")).execute();
        assertOnlyTwoMoreCallsFit(alice, id);

        limited.clock().advance(Duration.ofSeconds(6));
        alice.calendars().patch(id, new com.google.api.services.calendar.model.Calendar().setSummary("patched twice")).execute();
        assertOnlyTwoMoreCallsFit(alice, id);
    }

    private static void assertOnlyTwoMoreCallsFit(Calendar alice, String id) throws Exception {
        alice.calendarList().get(id).execute();
        alice.calendarList().get(id).execute();
        assertThatThrownBy(() -> alice.calendarList().get(id).execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class, refused ->
                        assertThat(refused.getDetails().getErrors().get(0).getReason()).isEqualTo("userRateLimitExceeded"));
    }

    private static WebTestClient admin() {
        return WebTestClient.bindToServer().baseUrl(limited.baseUrl().toString()).build();
    }

    private static String limitedToken(dev.calsync.secrets.GoogleOAuthClients.Account account) {
        return (String) admin().post().uri("/emulator/admin/grants")
                .bodyValue(Map.of("account", account.email(), "scopes", java.util.List.of(CALENDAR_SCOPE)))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }
}
