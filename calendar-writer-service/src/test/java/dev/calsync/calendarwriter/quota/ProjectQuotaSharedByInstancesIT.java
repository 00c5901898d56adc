package dev.calsync.calendarwriter.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.calendarwriter.support.WriterProcess;
import dev.calsync.calendarwriter.support.WriterTestFixtures;
import dev.calsync.contracts.Topics;
import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.secrets.SecretName;
import dev.calsync.testsupport.RealInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Google's project quota shared by two writer processes: one holds most of the busy people, then leaves in the
 * middle of the run. Google's minute is scaled down to 6 seconds with every limit divided by 10 (600 per user and
 * 10,000 per project become 60 and 1,000); the project limit is set lower still, 300, so that two processes on this
 * machine can reach it. Checked from Google's side (the emulator's counts): no call refused for a quota, and at
 * least 90 % of the project's quota used while there is work. A limiter per JVM fails either way: each at the whole
 * project rate runs into the limit, each at half of it leaves the quota of the instance with little work unused.
 * The writers use a broker of this class's own: their ten busy people's records are written by this class's emulator
 * and token-service stand-in only, and a later test that replays the shared topic from its start must not meet them.
 */
@RealInfrastructure
class ProjectQuotaSharedByInstancesIT extends WriterTestFixtures {

    private static final Duration WINDOW = Duration.ofSeconds(6);
    private static final int PROJECT_LIMIT = 300;
    private static final int USER_LIMIT = 60;
    private static final int PEOPLE = 10;
    /** People whose partitions the first writer holds; the second holds the rest. */
    private static final int ON_THE_BUSY_WRITER = 8;
    private static final int EVENTS_PER_PERSON = 200;
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private static final List<WriterProcess> writers = new CopyOnWriteArrayList<>();
    private static EmbeddedKafkaKraftBroker broker;

    private record Person(String subscriber, String feed, UUID grant, String account) {
    }

    @BeforeAll
    static void googleScaledToSixSecondWindows() throws Exception {
        Path seed = secretsDir().resolve(SecretName.GOOGLE_OAUTH_CLIENTS.fileName());
        GoogleOAuthClients clients = GoogleOAuthClients.parse(Files.readString(seed));
        List<GoogleOAuthClients.Account> accounts = new ArrayList<>(clients.accounts());
        IntStream.rangeClosed(1, PEOPLE).forEach(i -> accounts.add(
                new GoogleOAuthClients.Account("1099" + i, "busy" + i + "@example.com", "Busy " + i)));
        Path withBusyPeople = Files.createTempFile("quota-seed", ".json");
        Files.writeString(withBusyPeople, new GoogleOAuthClients(clients.clients(), accounts).toJson());
        EMULATOR_SETTINGS.put("emulator.seed-file", withBusyPeople.toString());
        EMULATOR_SETTINGS.put("emulator.quota.window", WINDOW.toSeconds() + "s");
        EMULATOR_SETTINGS.put("emulator.quota.per-user-per-window", String.valueOf(USER_LIMIT));
        EMULATOR_SETTINGS.put("emulator.quota.per-project-per-window", String.valueOf(PROJECT_LIMIT));
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        // not spring.embedded.kafka.brokers: the shared broker's address stays where the other tests read it
        broker.brokerListProperty("calsync.quota-test.brokers");
        broker.brokerProperties(Map.of("auto.create.topics.enable", "false", "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "4"));
        broker.afterPropertiesSet();
    }

    @Override
    protected String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** Gracefully: the writers commit what they did, so no later test's writer reads these records again. */
    @AfterAll
    static void stopTheWriters() throws InterruptedException {
        for (WriterProcess writer : writers) {
            if (writer.isAlive()) {
                writer.stop();
            }
        }
        writers.clear();
        broker.destroy();
    }

    @Test
    void twoInstancesUnderSkewedLoadAndOneLeavingUseTheProjectQuotaToNinetyPercentWithoutARefusal() throws Exception {
        CompletableFuture<WriterProcess> startingBusy = CompletableFuture.supplyAsync(() -> startWriter("writer-busy"));
        CompletableFuture<WriterProcess> startingQuiet = CompletableFuture.supplyAsync(() -> startWriter("writer-quiet"));
        WriterProcess busy = startingBusy.join();
        WriterProcess quiet = startingQuiet.join();
        Map<String, List<Integer>> partitions = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(this::eventChangedPartitionsByClient, byClient -> byClient.keySet().equals(Set.of("writer-busy", "writer-quiet")));

        List<Person> people = IntStream.rangeClosed(1, PEOPLE)
                .mapToObj(i -> new Person("sub-" + UUID.randomUUID(), "feed-" + UUID.randomUUID(), UUID.randomUUID(),
                        "busy" + i + "@example.com"))
                .toList();
        people.forEach(person -> standIn().connect(person.subscriber(), person.account()));
        admin("DELETE", "/emulator/admin/calls", null);

        CallSamples samples = new CallSamples();
        for (int i = 0; i < PEOPLE; i++) {
            List<Integer> owned = partitions.get(i < ON_THE_BUSY_WRITER ? "writer-busy" : "writer-quiet");
            Person person = people.get(i);
            sendToPartition(owned.get(i % owned.size()), IntStream.rangeClosed(1, EVENTS_PER_PERSON)
                    .mapToObj(n -> upsertOf(person.subscriber(), person.feed(), person.grant(), "q" + n + "@x", n, "Event " + n))
                    .toList());
        }
        long expectedCalls = (long) PEOPLE * (EVENTS_PER_PERSON + 1);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> samples.latest() >= expectedCalls * 2 / 5);
        long leftAt = System.nanoTime();
        busy.stop();
        long goneAt = System.nanoTime();

        for (Person person : people) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).alias(person.account())
                    .until(() -> liveEvents(person).size() == EVENTS_PER_PERSON);
        }
        samples.stop();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> writerLag() == 0);

        Map<String, Map<String, Map<String, Long>>> refused = JSON.convertValue(
                admin("GET", "/emulator/admin/calls/refused", null), JSON.getTypeFactory().constructMapType(Map.class, String.class, Map.class));
        double used = samples.shareOfQuotaUsed(expectedCalls);
        System.out.printf("project quota shared by two writers (6 s window, %d per project, %d per user): %d calls, %.1f %% of "
                        + "the project quota used while there was work, stop of the busy writer took %d ms, refused: %s%n",
                PROJECT_LIMIT, USER_LIMIT, samples.latest(), used * 100, (goneAt - leftAt) / 1_000_000, refused);

        assertThat(refused).as("calls Google refused, by account, method and reason").isEmpty();
        assertThat(used).as("share of the project quota used while people had changes waiting").isGreaterThanOrEqualTo(0.90);
        for (Person person : people) {
            assertThat(liveEvents(person)).extracting(event -> event.path("id").asText()).doesNotHaveDuplicates();
        }
        assertThat(quiet.isAlive()).isTrue();
    }

    /** The project's calls as Google counted them, every 250 ms. */
    private final class CallSamples {
        private record Sample(long nanos, long calls) {
        }

        private final List<Sample> samples = new CopyOnWriteArrayList<>();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

        CallSamples() {
            sampler.scheduleAtFixedRate(() -> {
                try {
                    long calls = 0;
                    for (JsonNode methods : admin("GET", "/emulator/admin/calls", null)) {
                        for (JsonNode count : methods) {
                            calls += count.asLong();
                        }
                    }
                    samples.add(new Sample(System.nanoTime(), calls));
                } catch (Exception unreadable) {
                    // the next sample tries again
                }
            }, 0, 250, TimeUnit.MILLISECONDS);
        }

        long latest() {
            return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).calls();
        }

        void stop() {
            sampler.shutdownNow();
        }

        /**
         * Calls made per call the project's quota allowed, from the end of the first window (the buckets' first burst
         * left out) until 90 % of the calls were made (after that too few people have work left to fill the quota).
         */
        double shareOfQuotaUsed(long expectedCalls) {
            Sample first = samples.stream().filter(sample -> sample.calls() > 0).findFirst().orElseThrow();
            Sample from = samples.stream().filter(sample -> sample.nanos() >= first.nanos() + WINDOW.toNanos()).findFirst().orElseThrow();
            Sample to = samples.stream().filter(sample -> sample.calls() >= expectedCalls * 9 / 10).findFirst().orElseThrow();
            double seconds = (to.nanos() - from.nanos()) / 1e9;
            double allowed = seconds * PROJECT_LIMIT / WINDOW.toSeconds();
            return (to.calls() - from.calls()) / allowed;
        }
    }

    private List<JsonNode> liveEvents(Person person) throws Exception {
        return eventsIn(person.account(), person.subscriber(), person.feed()).stream()
                .filter(event -> !"cancelled".equals(event.path("status").asText())).toList();
    }

    /** Which partitions of calsync.event-changed.v1 each writer's consumer holds, by its client id. */
    private Map<String, List<Integer>> eventChangedPartitionsByClient() throws Exception {
        try (Admin kafkaAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Collection<MemberDescription> members = kafkaAdmin.describeConsumerGroups(List.of("calendar-writer-service"))
                    .all().get().get("calendar-writer-service").members();
            Map<String, List<Integer>> byClient = new HashMap<>();
            for (MemberDescription member : members) {
                List<Integer> owned = member.assignment().topicPartitions().stream()
                        .filter(partition -> partition.topic().equals(Topics.EVENT_CHANGED))
                        .map(TopicPartition::partition).sorted().collect(Collectors.toList());
                if (!owned.isEmpty()) {
                    byClient.merge(member.clientId().replaceAll("-\\d+$", ""), owned, (a, b) -> {
                        List<Integer> both = new ArrayList<>(a);
                        both.addAll(b);
                        return both;
                    });
                }
            }
            return byClient;
        }
    }

    /** A writer process paced for the scaled window, its consumers named {@code clientId}. */
    private static WriterProcess startWriter(String clientId) {
        Map<String, String> properties = new HashMap<>();
        // Google's quotas scaled as the emulator's: 57 + a burst of 1 per user (59 at a rebalance, of 60), and
        // 288 + a burst of 5 + two instances' chunks of 2 per project (297, of 300)
        properties.put("calsync.writer.quota.window", WINDOW.toSeconds() + "s");
        properties.put("calsync.writer.quota.per-user", "57");
        properties.put("calsync.writer.quota.user-burst", "1");
        properties.put("calsync.writer.quota.per-project", "288");
        properties.put("calsync.writer.quota.project-burst", "5");
        properties.put("calsync.writer.quota.project-chunk", "2");
        properties.put("spring.cloud.stream.kafka.binder.consumer-properties.client.id", clientId);
        properties.put("spring.cloud.stream.kafka.binder.consumer-properties.heartbeat.interval.ms", "1000");
        try {
            WriterProcess writer = WriterProcess.start(writerProcessEnvironment(broker.getBrokersAsString()), properties, READY_WITHIN);
            writers.add(writer);
            return writer;
        } catch (Exception e) {
            throw new IllegalStateException("a writer process did not start", e);
        }
    }
}
