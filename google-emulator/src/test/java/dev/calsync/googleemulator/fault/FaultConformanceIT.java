package dev.calsync.googleemulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import dev.calsync.googleemulator.EmulatorTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The admin API's faults, as the writer will meet them: errors, latency, dropped connections and held answers. */
class FaultConformanceIT extends EmulatorTestSupport {

    /** How long a held answer waits: seconds more than any step of these tests takes on a busy machine. */
    private static final int HOLD_MS = 5_000;

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
    void aFaultCanCarryRetryAfterAsGooglesFrontEndSendsIt() {
        Calendar calendar = calendarClient(accessToken(alice()));
        arm(Map.of("endpoint", "calendarList.list", "status", 429, "times", 1, "retryAfterSeconds", 7));

        assertThatThrownBy(() -> calendar.calendarList().list().execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class, failure -> {
                    assertThat(failure.getStatusCode()).isEqualTo(429);
                    assertThat(failure.getHeaders().getRetryAfter()).isEqualTo("7");
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
    void aHeldAnswerArrivesLateButTheCallTookEffectBeforeIt() throws Exception {
        Calendar calendar = calendarClient(accessToken(alice()));
        arm(Map.of("endpoint", "calendars.insert", "holdResponseMs", HOLD_MS));

        long started = System.nanoTime();
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return calendar.calendars().insert(new com.google.api.services.calendar.model.Calendar().setSummary("Held"))
                        .execute().getId();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String seenBeforeTheAnswer = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> calendarIdNamed("Held"), id -> id != null);
        // the calendar shows within moments of the call; the answer is held for seconds more
        assertThat(answer).as("the client still waits while the calendar already exists").isNotDone();

        assertThat(answer.get(HOLD_MS + 15_000, TimeUnit.MILLISECONDS)).isEqualTo(seenBeforeTheAnswer);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(HOLD_MS);
    }

    @Test
    void aClientThatGivesUpDuringTheHoldHasChangedGoogleAnyway() {
        String token = accessToken(alice());
        // gives up seconds before the held answer would come; on a busy machine the emulator may not even have
        // handled the call by then, so the calendar is awaited below rather than expected at once
        Calendar impatient = new Calendar.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), request -> {
            request.getHeaders().setAuthorization("Bearer " + token);
            request.setReadTimeout(1_500);
            request.setNumberOfRetries(0);
        }).setRootUrl(baseUrl() + "/").setApplicationName("calsync-conformance").build();
        arm(Map.of("endpoint", "calendars.insert", "holdResponseMs", HOLD_MS));

        assertThatThrownBy(() -> impatient.calendars()
                .insert(new com.google.api.services.calendar.model.Calendar().setSummary("Never confirmed")).execute())
                .isInstanceOf(SocketTimeoutException.class);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(calendarIdNamed("Never confirmed")).as("the calendar it never heard of").isNotNull());
    }

    @Test
    void aCallFailedByAFaultIsNotHeld() {
        Calendar calendar = calendarClient(accessToken(alice()));
        arm(Map.of("endpoint", "calendarList.list", "holdResponseMs", 5000));
        arm(Map.of("endpoint", "calendarList.list", "status", 503, "times", 1));

        long started = System.nanoTime();
        assertThatThrownBy(() -> calendar.calendarList().list().execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class, failure -> assertThat(failure.getStatusCode()).isEqualTo(503));
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5000);
    }

    /** The id of Alice's calendar with this name, as the admin API shows it, or null. */
    private static String calendarIdNamed(String summary) {
        JsonNode calendars = http.get().uri("/emulator/admin/accounts/" + alice().email() + "/calendars").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        for (JsonNode calendar : calendars) {
            if (summary.equals(calendar.path("summary").asText())) {
                return calendar.path("id").asText();
            }
        }
        return null;
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
