package dev.calsync.googleemulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import dev.calsync.googleemulator.EmulatorTestSupport;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin API's faults, as the writer will meet them: errors, latency and dropped connections. */
class FaultConformanceTest extends EmulatorTestSupport {

    @Test
    void theNextNCallsFailWithTheArmedStatusThenCallsSucceed() throws Exception {
        Calendar calendar = calendarClient(accessToken(alice()));
        arm(Map.of("endpoint", "calendarList.list", "status", 503, "times", 2));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> calendar.calendarList().list().execute())
                    .isInstanceOfSatisfying(GoogleJsonResponseException.class, failure -> {
                        assertThat(failure.getStatusCode()).isEqualTo(503);
                        assertThat(failure.getDetails().getErrors().get(0).getReason()).isEqualTo("backendError");
                    });
        }
        assertThat(calendar.calendarList().list().execute().getItems()).isNotNull();
    }

    @Test
    void aRateLimitFaultAnswersGooglesUsageLimitsBody() {
        Calendar calendar = calendarClient(accessToken(alice()));
        arm(Map.of("endpoint", "*", "status", 403, "reason", "rateLimitExceeded", "times", 1));

        assertThatThrownBy(() -> calendar.calendarList().list().execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class, failure -> {
                    assertThat(failure.getStatusCode()).isEqualTo(403);
                    assertThat(failure.getDetails().getErrors().get(0).getDomain()).isEqualTo("usageLimits");
                    assertThat(failure.getDetails().getErrors().get(0).getReason()).isEqualTo("rateLimitExceeded");
                });
    }

    @Test
    void addedLatencyDelaysTheAnswer() throws Exception {
        Calendar calendar = calendarClient(accessToken(alice()));
        arm(Map.of("endpoint", "calendarList.list", "latencyMs", 400));

        long started = System.nanoTime();
        calendar.calendarList().list().execute();
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(400);
    }

    @Test
    void aResetDropsTheConnectionWithoutAnAnswer() {
        Calendar calendar = calendarClient(accessToken(alice()));
        // the JDK's HttpURLConnection silently resends an idempotent GET once on a dropped connection
        arm(Map.of("endpoint", "calendarList.list", "reset", true, "times", 2));

        assertThatThrownBy(() -> calendar.calendarList().list().execute())
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(GoogleJsonResponseException.class);
    }

    @Test
    void theTokenEndpointCanFailToo() {
        arm(Map.of("endpoint", "oauth.token", "status", 500, "times", 1));
        http.post().uri("/token").bodyValue("grant_type=refresh_token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .exchange()
                .expectStatus().isEqualTo(500)
                .expectBody().jsonPath("$.error").isEqualTo("internal_failure");
    }

    @Test
    void faultsAreListedAndCleared() {
        arm(Map.of("endpoint", "events.insert", "status", 500, "rate", 0.5));
        http.get().uri("/emulator/admin/faults").exchange().expectBody()
                .jsonPath("$[0].endpoint").isEqualTo("events.insert");
        http.delete().uri("/emulator/admin/faults").exchange().expectStatus().isNoContent();
        http.get().uri("/emulator/admin/faults").exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
    }

    @Test
    void aFaultWithoutAnEndpointIsRejected() {
        http.post().uri("/emulator/admin/faults").bodyValue(Map.of("status", 500, "times", 1))
                .exchange().expectStatus().isBadRequest();
    }

    private static void arm(Map<String, Object> fault) {
        http.post().uri("/emulator/admin/faults").bodyValue(fault).exchange().expectStatus().isCreated();
    }
}
