package dev.calsync.googleemulator.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.http.HttpHeaders;
import com.google.api.services.calendar.Calendar;
import dev.calsync.googleemulator.EmulatorTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The batch endpoint through Google's own BatchRequest ("Send batch requests"; GOOGLE.md §8): one outer
 * 200, each call's own status in request order, and each call counted like a single one.
 */
class BatchConformanceIT extends EmulatorTestSupport {

    @Test
    void eachCallAnswersOnItsOwnAndCountsAsOneCall() throws Exception {
        Calendar calendar = calendarClient(accessToken(alice()));
        List<String> outcomes = new ArrayList<>();
        BatchRequest batch = calendar.batch();
        for (int i = 0; i < 3; i++) {
            calendar.calendars().insert(new com.google.api.services.calendar.model.Calendar().setSummary("Feed " + i))
                    .queue(batch, callback(outcomes));
        }
        calendar.calendars().get("nope@group.calendar.google.com").queue(batch, callback(outcomes));

        batch.execute();

        assertThat(outcomes).containsExactly("ok", "ok", "ok", "404 notFound");
        assertThat(calendar.calendarList().list().execute().getItems())
                .extracting(entry -> entry.getSummary()).contains("Feed 0", "Feed 1", "Feed 2");
        http.get().uri("/emulator/admin/calls").exchange().expectBody()
                .jsonPath("$['" + alice().email() + "']['calendars.insert']").isEqualTo(3)
                .jsonPath("$['" + alice().email() + "']['calendars.get']").isEqualTo(1);
    }

    @Test
    void aCallWithABadTokenFailsAloneInsideTheBatch() throws Exception {
        Calendar good = calendarClient(accessToken(alice()));
        Calendar bad = calendarClient("ya29.not-a-token");
        List<String> outcomes = new ArrayList<>();
        BatchRequest batch = good.batch();
        good.calendarList().list().queue(batch, callback(outcomes));
        bad.calendarList().list().queue(batch, callback(outcomes));

        batch.execute();

        assertThat(outcomes).containsExactly("ok", "401 authError");
    }

    @Test
    void aBatchThatIsNotMultipartIsRejected() {
        http.post().uri("/batch/calendar/v3").bodyValue(Map.of("x", 1)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.errors[0].reason").isEqualTo("invalid");
    }

    private static <T> JsonBatchCallback<T> callback(List<String> outcomes) {
        return new JsonBatchCallback<>() {
            @Override
            public void onSuccess(T result, HttpHeaders headers) {
                outcomes.add("ok");
            }

            @Override
            public void onFailure(GoogleJsonError error, HttpHeaders headers) {
                outcomes.add(error.getCode() + " " + error.getErrors().get(0).getReason());
            }
        };
    }
}
