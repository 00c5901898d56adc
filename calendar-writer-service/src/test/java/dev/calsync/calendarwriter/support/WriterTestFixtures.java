package dev.calsync.calendarwriter.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import dev.calsync.calendarwriter.google.EventIds;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.EventStatus;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import dev.calsync.contracts.event.Transparency;
import dev.calsync.contracts.event.Visibility;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.googleemulator.EmbeddedGoogleEmulator;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.testsupport.KafkaBroker;
import dev.calsync.testsupport.TopicRecords;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every writer test stands on, whichever way the writer runs (in this JVM: {@link WriterTestSupport};
 * as a child process: {@link WriterProcess}): google-emulator in this JVM as Google, a stand-in of
 * token-service's access-token API over real HTTP, and helpers to send changes and to read what Alice
 * sees. Every test uses its own subscriber (all connected to Alice's Google account). The real broker and
 * database come from the subclass's {@code @RealInfrastructure} (or {@code @CalsyncServiceTest}).
 */
@ExtendWith(GoogleCallsPerTest.class)
public abstract class WriterTestFixtures implements GoogleCallsPerTest.Source {

    protected static final String ALICE = "alice@example.com";
    protected static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Emulators and token-service stand-ins by emulator settings, kept for the whole run: a writer context
     * in Spring's cache keeps pointing at the one it started with.
     */
    private static final Map<Map<String, Object>, EmbeddedGoogleEmulator> EMULATORS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<URI, TokenServiceStandIn> STAND_INS = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Emulator settings of one test class: fill in a {@code @BeforeAll} method, and mark the class
     * {@code @OwnContext}, or it would share a context pointed at another emulator. Cleared after the class.
     */
    protected static final Map<String, Object> EMULATOR_SETTINGS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Calls of this test that {@link #clearCalls()} took off the emulator's counts. */
    private final Map<String, Long> clearedCalls = new java.util.concurrent.ConcurrentHashMap<>();

    protected KafkaBroker kafka;
    protected String subscriber;
    protected UUID grant;
    protected String feed;

    /** The emulator with this class's {@link #EMULATOR_SETTINGS}. */
    protected static EmbeddedGoogleEmulator emulator() {
        return EMULATORS.computeIfAbsent(Map.copyOf(EMULATOR_SETTINGS), settings -> {
            Map<String, Object> withTestAccounts = new HashMap<>(TEST_ACCOUNT_LIMITS);
            withTestAccounts.putAll(settings);
            return EmbeddedGoogleEmulator.start(secretsDir().resolve(SecretName.GOOGLE_OAUTH_CLIENTS.fileName()), withTestAccounts);
        });
    }

    /**
     * Google lets an account create 60 calendars an hour (then "Calendar usage limits exceeded" for hours, which
     * parks the subscriber); every writer test creates its feed's calendar in Alice's or Bob's account, more than
     * 60 in one run. A class that tests the limit itself sets it in {@link #EMULATOR_SETTINGS}.
     */
    private static final Map<String, Object> TEST_ACCOUNT_LIMITS = Map.of("emulator.quota.calendars-created-per-window", "100000");

    /**
     * A writer process's environment, as deployed: pointed at the test's broker, database, secrets, emulator and
     * token-service stand-in.
     */
    protected static Map<String, String> writerProcessEnvironment() {
        return writerProcessEnvironment(System.getProperty("KAFKA_BOOTSTRAP_SERVERS"));
    }

    /** {@link #writerProcessEnvironment()} on a broker of the test's own. */
    protected static Map<String, String> writerProcessEnvironment(String bootstrapServers) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "POSTGRES_URL", System.getProperty("POSTGRES_URL"),
                "POSTGRES_USER", System.getProperty("POSTGRES_USER"),
                "POSTGRES_PASSWORD", System.getProperty("POSTGRES_PASSWORD", ""),
                "CALSYNC_SECRETS_DIR", System.getProperty("CALSYNC_SECRETS_DIR"),
                "GOOGLE_ISSUER", emulator().baseUrl().toString(),
                "GOOGLE_CALENDAR_ROOT_URL", emulator().baseUrl() + "/",
                "TOKEN_SERVICE_URL", standIn().baseUrl().toString());
    }

    /** The broker {@link #sendToPartition} and {@link #writerLag} talk to: the tests' shared one unless a class has its own. */
    protected String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Records of calsync.event-changed.v1 the writer's consumer group has not committed yet, over all partitions. */
    protected long writerLag() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(Topics.EVENT_CHANGED)).allTopicNames().get()
                    .get(Topics.EVENT_CHANGED).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.EVENT_CHANGED, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("calendar-writer-service")
                    .partitionsToOffsetAndMetadata().get();
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        }
    }

    /** The token-service stand-in in front of {@link #emulator()}. */
    protected static TokenServiceStandIn standIn() {
        return STAND_INS.computeIfAbsent(emulator().baseUrl(), emulatorUrl -> {
            try {
                return new TokenServiceStandIn(emulatorUrl, new SecretStore(secretsDir(), name -> null).read(SecretName.SERVICE_CREDENTIAL));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @AfterAll
    static void forgetTheClassesEmulatorSettings() {
        EMULATOR_SETTINGS.clear();
    }

    @BeforeEach
    void newSubscriber(KafkaBroker kafka) throws Exception {
        this.kafka = kafka;
        subscriber = "sub-" + UUID.randomUUID();
        grant = UUID.randomUUID();
        feed = "feed-" + UUID.randomUUID();
        standIn().connect(subscriber, googleAccount());
        admin("DELETE", "/emulator/admin/faults", null);
        admin("DELETE", "/emulator/admin/calls", null);
    }

    /** The Google account this test's subscriber connected, whose calendars and calls the helpers read. */
    protected String googleAccount() {
        return ALICE;
    }

    protected static Path secretsDir() {
        return Path.of(System.getProperty("CALSYNC_SECRETS_DIR"));
    }

    /** Sends the changes in order to one partition (whatever their keys hash to), each acknowledged before the next. */
    protected void sendToPartition(int partition, List<EventChanged> changes) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (EventChanged change : changes) {
                producer.send(new ProducerRecord<>(Topics.EVENT_CHANGED, partition, change.subscriberId(),
                        ContractJson.encode(change))).get();
            }
        }
    }

    /** The events (cancelled ones too) of a subscriber's feed calendar in a Google account. */
    protected static List<JsonNode> eventsIn(String account, String subscriberId, String feedId) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        calendarsIn(account, subscriberId, feedId).forEach(calendar -> calendar.path("events").forEach(events::add));
        return events;
    }

    /** Sends the changes in order, each acknowledged by the broker before the next. */
    protected void send(EventChanged... changes) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (EventChanged change : changes) {
                producer.send(new ProducerRecord<>(Topics.EVENT_CHANGED, change.subscriberId(), ContractJson.encode(change))).get();
            }
        }
    }

    /**
     * A single 30-minute event of this test's subscriber, feed and grant, {@code version} hours after
     * 2026-12-01T08:00Z, whose content hash follows its summary.
     */
    protected EventChanged upsert(String uid, long version, String summary) {
        return upsert(grant, uid, version, summary);
    }

    /** {@link #upsert(String, long, String)} under another grant. */
    protected EventChanged upsert(UUID grantId, String uid, long version, String summary) {
        return upsertOf(subscriber, feed, grantId, uid, version, summary);
    }

    /** {@link #upsert(String, long, String)} of another subscriber and feed (another person, say). */
    protected static EventChanged upsertOf(String subscriberId, String feedId, UUID grantId, String uid, long version,
                                           String summary) {
        Instant start = Instant.parse("2026-12-01T08:00:00Z").plus(Duration.ofHours(version));
        NormalizedEvent event = new NormalizedEvent(summary, null, null, null, new EventTime.UtcDateTime(start),
                new EventTime.UtcDateTime(start.plus(Duration.ofMinutes(30))), List.of(), EventStatus.CONFIRMED,
                Transparency.OPAQUE, Visibility.DEFAULT, 0, null);
        return ContractSamples.eventChanged().subscriberId(subscriberId).feedId(feedId).grantId(grantId).feedDisplayName("Team")
                .uid(uid).version(version).event(event).contentHash("h-" + summary).build();
    }

    /**
     * The statuses the writer published for this test's feed on calsync.sync-status.v1 (read from the earliest
     * offset, as any consumer would), in order, once there are at least {@code count}: all of them at that
     * moment, so one too many shows. Fails if fewer come within a minute.
     */
    protected List<SyncStatus> writeStatuses(int count) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .alias("at least " + count + " write statuses of the feed")
                .until(this::writeStatusesSoFar, statuses -> statuses.size() >= count);
    }

    protected List<SyncStatus> writeStatusesSoFar() {
        return TopicRecords.readToEnd(kafka, Topics.SYNC_STATUS, record -> subscriber.equals(record.key())).stream()
                .map(record -> ContractJson.decode(record.value(), SyncStatus.class))
                .filter(status -> feed.equals(status.feedId()) && status.stage() == SyncStage.WRITE)
                .toList();
    }

    /** The feed's calendar as Alice's account holds it (deleted ones too), with its stored events. */
    protected Optional<JsonNode> feedCalendar(String subscriberId, String feedId) throws Exception {
        return calendarsWithMarker(subscriberId, feedId).stream().findFirst();
    }

    protected List<JsonNode> calendarsWithMarker(String subscriberId, String feedId) throws Exception {
        return calendarsIn(googleAccount(), subscriberId, feedId);
    }

    /** The calendars of a subscriber's feed in a Google account, deleted ones not. */
    protected static List<JsonNode> calendarsIn(String account, String subscriberId, String feedId) throws Exception {
        String marker = EventIds.feedMarker(subscriberId, feedId);
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode calendar : accountCalendars(account)) {
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

    /** Calendar calls the test's Google account made since the test began: method → count. */
    protected Map<String, Long> calls() throws Exception {
        Map<String, Long> calls = new HashMap<>();
        admin("GET", "/emulator/admin/calls", null).path(googleAccount()).fields()
                .forEachRemaining(entry -> calls.put(entry.getKey(), entry.getValue().asLong()));
        return calls;
    }

    protected long writes() throws Exception {
        return calls().entrySet().stream()
                .filter(entry -> !entry.getKey().endsWith(".get") && !entry.getKey().endsWith(".list"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Starts counting {@link #calls()} afresh; the per-test breakdown still counts what came before. */
    protected void clearCalls() throws Exception {
        calls().forEach((method, count) -> clearedCalls.merge(method, count, Long::sum));
        admin("DELETE", "/emulator/admin/calls", null);
    }

    @Override
    public Map<String, Long> googleCallsOfThisTest() throws Exception {
        Map<String, Long> all = new java.util.TreeMap<>(clearedCalls);
        calls().forEach((method, count) -> all.merge(method, count, Long::sum));
        return all;
    }

    /** Google's Calendar client as Alice herself: what the person does in Google (create or delete a calendar). */
    protected static Calendar aliceCalendar() throws Exception {
        String token = admin("POST", "/emulator/admin/grants", "{\"account\":\"" + ALICE + "\"}").path("access_token").asText();
        return new Calendar.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
                request -> request.getHeaders().setAuthorization("Bearer " + token))
                .setRootUrl(emulator().baseUrl() + "/").setApplicationName("alice").build();
    }

    protected void fault(Map<String, Object> fault) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("status", 0, "times", 0, "rate", 0.0, "latencyMs", 0, "reset", false));
        body.putAll(fault);
        admin("POST", "/emulator/admin/faults", JSON.writeValueAsString(body));
    }

    /** An account's calendars in the emulator; none while the account has never been used (404). */
    private static JsonNode accountCalendars(String account) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(emulator().baseUrl() + "/emulator/admin/accounts/" + account + "/calendars")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return JSON.createArrayNode();
        }
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("the calendars of " + account + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
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
