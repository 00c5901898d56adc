package dev.calsync.googleemulator.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import dev.calsync.googleemulator.EmulatorTestSupport;
import dev.calsync.secrets.GoogleOAuthClients;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Drives the emulator the way calsync drives Google: through {@code google-api-services-calendar}
 * with only its root URL changed. {@link #calendar} is Alice through the seed's web client with
 * calendar.app.created, calsync's scope.
 */
abstract class CalendarConformanceSupport extends EmulatorTestSupport {

    static final String FULL_CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar";

    /** Alice, through the web client, with calendar.app.created. */
    protected Calendar calendar;

    @BeforeEach
    void connectAlice() {
        calendar = calendarClient(accessToken(alice()));
    }

    /** A grant of {@code account} to a given client (null = the web client) with given scopes. */
    static String accessToken(WebTestClient admin, GoogleOAuthClients.Account account, String clientId, List<String> scopes) {
        return (String) grant(admin, account, clientId, scopes).get("access_token");
    }

    /** A secondary calendar created by {@code client}; returns its id. */
    static String newCalendar(Calendar client, String summary) throws IOException {
        return client.calendars().insert(new com.google.api.services.calendar.model.Calendar()
                .setSummary(summary).setTimeZone("Europe/Berlin")).execute().getId();
    }

    interface GoogleCall {
        void run() throws IOException;
    }

    /** The Google error a call must fail with. */
    static GoogleJsonResponseException googleError(GoogleCall call) {
        return assertThrows(GoogleJsonResponseException.class, call::run);
    }

    static void assertGoogleError(GoogleJsonResponseException error, int status, String reason) {
        assertThat(error.getStatusCode()).as("HTTP status").isEqualTo(status);
        assertThat(error.getDetails()).as("Google error body").isNotNull();
        assertThat(error.getDetails().getCode()).isEqualTo(status);
        assertThat(error.getDetails().getErrors().get(0).getReason()).as("reason").isEqualTo(reason);
    }

    static String message(GoogleJsonResponseException error) {
        return error.getDetails().getErrors().get(0).getMessage();
    }
}
