package dev.calsync.calendarwriter.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calsync.calendarwriter.CalendarWriterServiceApplication;
import dev.calsync.calendarwriter.support.TokenServiceStandIn;
import dev.calsync.contracts.Topics;
import dev.calsync.googleemulator.EmbeddedGoogleEmulator;
import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.secrets.SecretsGenerator;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * What a benchmark of the writer runs against, started as the tests start it: an in-JVM Kafka broker, a fresh
 * database on the PostgreSQL at {@code POSTGRES_URL} (default 127.0.0.1:5432, user postgres), generated secrets
 * (with extra Google accounts if asked), the emulator with the given settings, the token-service stand-in, and the
 * writer itself in this JVM with the given settings. Closing it stops everything and drops the database.
 */
final class BenchmarkStack implements AutoCloseable {

    static final String WRITER_GROUP = "calendar-writer-service";

    /** Emulator settings: no per-user, per-project or creation limit is ever reached. */
    static final Map<String, Object> QUOTAS_OUT_OF_THE_WAY = Map.of(
            "emulator.quota.per-user-per-window", 1_000_000_000,
            "emulator.quota.per-project-per-window", 1_000_000_000,
            "emulator.quota.calendars-created-per-window", 1_000_000_000,
            "emulator.quota.events-created-per-window", 1_000_000_000);

    /** The writer's pace set as far above the emulator's work as the emulator's quotas are: the writer itself is measured. */
    static final Map<String, String> WRITER_QUOTAS_OUT_OF_THE_WAY = Map.of(
            "calsync.writer.quota.per-user", "1000000000",
            "calsync.writer.quota.user-burst", "1000000",
            "calsync.writer.quota.per-project", "1000000000",
            "calsync.writer.quota.project-burst", "1000000",
            "calsync.writer.quota.project-chunk", "1000");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final String postgres = env("POSTGRES_URL", "postgresql://127.0.0.1:5432/postgres");
    private final String user = env("POSTGRES_USER", "postgres");
    private final String password = env("POSTGRES_PASSWORD", "");
    private final String database = "calsync_bench_" + UUID.randomUUID().toString().substring(0, 8);
    private final EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
    private final Path secrets;
    private EmbeddedGoogleEmulator emulator;
    private TokenServiceStandIn tokenService;
    private ConfigurableApplicationContext writer;
    private KafkaProducer<String, byte[]> producer;
    private Admin kafkaAdmin;

    private BenchmarkStack() throws IOException {
        this.secrets = Files.createTempDirectory("calsync-bench-secrets");
    }

    /**
     * @param emulatorSettings {@code emulator.*} settings (quotas, window)
     * @param writerSettings   {@code calsync.writer.*} settings, set as system properties
     * @param accounts         Google accounts the emulator knows beside Alice and Bob (emails)
     */
    static BenchmarkStack start(Map<String, Object> emulatorSettings, Map<String, String> writerSettings, List<String> accounts)
            throws Exception {
        BenchmarkStack stack = new BenchmarkStack();
        try {
            stack.startAll(emulatorSettings, writerSettings, accounts);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Map<String, Object> emulatorSettings, Map<String, String> writerSettings, List<String> accounts)
            throws Exception {
        kafka.brokerProperties(Map.of("auto.create.topics.enable", "false", "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "4"));
        kafka.afterPropertiesSet();
        sql("CREATE DATABASE " + database);
        new SecretsGenerator("http://localhost:8081").generateMissing(secrets);
        Path seed = secrets.resolve(SecretName.GOOGLE_OAUTH_CLIENTS.fileName());
        GoogleOAuthClients clients = GoogleOAuthClients.parse(Files.readString(seed));
        List<GoogleOAuthClients.Account> known = new ArrayList<>(clients.accounts());
        for (int i = 0; i < accounts.size(); i++) {
            known.add(new GoogleOAuthClients.Account("2099" + i, accounts.get(i), accounts.get(i)));
        }
        Files.writeString(seed, new GoogleOAuthClients(clients.clients(), known).toJson());
        // as system properties, as the tests set them: they win over application.yml and the shared defaults, and
        // the emulator's context (calsync-service-support is on this class path) reads the secrets folder too
        Map<String, String> settings = new LinkedHashMap<>(Map.of(
                "server.port", "0",
                "management.server.port", "0",
                "KAFKA_BOOTSTRAP_SERVERS", kafka.getBrokersAsString(),
                "POSTGRES_URL", postgres.substring(0, postgres.lastIndexOf('/') + 1) + database,
                "POSTGRES_USER", user,
                "POSTGRES_PASSWORD", password,
                "CALSYNC_SECRETS_DIR", secrets.toString(),
                "logging.level.root", "WARN"));
        settings.forEach(System::setProperty);
        emulator = EmbeddedGoogleEmulator.start(seed, emulatorSettings);
        toClose.add(emulator);
        tokenService = new TokenServiceStandIn(emulator.baseUrl(), new SecretStore(secrets, name -> null).read(SecretName.SERVICE_CREDENTIAL));
        toClose.add(tokenService);
        System.setProperty("calsync.google.calendar-root-url", emulator.baseUrl() + "/");
        System.setProperty("calsync.writer.token-service-url", tokenService.baseUrl().toString());
        writerSettings.forEach(System::setProperty);
        writer = new SpringApplicationBuilder(CalendarWriterServiceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("benchmarkScansNoTestClass", new NoTestClasses()))
                .run();
        toClose.add(writer);
        writerSettings.keySet().forEach(System::clearProperty);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ProducerConfig.LINGER_MS_CONFIG, "5"), new StringSerializer(), new ByteArraySerializer());
        toClose.add(producer);
        kafkaAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()));
        toClose.add(kafkaAdmin);
        admin("DELETE", "/emulator/admin/faults"); // no fault armed: no added latency
    }

    TokenServiceStandIn tokenService() {
        return tokenService;
    }

    MeterRegistry meters() {
        return writer.getBean(MeterRegistry.class);
    }

    /** Sends the records all at once and waits until the broker has them all. */
    void send(List<ProducerRecord<String, byte[]>> records) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            sent.add(producer.send(record));
        }
        producer.flush();
        for (Future<RecordMetadata> acknowledged : sent) {
            acknowledged.get();
        }
    }

    JsonNode admin(String method, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    /** Calendar calls counted by the emulator: account -> method -> calls. */
    Map<String, Map<String, Long>> callsByAccount() throws Exception {
        Map<String, Map<String, Long>> calls = new TreeMap<>();
        admin("GET", "/emulator/admin/calls").fields().forEachRemaining(account -> {
            Map<String, Long> methods = new TreeMap<>();
            account.getValue().fields().forEachRemaining(method -> methods.put(method.getKey(), method.getValue().asLong()));
            calls.put(account.getKey(), methods);
        });
        return calls;
    }

    /** Calendar calls counted by the emulator, all accounts: method -> calls. */
    Map<String, Long> calls() throws Exception {
        Map<String, Long> calls = new TreeMap<>();
        callsByAccount().values().forEach(methods -> methods.forEach((method, count) -> calls.merge(method, count, Long::sum)));
        return calls;
    }

    /** Calls the emulator refused before they ran, all accounts and methods, by reason. */
    Map<String, Long> refusals() throws Exception {
        Map<String, Long> refused = new TreeMap<>();
        admin("GET", "/emulator/admin/calls/refused").forEach(account -> account.forEach(method -> method.fields()
                .forEachRemaining(reason -> refused.merge(reason.getKey(), reason.getValue().asLong(), Long::sum))));
        return refused;
    }

    /** True once the writer's consumer group has committed the end offset of every partition of the topic. */
    boolean consumedToEnd() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = kafkaAdmin.listConsumerGroupOffsets(WRITER_GROUP)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        kafkaAdmin.describeTopics(List.of(Topics.EVENT_CHANGED)).allTopicNames().get().get(Topics.EVENT_CHANGED).partitions()
                .forEach(partition -> latest.put(new TopicPartition(Topics.EVENT_CHANGED, partition.partition()), OffsetSpec.latest()));
        return kafkaAdmin.listOffsets(latest).all().get().entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue().offset());
    }

    @Override
    public void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                System.err.println("closing " + toClose.get(i).getClass().getSimpleName() + ": " + e);
            }
        }
        kafka.destroy();
        try {
            sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } finally {
            try (Stream<Path> files = Files.walk(secrets)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:" + postgres, user, password)) {
            connection.createStatement().execute(statement);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The test classes share the writer's packages, and component scanning outside a Spring test would pick up
     * their nested {@code @TestConfiguration}s (one replaces the writer's handler): the writer sees only its own.
     */
    private static final class NoTestClasses extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getResource().getURL().toString().contains("/test-classes/");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NoTestClasses;
        }

        @Override
        public int hashCode() {
            return NoTestClasses.class.hashCode();
        }
    }
}
