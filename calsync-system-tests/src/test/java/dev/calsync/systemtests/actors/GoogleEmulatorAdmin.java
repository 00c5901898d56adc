package dev.calsync.systemtests.actors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The emulator's admin API (README "google-emulator"): what Google holds, and the Calendar calls it answered. */
public final class GoogleEmulatorAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI emulator;

    public GoogleEmulatorAdmin(URI emulator) {
        this.emulator = emulator;
    }

    /** Calendar calls per account and method since the last {@link #clearCalls()}. */
    public Map<String, Map<String, Long>> calls() throws IOException, InterruptedException {
        return JSON.readValue(send("GET", "/emulator/admin/calls").body(), new TypeReference<>() { });
    }

    public void clearCalls() throws IOException, InterruptedException {
        send("DELETE", "/emulator/admin/calls");
    }

    /** The account's calendar of that name (not deleted), with every event, tombstones included. */
    public Optional<JsonNode> calendar(String account, String summary) throws IOException, InterruptedException {
        JsonNode calendars = JSON.readTree(send("GET", "/emulator/admin/accounts/"
                + URLEncoder.encode(account, StandardCharsets.UTF_8) + "/calendars").body());
        for (JsonNode calendar : calendars) {
            if (summary.equals(calendar.path("summary").asText()) && !calendar.path("deleted").asBoolean()) {
                return Optional.of(calendar);
            }
        }
        return Optional.empty();
    }

    /** The summaries of the live (not cancelled) events of the account's calendar of that name; empty without one. */
    public List<String> liveEventSummaries(String account, String calendar) throws IOException, InterruptedException {
        List<String> summaries = new ArrayList<>();
        for (JsonNode event : calendar(account, calendar).map(found -> found.path("events")).orElse(JSON.createArrayNode())) {
            if (!"cancelled".equals(event.path("status").asText())) {
                summaries.add(event.path("summary").asText());
            }
        }
        summaries.sort(null);
        return summaries;
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(emulator.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
        return response;
    }
}
