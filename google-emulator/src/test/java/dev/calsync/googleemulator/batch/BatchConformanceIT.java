package dev.calsync.googleemulator.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.http.HttpHeaders;
import com.google.api.services.calendar.Calendar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calsync.googleemulator.EmulatorTestSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The batch endpoint through Google's own BatchRequest ("Send batch requests"; GOOGLE.md §8): one outer
 * 200, each call's own status in request order, and each call counted like a single one.
 */
class BatchConformanceIT extends EmulatorTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOGLE_NOT_FOUND =
            "{\"error\":{\"code\":404,\"message\":\"Not Found\",\"errors\":[{\"message\":\"Not Found\",\"domain\":\"global\",\"reason\":\"notFound\"}]}}";

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

    // GOOGLE.md §8 "tolerate CRLF, a preamble and epilogue, and Content-ID with or without <>": bare LF too
    @Test
    void aBatchWithBareLineFeedsPreambleAndEpilogueIsServed() throws Exception {
        String token = accessToken(alice());
        String body = RawBatch.lines("\n",
                "This preamble is ignored.",
                "--" + RawBatch.BOUNDARY,
                "Content-Type: application/http",
                "Content-ID: <insert-1>",
                "",
                "POST /calendar/v3/calendars HTTP/1.1",
                "Content-Type: application/json",
                "",
                "{\"summary\": \"written with LF\"}",
                "--" + RawBatch.BOUNDARY,
                "Content-Type: application/http",
                "Content-ID: list-2",
                "",
                "GET /calendar/v3/users/me/calendarList",
                "",
                "--" + RawBatch.BOUNDARY + "--",
                "This epilogue is ignored too.");

        HttpResponse<String> response = RawBatch.send(baseUrl(), token, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RawBatch.answers(response)).extracting(RawBatch.PartAnswer::contentId, RawBatch.PartAnswer::status)
                .containsExactly(tuple("response-insert-1", 200), tuple("response-list-2", 200));
        assertThat(calendarClient(token).calendarList().list().execute().getItems())
                .extracting(entry -> entry.getSummary()).contains("written with LF");
    }

    @Test
    void aBatchMixingCrlfAndBareLineFeedsIsServed() throws Exception {
        String token = accessToken(alice());
        String body = "--" + RawBatch.BOUNDARY + "\r\n"
                + "Content-Type: application/http\r\n"
                + "Content-ID: <mixed>\r\n\r\n"
                + RawBatch.lines("\n", "POST /calendar/v3/calendars", "Content-Type: application/json", "", "{\"summary\":\"mixed\"}")
                + "\r\n--" + RawBatch.BOUNDARY + "--\r\n";

        HttpResponse<String> response = RawBatch.send(baseUrl(), token, body);

        assertThat(RawBatch.answers(response)).extracting(RawBatch.PartAnswer::status).containsExactly(200);
        assertThat(RawBatch.answers(response).get(0).body()).contains("\"summary\":\"mixed\"");
    }

    // a malformed envelope is the client's mistake: Google's 400, never a 500 or Spring's error JSON
    @Test
    void aMalformedBatchAnswersGooglesBadRequest() throws Exception {
        String token = accessToken(alice());
        List<HttpResponse<String>> responses = List.of(
                RawBatch.send(baseUrl(), token, "no boundary anywhere\n"),
                RawBatch.send(baseUrl(), token, "multipart/mixed", RawBatch.lines("\n", "--x", "", "GET /calendar/v3/colors", "--x--")),
                RawBatch.send(baseUrl(), token, RawBatch.lines("\n", "--" + RawBatch.BOUNDARY, "Content-Type: application/http", "",
                        "not a request line", "--" + RawBatch.BOUNDARY + "--")),
                RawBatch.send(baseUrl(), token, RawBatch.lines("\n", "--" + RawBatch.BOUNDARY, "Content-Type: application/http", "",
                        "GET /calendar/v3/{not a url}", "--" + RawBatch.BOUNDARY + "--")));

        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
            JsonNode error = JSON.readTree(response.body()).get("error");
            assertThat(error.get("code").asInt()).isEqualTo(400);
            assertThat(error.get("errors").get(0).get("reason").asText()).isEqualTo("invalid");
            assertThat(error.get("message").asText()).isEqualTo(error.get("errors").get(0).get("message").asText());
        }
    }

    // Google documents no byte limit for a batch, only 1000 calls; the emulator bounds what it holds in memory
    // (emulator.quota.max-batch-size, 8 MB) and answers a larger envelope 413 as a whole, replaying nothing
    @Test
    void aBatchLargerThanTheLimitIsTooLarge() throws Exception {
        String token = accessToken(alice());
        String summary = "x".repeat(9 * 1024 * 1024);
        String body = RawBatch.lines("\n", "--" + RawBatch.BOUNDARY, "Content-Type: application/http", "",
                "POST /calendar/v3/calendars", "Content-Type: application/json", "", "{\"summary\":\"" + summary + "\"}",
                "--" + RawBatch.BOUNDARY + "--");

        HttpResponse<String> response = RawBatch.send(baseUrl(), token, body);

        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(413);
        assertThat(error.get("message").asText()).isEqualTo("A batch request cannot be larger than 8388608 bytes.");
        assertThat(calendarClient(token).calendarList().list().execute().getItems()).extracting(e -> e.getSummary().length())
                .doesNotContain(summary.length());
    }

    // "Send batch requests": all the inner requests must go to the same API, so a part aimed elsewhere is not
    // dispatched; it answers 404 in its part, and the admin and OAuth endpoints never see it
    @Test
    void aPartOutsideTheCalendarApiIsNotFoundAndReachesNothing() throws Exception {
        String token = accessToken(alice());
        Calendar calendar = calendarClient(token);
        String kept = calendar.calendars().insert(new com.google.api.services.calendar.model.Calendar().setSummary("kept"))
                .execute().getId();
        String body = RawBatch.lines("\n",
                part("reset", "POST /emulator/admin/reset"),
                part("traversal", "POST /calendar/v3/../../emulator/admin/reset"),
                part("encoded", "POST /calendar/v3/%2e%2e/%2E%2E/emulator/admin/reset"),
                part("secrets", "GET /emulator/admin/secrets"),
                part("token", "POST /token"),
                part("wrong-method", "DELETE /calendar/v3/users/me/calendarList"),
                part("fine", "GET /calendar/v3/calendars/" + kept),
                "--" + RawBatch.BOUNDARY + "--");

        HttpResponse<String> response = RawBatch.send(baseUrl(), token, body);

        List<RawBatch.PartAnswer> answers = RawBatch.answers(response);
        assertThat(answers).extracting(RawBatch.PartAnswer::contentId, RawBatch.PartAnswer::status).containsExactly(
                tuple("response-reset", 404), tuple("response-traversal", 404), tuple("response-encoded", 404),
                tuple("response-secrets", 404), tuple("response-token", 404), tuple("response-wrong-method", 404),
                tuple("response-fine", 200));
        for (RawBatch.PartAnswer notFound : answers.subList(0, 6)) {
            assertThat(JSON.readTree(notFound.body())).isEqualTo(JSON.readTree(GOOGLE_NOT_FOUND));
        }
        // nothing was reset: the token still works and the calendar is still there
        assertThat(calendar.calendars().get(kept).execute().getSummary()).isEqualTo("kept");
    }

    private static String part(String contentId, String requestLine) {
        return RawBatch.lines("\n", "--" + RawBatch.BOUNDARY, "Content-Type: application/http", "Content-ID: " + contentId, "",
                requestLine, "").stripTrailing();
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
