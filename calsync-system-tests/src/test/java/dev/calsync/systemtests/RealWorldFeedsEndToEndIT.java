package dev.calsync.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.calsync.calendarwriter.CalendarWriterServiceApplication;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.feed.FeedSubscription;
import dev.calsync.contracts.feed.SubscriptionAction;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.feedingest.FeedIngestServiceApplication;
import dev.calsync.googleemulator.EmbeddedGoogleEmulator;
import dev.calsync.secrets.SealedForSubscriber;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.secrets.TinkKeysets;
import dev.calsync.testsupport.KafkaBroker;
import dev.calsync.testsupport.RealInfrastructure;
import dev.calsync.testsupport.TopicRecords;
import dev.calsync.token.TokenServiceApplication;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A handful of the real-world corpus (docs/feeds.md) end to end: each file is served over HTTP as a feed,
 * subscribed through the topics as oauth-service would (a grant of Alice's emulator account, then the feed),
 * and fetched, read, sent and written by the real feed-ingest-service, token-service and
 * calendar-writer-service; what Alice's Google calendar then lists (events.list with singleEvents, as
 * Google expands series) must be what the independent reading in the file's {@code .expected} says.
 * Nothing here touches a service's internals: only topics, HTTP and the emulator's API and admin API.
 */
@RealInfrastructure
class RealWorldFeedsEndToEndIT {

    private static final Path CORPUS = Path.of("..", "feed-ingest-service", "src", "test", "resources", "real-world")
            .toAbsolutePath().normalize();
    private static final String ALICE = "alice@example.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    static EmbeddedGoogleEmulator emulator;
    static HttpServer feeds;
    static final List<ConfigurableApplicationContext> SERVICES = new ArrayList<>();

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path secrets = Path.of(System.getProperty("CALSYNC_SECRETS_DIR"));
        emulator = EmbeddedGoogleEmulator.start(secrets.resolve(SecretName.GOOGLE_OAUTH_CLIENTS.fileName()));
        String google = emulator.baseUrl().toString();
        ConfigurableApplicationContext tokenService = ServiceProcessesInOneJvm.start("token-service",
                Map.of("GOOGLE_ISSUER", google), TokenServiceApplication.class);
        SERVICES.add(tokenService);
        int tokenPort = ((WebServerApplicationContext) tokenService).getWebServer().getPort();
        SERVICES.add(ServiceProcessesInOneJvm.start("calendar-writer-service", Map.of("GOOGLE_ISSUER", google,
                "GOOGLE_CALENDAR_ROOT_URL", google + "/", "TOKEN_SERVICE_URL", "http://127.0.0.1:" + tokenPort),
                CalendarWriterServiceApplication.class));
        SERVICES.add(ServiceProcessesInOneJvm.start("feed-ingest-service", Map.of("GOOGLE_ISSUER", google,
                "CALSYNC_FEED_ALLOW_LOOPBACK", "true"), FeedIngestServiceApplication.class));
        feeds = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feeds.createContext("/", exchange -> {
            try (exchange) {
                Path file = CORPUS.resolve(Path.of(exchange.getRequestURI().getPath()).getFileName().toString());
                byte[] body = Files.readAllBytes(file);
                exchange.getResponseHeaders().add("Content-Type", "text/calendar; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        feeds.start();
    }

    @AfterAll
    static void stopTheSystem() {
        if (feeds != null) {
            feeds.stop(0);
        }
        for (int i = SERVICES.size() - 1; i >= 0; i--) {
            SERVICES.get(i).close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "icalendar--calendars--issue_156_RDATE_with_PERIOD_TZID_khal.ics", // no UID, RDATE of periods, THISANDFUTURE
        "rie--issue_223_thunderbird.ics",
        "rie--recurring_events_moved.ics",
        "rie--issue_62_moved_event_2.ics",
        "rie--issue_151_macos_linux_difference.ics",
        "rie--issue_28_rrule_with_UTC_endinginZ.ics",
    })
    void aFeedLandsInGoogleAsTheIndependentReadingSays(String file, KafkaBroker kafka) throws Exception {
        List<String> expectation = Files.readAllLines(CORPUS.resolve(file.replace(".ics", ".expected")), StandardCharsets.UTF_8);
        String[] window = expectation.stream().filter(line -> line.startsWith("window ")).findFirst().orElseThrow().split(" ");
        List<String> expected = expectation.stream().filter(line -> line.contains(" | ")).sorted().toList();

        String subscriber = "sub-" + UUID.randomUUID();
        String feedId = "feed-" + UUID.randomUUID();
        String calendarName = "corpus " + feedId;
        JsonNode grant = consentAtGoogle();
        publish(kafka, Topics.TOKEN_GRANTED, subscriber, new TokenGranted(subscriber, UUID.randomUUID(), Instant.now(),
                grant.get("sub").asText(), ALICE, List.of("openid", "email", "https://www.googleapis.com/auth/calendar.app.created"),
                grant.get("client_id").asText(), seal(SecretName.TOKEN_HYBRID_PUBLIC_KEYSET, grant.get("refresh_token").asText(), subscriber)));
        String url = "http://127.0.0.1:" + feeds.getAddress().getPort() + "/" + file;
        publish(kafka, Topics.FEED_SUBSCRIPTION, subscriber, new FeedSubscription(subscriber, feedId, SubscriptionAction.SUBSCRIBED,
                seal(SecretName.FEED_URL_HYBRID_PUBLIC_KEYSET, url, subscriber), calendarName, Instant.now()));

        String accessToken = grant.get("access_token").asText();
        List<String> shown = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .alias("Alice's calendar " + calendarName + " shows the " + expected.size() + " occurrences of " + file)
                .until(() -> occurrences(accessToken, calendarName, window[1], window[2]), expected::equals);
        assertThat(shown).isEqualTo(expected);
    }

    /** Every occurrence the calendar lists in the window, as the .expected files write them, sorted. */
    private static List<String> occurrences(String accessToken, String calendarName, String from, String to) throws Exception {
        String calendarId = null;
        for (JsonNode entry : api(accessToken, "users/me/calendarList").path("items")) {
            if (calendarName.equals(entry.path("summary").asText())) {
                calendarId = entry.path("id").asText();
            }
        }
        List<String> shown = new ArrayList<>();
        if (calendarId == null) {
            return shown;
        }
        String pageToken = null;
        do {
            JsonNode page = api(accessToken, "calendars/" + encode(calendarId) + "/events?singleEvents=true&maxResults=2500&timeMin="
                    + encode(from) + "&timeMax=" + encode(to) + (pageToken == null ? "" : "&pageToken=" + encode(pageToken)));
            for (JsonNode event : page.path("items")) {
                if ("cancelled".equals(event.path("status").asText())) {
                    continue;
                }
                JsonNode start = event.path("start");
                String at = start.has("date") ? start.get("date").asText()
                        : UTC.format(OffsetDateTime.parse(start.get("dateTime").asText()).withOffsetSameInstant(ZoneOffset.UTC));
                // the window is on starts, as in the .expected files; events.list also lists what only overlaps it
                if (!start.has("date") && (at.compareTo(from) < 0 || at.compareTo(to) >= 0)) {
                    continue;
                }
                shown.add(at + " | " + event.path("summary").asText("").replace("\n", "\\n"));
            }
            pageToken = page.path("nextPageToken").asText(null);
        } while (pageToken != null);
        shown.sort(null);
        return shown;
    }

    private static JsonNode api(String accessToken, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/calendar/v3/" + path))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A grant of Alice's account as if she consented (the emulator's admin API), as oauth-service would receive it. */
    private static JsonNode consentAtGoogle() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/emulator/admin/grants"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"" + ALICE + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String seal(SecretName publicKeyset, String plaintext, String subscriber) {
        SecretStore secrets = SecretStore.fromDirectory(Path.of(System.getProperty("CALSYNC_SECRETS_DIR")));
        return SealedForSubscriber.seal(TinkKeysets.hybridEncrypt(secrets, publicKeyset), plaintext, subscriber);
    }

    private static void publish(KafkaBroker kafka, String topic, String key, Object record) throws Exception {
        TopicRecords.send(kafka, new ProducerRecord<>(topic, key, ContractJson.encode((dev.calsync.contracts.CalsyncEvent) record)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
