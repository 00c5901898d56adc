package dev.calsync.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.HybridEncrypt;
import dev.calsync.clock.AdjustableClock;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.googleemulator.EmbeddedGoogleEmulator;
import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.secrets.SealedForSubscriber;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.secrets.TinkKeysets;
import dev.calsync.testsupport.CalsyncServiceTest;
import dev.calsync.testsupport.KafkaBroker;
import dev.calsync.testsupport.PostgresDatabase;
import dev.calsync.testsupport.TopicRecords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * token-service on a real broker and database, with google-emulator in the same JVM as its Google. Test
 * data comes from here: grants made at the emulator as if a person consented, and their {@code TokenGranted}
 * records encrypted for the service as oauth-service would publish them.
 */
@CalsyncServiceTest(properties = {
        "calsync.clock.adjustable=true",
        // tests provoke Google failures on purpose and share this context: the breaker (it has its own test,
        // with its own context) would carry one class's failures into the next
        "resilience4j.circuitbreaker.instances.google-oauth.minimum-number-of-calls=1000"})
public abstract class TokenServiceTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final String ALICE = "alice@example.com";
    protected static final String BOB = "bob@example.com";

    /** Started once for the run: the context in Spring's cache keeps pointing at it. */
    private static EmbeddedGoogleEmulator google;

    @Autowired
    protected WebTestClient http;
    @Autowired
    protected AdjustableClock serviceClock;

    @org.springframework.boot.test.web.server.LocalServerPort
    protected int port;
    @org.springframework.boot.test.web.server.LocalManagementPort
    protected int managementPort;

    protected KafkaBroker kafka;
    protected PostgresDatabase postgres;

    @DynamicPropertySource
    static void pointAtTheEmulator(DynamicPropertyRegistry registry) {
        registry.add("calsync.google.issuer", () -> emulator().baseUrl().toString());
    }

    protected static synchronized EmbeddedGoogleEmulator emulator() {
        if (google == null) {
            // the emulator keeps the service's infrastructure out of its own context (EmbeddedGoogleEmulator)
            google = EmbeddedGoogleEmulator.start(secretsDir().resolve(SecretName.GOOGLE_OAUTH_CLIENTS.fileName()));
        }
        return google;
    }

    @BeforeEach
    void infrastructure(KafkaBroker kafka, PostgresDatabase postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
        http = http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
    }

    /** Every test starts with real time at both ends and no fault armed, whatever the test before it did. */
    @BeforeEach
    void realTimeAndNoFaults() {
        serviceClock.setOffset(Duration.ZERO);
        emulator().clock().setOffset(Duration.ZERO);
        disarmGoogleFaults();
    }

    protected static Path secretsDir() {
        return Path.of(System.getProperty("CALSYNC_SECRETS_DIR"));
    }

    protected static SecretStore secrets() {
        return new SecretStore(secretsDir(), name -> null);
    }

    protected static String serviceCredential() {
        return secrets().read(SecretName.SERVICE_CREDENTIAL);
    }

    protected static GoogleOAuthClients oauthClients() {
        return GoogleOAuthClients.parse(secrets().read(SecretName.GOOGLE_OAUTH_CLIENTS));
    }

    // ---- Google (the emulator) -----------------------------------------------------------------------

    protected static WebClient emulatorHttp() {
        return WebClient.create(emulator().baseUrl().toString());
    }

    /** A grant as if the account consented to {@code clientId} (null = the web client). */
    public record GoogleGrant(String refreshToken, String accessToken, String clientId, String googleSubject, String email) {
        @Override
        public String toString() {
            return "GoogleGrant[clientId=" + clientId + ", email=" + email + "]";
        }
    }

    protected static GoogleGrant consentAtGoogle(String account, String clientId) {
        Map<String, Object> request = clientId == null ? Map.of("account", account) : Map.of("account", account, "clientId", clientId);
        JsonNode answer = emulatorHttp().post().uri("/emulator/admin/grants").bodyValue(request)
                .retrieve().bodyToMono(JsonNode.class).block(Duration.ofSeconds(10));
        return new GoogleGrant(answer.get("refresh_token").asText(), answer.get("access_token").asText(),
                answer.get("client_id").asText(), answer.get("sub").asText(), account);
    }

    protected static GoogleGrant consentAtGoogle(String account) {
        return consentAtGoogle(account, null);
    }

    /** How many access tokens the emulator has issued: each refresh at its token endpoint issues one. */
    protected static long accessTokensIssuedByGoogle() {
        JsonNode secrets = emulatorHttp().get().uri("/emulator/admin/secrets").retrieve().bodyToMono(JsonNode.class)
                .block(Duration.ofSeconds(10));
        long count = 0;
        for (JsonNode secret : secrets) {
            if ("ACCESS_TOKEN".equals(secret.get("kind").asText())) {
                count++;
            }
        }
        return count;
    }

    /** Every token, code and client secret the emulator handed out. */
    protected static List<String> everySecretGoogleIssued() {
        JsonNode secrets = emulatorHttp().get().uri("/emulator/admin/secrets").retrieve().bodyToMono(JsonNode.class)
                .block(Duration.ofSeconds(10));
        List<String> values = new java.util.ArrayList<>();
        secrets.forEach(secret -> values.add(secret.get("value").asText()));
        return values;
    }

    protected static void armGoogleFault(String endpoint, int status, int times, long latencyMs) {
        emulatorHttp().post().uri("/emulator/admin/faults")
                .bodyValue(Map.of("endpoint", endpoint, "status", status, "times", times, "latencyMs", latencyMs))
                .retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
    }

    protected static void disarmGoogleFaults() {
        emulatorHttp().delete().uri("/emulator/admin/faults").retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
    }

    /** Revokes at Google directly, as a person does in their Google account settings. */
    protected static void revokeAtGoogleDirectly(String token) {
        emulatorHttp().post().uri("/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + token).retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
    }

    /** The status the emulator's token endpoint gives a refresh with this token (200 = the grant is alive). */
    protected static int refreshStatusAtGoogle(GoogleGrant grant) {
        GoogleOAuthClients.Client client = oauthClients().byClientId(grant.clientId()).orElseThrow();
        return emulatorHttp().post().uri("/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=refresh_token&client_id=" + client.clientId() + "&client_secret=" + client.clientSecret()
                        + "&refresh_token=" + grant.refreshToken())
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .block(Duration.ofSeconds(10));
    }

    /** Moves both clocks forward together, as time passes for Google and for the service alike. */
    protected void advanceBothClocks(Duration by) {
        serviceClock.advance(by);
        emulator().clock().advance(by);
    }

    // ---- Kafka ---------------------------------------------------------------------------------------

    /** What oauth-service publishes after a consent: the refresh token encrypted for token-service. */
    protected static TokenGranted tokenGranted(String subscriberId, UUID grantId, Instant grantedAt, GoogleGrant grant) {
        return new TokenGranted(subscriberId, grantId, grantedAt, grant.googleSubject(), grant.email(),
                List.of("openid", "email", "https://www.googleapis.com/auth/calendar.app.created"), grant.clientId(),
                encryptForTheService(subscriberId, grant.refreshToken()));
    }

    protected static String encryptForTheService(String subscriberId, String refreshToken) {
        HybridEncrypt encrypt = TinkKeysets.hybridEncrypt(secrets(), SecretName.TOKEN_HYBRID_PUBLIC_KEYSET);
        return SealedForSubscriber.seal(encrypt, refreshToken, subscriberId);
    }

    protected void publish(TokenGranted granted) throws Exception {
        TopicRecords.send(kafka, new ProducerRecord<>(Topics.TOKEN_GRANTED, granted.subscriberId(), ContractJson.encode(granted)));
    }

    /** Publishes the grant and waits until the service stored it. */
    protected void publishAndAwaitStored(TokenGranted granted) throws Exception {
        publish(granted);
        awaitRow(granted.subscriberId(), row -> row.grantId().equals(granted.grantId()));
    }

    /** Waits until token-service's consumer group has committed every record of calsync.token-granted.v1. */
    protected void awaitEveryGrantConsumed() throws Exception {
        TopicRecords.awaitConsumed(kafka, "token-service", Topics.TOKEN_GRANTED, Duration.ofSeconds(30));
    }

    /**
     * A real replay: the binding is stopped (its consumer leaves the group), the group's committed offsets
     * are moved back to the earliest offset, the binding starts again and reads the topic from there.
     */
    protected void replayTokenGrantedFromTheEarliestOffset() throws Exception {
        setBindingState("STOPPED");
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).alias("the consumer left its group").until(() ->
                    admin.describeConsumerGroups(List.of("token-service")).all().get().get("token-service").members().isEmpty());
            var earliest = admin.describeTopics(List.of(Topics.TOKEN_GRANTED)).allTopicNames().get().get(Topics.TOKEN_GRANTED)
                    .partitions().stream()
                    .collect(java.util.stream.Collectors.toMap(
                            p -> new org.apache.kafka.common.TopicPartition(Topics.TOKEN_GRANTED, p.partition()),
                            p -> new org.apache.kafka.clients.consumer.OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets("token-service", earliest).all().get();
        }
        setBindingState("STARTED");
        awaitEveryGrantConsumed();
    }

    private void setBindingState(String state) {
        dev.calsync.testsupport.ManagementPort.setBindingState(managementPort, "tokenGrants-in-0", state);
    }

    protected ConsumerRecord<String, byte[]> awaitRecord(String topic, String subscriberId, Predicate<JsonNode> matching) {
        return TopicRecords.awaitFirst(kafka, topic, record -> {
            if (!subscriberId.equals(record.key())) {
                return false;
            }
            try {
                return matching.test(JSON.readTree(record.value()));
            } catch (java.io.IOException e) {
                return false;
            }
        }, Duration.ofSeconds(30));
    }

    /**
     * Every record of {@code topic} with the subscriber's key that the broker holds now, read from the earliest
     * to the end offset of each partition: for "exactly these records" and "no such record" (the service's
     * producers are synchronous, so whatever an answer reported is already in).
     */
    protected List<JsonNode> recordsOf(String topic, String subscriberId) throws Exception {
        List<JsonNode> found = new java.util.ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicRecords.readToEnd(kafka, topic, r -> subscriberId.equals(r.key()))) {
            found.add(JSON.readTree(record.value()));
        }
        return found;
    }

    // ---- PostgreSQL ----------------------------------------------------------------------------------

    /** A row of token.google_oauth_token as stored. */
    public record Row(String subscriberId, UUID grantId, Instant grantedAt, String oauthClientId, byte[] ciphertext,
                      Long keyId, Instant revokedAt, String revocationReason) {
    }

    protected Optional<Row> row(String subscriberId) throws Exception {
        try (Connection connection = postgres.connect();
             PreparedStatement select = connection.prepareStatement("SELECT subscriber_id, grant_id, granted_at, oauth_client_id, "
                     + "encrypted_refresh_token, key_id, revoked_at, revocation_reason FROM token.google_oauth_token WHERE subscriber_id = ?")) {
            select.setString(1, subscriberId);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                java.sql.Timestamp revokedAt = result.getTimestamp("revoked_at");
                long keyId = result.getLong("key_id");
                return Optional.of(new Row(result.getString(1), (UUID) result.getObject(2), result.getTimestamp(3).toInstant(),
                        result.getString(4), result.getBytes(5), result.wasNull() ? null : keyId,
                        revokedAt == null ? null : revokedAt.toInstant(), result.getString(8)));
            }
        }
    }

    protected Row awaitRow(String subscriberId, Predicate<Row> matching) {
        return await().atMost(Duration.ofSeconds(30)).alias("a matching row for " + subscriberId)
                .until(() -> row(subscriberId), last -> last.isPresent() && matching.test(last.get())).orElseThrow();
    }

    protected void execute(String sql, Object... parameters) throws Exception {
        try (Connection connection = postgres.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    // ---- the service's HTTP API ----------------------------------------------------------------------

    protected WebTestClient.ResponseSpec requestAccessToken(String subscriberId, UUID grantId, boolean force) {
        return http.post().uri(uri -> uri.path("/internal/v1/subscribers/{id}/access-token").queryParam("force", force).build(subscriberId))
                .headers(headers -> headers.setBearerAuth(serviceCredential()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("grant_id", grantId.toString()))
                .exchange();
    }

    protected JsonNode accessToken(String subscriberId, UUID grantId) throws Exception {
        String body = requestAccessToken(subscriberId, grantId, false).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    protected WebTestClient.ResponseSpec requestRevoke(String subscriberId) {
        return http.post().uri("/internal/v1/subscribers/{id}/revoke", subscriberId)
                .headers(headers -> headers.setBearerAuth(serviceCredential()))
                .exchange();
    }

    /** {@code count} requests at once over real HTTP; the answers' access tokens (null for a non-200). */
    protected List<String> concurrentAccessTokens(String subscriberId, UUID grantId, int count) {
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        return reactor.core.publisher.Flux.range(0, count)
                .flatMap(i -> client.post().uri("/internal/v1/subscribers/{id}/access-token", subscriberId)
                        .headers(headers -> headers.setBearerAuth(serviceCredential()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("grant_id", grantId.toString()))
                        .exchangeToMono(response -> response.bodyToMono(JsonNode.class)
                                .map(body -> response.statusCode().value() == 200 ? body.get("access_token").asText() : "status " + response.statusCode().value())), count)
                .collectList()
                .block(Duration.ofSeconds(60));
    }

    protected static String newSubscriber() {
        return "sub-" + UUID.randomUUID();
    }

    protected static void assertNoSecretIn(String text, String... secrets) {
        for (String secret : secrets) {
            assertThat(text).doesNotContain(secret);
        }
    }
}
