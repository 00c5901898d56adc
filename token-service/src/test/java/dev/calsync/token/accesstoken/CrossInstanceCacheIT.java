package dev.calsync.token.accesstoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.googleemulator.OwnEventLoops;
import dev.calsync.token.TokenServiceApplication;
import dev.calsync.token.TokenServiceTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Two instances of token-service on one database and broker, each with its own in-memory access-token
 * cache. Instance A is the test's context; instance B a second application context started beside it.
 * Whatever A learns (a disconnect, a newer grant), B must stop handing out the token it cached for the old
 * grant at once, not when that token expires: every request checks the grant against the database before
 * the cache is read.
 */
class CrossInstanceCacheIT extends TokenServiceTestSupport {

    private static ConfigurableApplicationContext instanceB;
    private WebClient b;

    @BeforeEach
    void startInstanceB() {
        if (instanceB == null) {
            // the infrastructure (broker, database, secrets) reaches B as system properties, as it reaches A.
            // B does not consume grants: A handles every TokenGranted, so B cannot hear of a newer grant by
            // consuming it itself and the test does not depend on how the group splits the partitions
            instanceB = new SpringApplicationBuilder(TokenServiceApplication.class).initializers(new OwnEventLoops()).run(
                    "--server.port=0",
                    "--calsync.google.issuer=" + emulator().baseUrl(),
                    "--spring.cloud.stream.bindings.tokenGrants-in-0.consumer.auto-startup=false",
                    "--logging.level.root=WARN");
        }
        int port = ((WebServerApplicationContext) instanceB).getWebServer().getPort();
        b = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(headers -> headers.setBearerAuth(serviceCredential())).build();
    }

    @AfterAll
    static void stopInstanceB() {
        if (instanceB != null) {
            instanceB.close();
            instanceB = null;
        }
    }

    @Test
    void afterADisconnectThroughAInstanceBStopsServingItsCachedToken() throws Exception {
        TokenGranted granted = tokenGranted(newSubscriber(), UUID.randomUUID(), Instant.now(), consentAtGoogle(ALICE));
        publishAndAwaitStored(granted);
        String cachedOnB = warmCacheOnB(granted);

        requestRevoke(granted.subscriberId()).expectStatus().isOk();

        JsonNode answer = awaitStatusOnB(granted.subscriberId(), granted.grantId(), 409);
        assertThat(answer.get("error").asText()).isEqualTo("grant_revoked");
        assertThat(answer.toString()).doesNotContain(cachedOnB);
    }

    @Test
    void afterANewerGrantInstanceBStopsServingTheOldGrantsTokenAndServesTheNewGrant() throws Exception {
        String subscriber = newSubscriber();
        TokenGranted older = tokenGranted(subscriber, UUID.randomUUID(), Instant.now().minusSeconds(60), consentAtGoogle(BOB));
        publishAndAwaitStored(older);
        String cachedOnB = warmCacheOnB(older);
        TokenGranted newer = tokenGranted(subscriber, UUID.randomUUID(), Instant.now(), consentAtGoogle(BOB));

        publishAndAwaitStored(newer);

        JsonNode answer = awaitStatusOnB(subscriber, older.grantId(), 409);
        assertThat(answer.get("error").asText()).isEqualTo("grant_superseded");
        JsonNode current = requestOnB(subscriber, newer.grantId()).block(Duration.ofSeconds(30)).body();
        assertThat(current.get("grant_id").asText()).isEqualTo(newer.grantId().toString());
        assertThat(current.get("access_token").asText()).startsWith("ya29.").isNotEqualTo(cachedOnB);
    }

    /** B refreshes once and then answers from its cache: a second request sees the same token, Google no new one. */
    private String warmCacheOnB(TokenGranted granted) {
        Answer first = awaitStatus(granted.subscriberId(), granted.grantId(), 200);
        long issued = accessTokensIssuedByGoogle();
        Answer second = requestOnB(granted.subscriberId(), granted.grantId()).block(Duration.ofSeconds(30));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("access_token").asText()).isEqualTo(first.body().get("access_token").asText());
        assertThat(accessTokensIssuedByGoogle()).as("B answered from its cache").isEqualTo(issued);
        return first.body().get("access_token").asText();
    }

    private JsonNode awaitStatusOnB(String subscriberId, UUID grantId, int status) {
        return awaitStatus(subscriberId, grantId, status).body();
    }

    /** Polls B until it answers {@code status}, for at most five seconds. */
    private Answer awaitStatus(String subscriberId, UUID grantId, int status) {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).alias("instance B answers " + status)
                .until(() -> requestOnB(subscriberId, grantId).block(Duration.ofSeconds(30)), answer -> answer.status() == status);
    }

    private record Answer(int status, JsonNode body) {
    }

    private reactor.core.publisher.Mono<Answer> requestOnB(String subscriberId, UUID grantId) {
        return b.post().uri("/internal/v1/subscribers/{id}/access-token", subscriberId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("grant_id", grantId.toString()))
                .exchangeToMono(response -> response.bodyToMono(JsonNode.class)
                        .map(body -> new Answer(response.statusCode().value(), body)));
    }
}
