package dev.calsync.calendarwriter.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calsync.calendarwriter.eventchange.EventIds;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.googleemulator.EmbeddedGoogleEmulator;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.testsupport.CalsyncServiceTest;
import dev.calsync.testsupport.KafkaBroker;
import dev.calsync.testsupport.TopicRecords;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The writer on a real broker and database, with google-emulator in the same JVM as its Google and a
 * stand-in of token-service's access-token API over real HTTP. Every test uses its own subscriber (all
 * connected to Alice's Google account) and asserts on what Alice would see in her calendars.
 */
@CalsyncServiceTest(properties = {"calsync.writer.retry-initial-backoff=20ms", "calsync.writer.retry-max-backoff=200ms"})
public abstract class WriterTestSupport {

    protected static final String ALICE = "alice@example.com";
    protected static final ObjectMapper JSON = new ObjectMapper();

    protected static EmbeddedGoogleEmulator google;
    /** Further emulator settings for one test class: fill in a static initializer; cleared after the class. */
    protected static final Map<String, Object> EMULATOR_SETTINGS = new java.util.concurrent.ConcurrentHashMap<>();
    protected static TokenServiceStandIn tokenService;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    protected KafkaBroker kafka;
    protected String subscriber;
    protected UUID grant;
    protected String feed;

    @DynamicPropertySource
    static void pointAtTheEmulator(DynamicPropertyRegistry registry) {
        registry.add("calsync.google.calendar-root-url", () -> emulator().baseUrl() + "/");
        registry.add("calsync.writer.token-service-url", () -> standIn().baseUrl().toString());
    }

    protected static synchronized EmbeddedGoogleEmulator emulator() {
        if (google == null) {
            Path seed = secretsDir().resolve(SecretName.GOOGLE_OAUTH_CLIENTS.fileName());
            Map<String, Object> settings = new HashMap<>(EMULATOR_SETTINGS);
            google = EmbeddedGoogleEmulator.start(seed, settings);
        }
        return google;
    }

    protected static synchronized TokenServiceStandIn standIn() {
        if (tokenService == null) {
            try {
                tokenService = new TokenServiceStandIn(emulator().baseUrl(),
                        new SecretStore(secretsDir(), name -> null).read(SecretName.SERVICE_CREDENTIAL));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return tokenService;
    }

    @AfterAll
    static synchronized void stopFakes() {
        EMULATOR_SETTINGS.clear();
        if (tokenService != null) {
            tokenService.close();
            tokenService = null;
        }
        if (google != null) {
            google.close();
            google = null;
        }
    }

    @BeforeEach
    void newSubscriber(KafkaBroker kafka) throws Exception {
        this.kafka = kafka;
        subscriber = "sub-" + UUID.randomUUID();
        grant = UUID.randomUUID();
        feed = "feed-" + UUID.randomUUID();
        standIn().connect(subscriber, ALICE);
        admin("DELETE", "/emulator/admin/faults", null);
        admin("DELETE", "/emulator/admin/calls", null);
    }

    protected static Path secretsDir() {
        return Path.of(System.getProperty("CALSYNC_SECRETS_DIR"));
    }

    protected void send(EventChanged... changes) throws Exception {
        for (EventChanged change : changes) {
            TopicRecords.send(kafka, new ProducerRecord<>(Topics.EVENT_CHANGED, change.subscriberId(), ContractJson.encode(change)));
        }
    }

    /** The feed's calendar as Alice's account holds it (deleted ones too), with its stored events. */
    protected Optional<JsonNode> feedCalendar(String subscriberId, String feedId) throws Exception {
        String marker = EventIds.feedMarker(subscriberId, feedId);
        for (JsonNode calendar : admin("GET", "/emulator/admin/accounts/" + ALICE + "/calendars", null)) {
            if (calendar.path("description").asText("").contains(marker) && !calendar.path("deleted").asBoolean()) {
                return Optional.of(calendar);
            }
        }
        return Optional.empty();
    }

    protected List<JsonNode> calendarsWithMarker(String subscriberId, String feedId) throws Exception {
        String marker = EventIds.feedMarker(subscriberId, feedId);
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode calendar : admin("GET", "/emulator/admin/accounts/" + ALICE + "/calendars", null)) {
            if (calendar.path("description").asText("").contains(marker) && !calendar.path("deleted").asBoolean()) {
                found.add(calendar);
            }
        }
        return found;
    }

    /** The feed's stored events that are not cancelled. */
    protected List<JsonNode> liveEvents() throws Exception {
        return events(event -> !"cancelled".equals(event.path("status").asText()));
    }

    protected List<JsonNode> events(Predicate<JsonNode> filter) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        Optional<JsonNode> calendar = feedCalendar(subscriber, feed);
        if (calendar.isPresent()) {
            calendar.get().path("events").forEach(event -> {
                if (filter.test(event)) {
                    events.add(event);
                }
            });
        }
        return events;
    }

    protected JsonNode awaitEvent(Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode event : events(event -> true)) {
                if (condition.test(event)) {
                    found[0] = event;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Calendar calls Alice's account made since the test began: method → count. */
    protected Map<String, Long> calls() throws Exception {
        Map<String, Long> calls = new HashMap<>();
        admin("GET", "/emulator/admin/calls", null).path(ALICE).fields()
                .forEachRemaining(entry -> calls.put(entry.getKey(), entry.getValue().asLong()));
        return calls;
    }

    protected long writes() throws Exception {
        return calls().entrySet().stream()
                .filter(entry -> !entry.getKey().endsWith(".get") && !entry.getKey().endsWith(".list"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    protected void clearCalls() throws Exception {
        admin("DELETE", "/emulator/admin/calls", null);
    }

    protected void fault(Map<String, Object> fault) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("status", 0, "times", 0, "rate", 0.0, "latencyMs", 0, "reset", false));
        body.putAll(fault);
        admin("POST", "/emulator/admin/faults", JSON.writeValueAsString(body));
    }

    protected static JsonNode admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator().baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
