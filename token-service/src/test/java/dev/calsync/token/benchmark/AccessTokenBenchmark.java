package dev.calsync.token.benchmark;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.crypto.tink.HybridEncrypt;
import dev.calsync.clock.AdjustableClock;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.googleemulator.EmbeddedGoogleEmulator;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.secrets.SecretsGenerator;
import dev.calsync.secrets.TinkKeysets;
import dev.calsync.token.TokenServiceApplication;
import dev.calsync.token.grant.GrantRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Not a test: a program that prints (1) warm-cache access-token requests per second over real HTTP, (1b) the
 * database reads per second of the grant check that precedes every cache look-up, on their own, and (2) how
 * many refreshes Google sees when 200 concurrent requests hit a token about to expire (must be 1).
 * It starts what the service needs as the tests do: an in-JVM Kafka broker, a fresh database on the
 * PostgreSQL at {@code POSTGRES_URL} (default 127.0.0.1:5432, user postgres), generated secrets, the emulator.
 *
 * <pre>
 * mvn -B -q -pl token-service test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp token-service/target/test-classes:token-service/target/classes:$(cat token-service/target/bench.cp) \
 *      dev.calsync.token.benchmark.AccessTokenBenchmark [seconds=10] [concurrency=64]
 * </pre>
 */
public final class AccessTokenBenchmark {

    private AccessTokenBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        String postgres = env("POSTGRES_URL", "postgresql://127.0.0.1:5432/postgres");
        String user = env("POSTGRES_USER", "postgres");
        String password = env("POSTGRES_PASSWORD", "");
        String database = "calsync_bench_" + UUID.randomUUID().toString().substring(0, 8);
        String serverUrl = postgres.substring(0, postgres.lastIndexOf('/') + 1);

        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.brokerProperties(Map.of("auto.create.topics.enable", "false", "group.initial.rebalance.delay.ms", "0"));
        kafka.afterPropertiesSet();
        sql(postgres, user, password, "CREATE DATABASE " + database);
        Path secrets = Files.createTempDirectory("calsync-bench-secrets");
        new SecretsGenerator("http://localhost:8081").generateMissing(secrets);
        EmbeddedGoogleEmulator google = EmbeddedGoogleEmulator.start(
                secrets.resolve(SecretName.GOOGLE_OAUTH_CLIENTS.fileName()));
        ConfigurableApplicationContext service = null;
        try {
            Map<String, String> settings = Map.of(
                    "server.port", "0",
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.getBrokersAsString(),
                    "POSTGRES_URL", serverUrl + database,
                    "POSTGRES_USER", user,
                    "POSTGRES_PASSWORD", password,
                    "CALSYNC_SECRETS_DIR", secrets.toString(),
                    "calsync.google.issuer", google.baseUrl().toString(),
                    "logging.level.root", "WARN");
            // as command-line arguments they win over application.yml and the shared defaults
            service = new SpringApplicationBuilder(TokenServiceApplication.class).run(settings.entrySet().stream()
                    .map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toArray(String[]::new));
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            SecretStore store = new SecretStore(secrets, name -> null);
            WebClient http = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                    .defaultHeaders(headers -> headers.setBearerAuth(store.read(SecretName.SERVICE_CREDENTIAL))).build();
            WebClient emulator = WebClient.create(google.baseUrl().toString());

            String subscriber = "bench-" + UUID.randomUUID();
            UUID grantId = UUID.randomUUID();
            JsonNode consent = emulator.post().uri("/emulator/admin/grants").bodyValue(Map.of("account", "alice@example.com"))
                    .retrieve().bodyToMono(JsonNode.class).block();
            publish(kafka, store, subscriber, grantId, consent);
            awaitAccessToken(http, subscriber, grantId);

            // (1) warm cache over real HTTP
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            Instant end = Instant.now().plusSeconds(seconds);
            long started = System.nanoTime();
            Flux.range(0, concurrency)
                    .flatMap(worker -> Mono.defer(() -> request(http, subscriber, grantId))
                            .doOnNext(status -> (status == 200 ? ok : failed).incrementAndGet())
                            .repeat(() -> Instant.now().isBefore(end))
                            .then(), concurrency)
                    .blockLast();
            double elapsed = (System.nanoTime() - started) / 1e9;
            System.out.printf("warm cache: %d requests in %.1f s with %d concurrent callers = %.0f requests/s (%d failed)%n",
                    ok.get(), elapsed, concurrency, ok.get() / elapsed, failed.get());

            // (1b) the grant check every request makes before the cache is read (it is what stops an instance from
            // serving a token another instance revoked): the same concurrency on the database read alone
            GrantRepository grants = service.getBean(GrantRepository.class);
            AtomicLong reads = new AtomicLong();
            Instant readsEnd = Instant.now().plusSeconds(seconds);
            long readsStarted = System.nanoTime();
            Flux.range(0, concurrency)
                    .flatMap(worker -> Mono.defer(() -> grants.find(subscriber))
                            .doOnNext(grant -> reads.incrementAndGet())
                            .repeat(() -> Instant.now().isBefore(readsEnd))
                            .then(), concurrency)
                    .blockLast();
            double readsElapsed = (System.nanoTime() - readsStarted) / 1e9;
            System.out.printf("grant check alone: %d database reads in %.1f s with %d concurrent callers = %.0f reads/s%n",
                    reads.get(), readsElapsed, concurrency, reads.get() / readsElapsed);

            // (2) 200 concurrent requests on a token within five minutes of expiry, both clocks moved together
            long issuedBefore = accessTokensIssued(emulator);
            service.getBean(AdjustableClock.class).advance(Duration.ofMinutes(56));
            google.clock().advance(Duration.ofMinutes(56));
            List<Integer> statuses = Flux.range(0, 200).flatMap(i -> request(http, subscriber, grantId), 200).collectList().block();
            long refreshes = accessTokensIssued(emulator) - issuedBefore;
            System.out.printf("expiring token: 200 concurrent requests -> %d answered 200, Google saw %d refresh(es)%n",
                    statuses.stream().filter(status -> status == 200).count(), refreshes);
        } finally {
            if (service != null) {
                service.close();
            }
            google.close();
            kafka.destroy();
            sql(postgres, user, password, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        System.exit(0);
    }

    private static Mono<Integer> request(WebClient http, String subscriber, UUID grantId) {
        return http.post().uri("/internal/v1/subscribers/{id}/access-token", subscriber)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("grant_id", grantId.toString()))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
    }

    private static void awaitAccessToken(WebClient http, String subscriber, UUID grantId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).alias("the grant was consumed")
                .until(() -> request(http, subscriber, grantId).block(), status -> status == 200);
    }

    private static void publish(EmbeddedKafkaKraftBroker kafka, SecretStore store, String subscriber, UUID grantId,
                                JsonNode consent) throws Exception {
        HybridEncrypt encrypt = TinkKeysets.hybridEncrypt(store, SecretName.TOKEN_HYBRID_PUBLIC_KEYSET);
        String ciphertext = Base64.getEncoder().encodeToString(encrypt.encrypt(
                consent.get("refresh_token").asText().getBytes(StandardCharsets.UTF_8), subscriber.getBytes(StandardCharsets.UTF_8)));
        TokenGranted granted = new TokenGranted(subscriber, grantId, Instant.now(), consent.get("sub").asText(),
                "alice@example.com", List.of("openid", "email", "https://www.googleapis.com/auth/calendar.app.created"),
                consent.get("client_id").asText(), ciphertext);
        Properties config = new Properties();
        config.put("bootstrap.servers", kafka.getBrokersAsString());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.TOKEN_GRANTED, subscriber, ContractJson.encode(granted))).get();
        }
    }

    private static long accessTokensIssued(WebClient emulator) {
        JsonNode secrets = emulator.get().uri("/emulator/admin/secrets").retrieve().bodyToMono(JsonNode.class).block();
        long count = 0;
        for (JsonNode secret : secrets) {
            if ("ACCESS_TOKEN".equals(secret.get("kind").asText())) {
                count++;
            }
        }
        return count;
    }

    private static void sql(String url, String user, String password, String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:" + url, user, password)) {
            connection.createStatement().execute(statement);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
