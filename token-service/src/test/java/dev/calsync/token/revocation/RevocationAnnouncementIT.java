package dev.calsync.token.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.contracts.CalsyncEvent;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.contracts.token.TokenRevoked;
import dev.calsync.support.messaging.EventPublisher;
import dev.calsync.token.TokenServiceTestSupport;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A revocation is never scrubbed without its announcement: when {@code TokenRevoked} (or the "reconnect"
 * {@code SyncStatus}) cannot be published, the scrub is rolled back and the caller told to try again; the
 * next attempt revokes, scrubs and publishes exactly once. The outage is simulated one layer up: the real
 * publisher (binding, producer, broker) wrapped so that its next publishes throw the exception an unreachable
 * broker gives, before anything is sent. How long a real outage holds the row (the producer timeouts in
 * application.yml) is configuration, not tested here.
 */
class RevocationAnnouncementIT extends TokenServiceTestSupport {

    /** The service's real publisher (the real binding and producer), made to fail as an outage would. */
    static class BrokerOutage extends EventPublisher {

        private final AtomicInteger failuresLeft = new AtomicInteger();
        private volatile Class<? extends CalsyncEvent> failing = CalsyncEvent.class;
        private final List<String> publishingThreads = new CopyOnWriteArrayList<>();

        BrokerOutage(StreamBridge streamBridge, Clock clock, String applicationName) {
            super(streamBridge, clock, applicationName);
        }

        /** The next {@code times} publishes of {@code type} fail; nothing of them reaches the broker. */
        void failNext(Class<? extends CalsyncEvent> type, int times) {
            failing = type;
            failuresLeft.set(times);
        }

        void reset() {
            failuresLeft.set(0);
            publishingThreads.clear();
        }

        List<String> publishingThreads() {
            return publishingThreads;
        }

        @Override
        public void publish(CalsyncEvent event, String cloudEventId) {
            publishingThreads.add(Thread.currentThread().getName());
            if (failing.isInstance(event) && failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw new TimeoutException("Topic not present in metadata after 10000 ms (test: broker unreachable)");
            }
            super.publish(event, cloudEventId);
        }
    }

    // a context of its own: its publisher fails on command, which no other class's context may inherit
    @TestConfiguration(proxyBeanMethods = false)
    static class Outage {
        @Bean
        @Primary
        BrokerOutage brokerOutage(StreamBridge streamBridge, Clock clock, @Value("${spring.application.name}") String name) {
            return new BrokerOutage(streamBridge, clock, name);
        }
    }

    @Autowired
    BrokerOutage outage;

    @BeforeEach
    void noOutage() {
        outage.reset();
    }

    private TokenGranted connected(GoogleGrant grant) throws Exception {
        TokenGranted granted = tokenGranted(newSubscriber(), UUID.randomUUID(), Instant.now(), grant);
        publishAndAwaitStored(granted);
        return granted;
    }

    @Test
    void anInvalidGrantThatCannotBeAnnouncedStaysUntilTheNextRequestAnnouncesItOnce() throws Exception {
        GoogleGrant grant = consentAtGoogle(ALICE);
        TokenGranted granted = connected(grant);
        String subscriber = granted.subscriberId();
        revokeAtGoogleDirectly(grant.refreshToken());
        outage.failNext(TokenRevoked.class, 1);

        requestAccessToken(subscriber, granted.grantId(), false).expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.error").isEqualTo("revocation_not_announced");

        Row kept = row(subscriber).orElseThrow();
        assertThat(kept.revokedAt()).as("not scrubbed without its TokenRevoked").isNull();
        assertThat(kept.ciphertext()).isNotNull();
        assertThat(recordsOf(Topics.TOKEN_REVOKED, subscriber)).isEmpty();
        assertThat(recordsOf(Topics.SYNC_STATUS, subscriber)).isEmpty();

        // the broker is back: the next request meets invalid_grant again and does all of it
        requestAccessToken(subscriber, granted.grantId(), false).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error").isEqualTo("grant_revoked");

        Row scrubbed = row(subscriber).orElseThrow();
        assertThat(scrubbed.ciphertext()).isNull();
        assertThat(scrubbed.revocationReason()).isEqualTo("INVALID_GRANT");
        assertThat(recordsOf(Topics.TOKEN_REVOKED, subscriber)).singleElement().satisfies(revoked -> {
            assertThat(revoked.get("grantId").asText()).isEqualTo(granted.grantId().toString());
            assertThat(revoked.get("reason").asText()).isEqualTo("INVALID_GRANT");
            assertThat(Instant.parse(revoked.get("revokedAt").asText())).isEqualTo(scrubbed.revokedAt());
        });
        assertThat(recordsOf(Topics.SYNC_STATUS, subscriber)).singleElement().satisfies(status -> {
            assertThat(status.get("stage").asText()).isEqualTo("TOKEN");
            assertThat(status.get("outcome").asText()).isEqualTo("FAILED");
        });
        assertThat(outage.publishingThreads()).as("the synchronous producer never blocks an event loop")
                .isNotEmpty().allMatch(thread -> thread.startsWith("boundedElastic"));
    }

    @Test
    void aReconnectStatusThatCannotBePublishedRollsTheScrubBackToo() throws Exception {
        GoogleGrant grant = consentAtGoogle(BOB);
        TokenGranted granted = connected(grant);
        String subscriber = granted.subscriberId();
        revokeAtGoogleDirectly(grant.refreshToken());
        outage.failNext(SyncStatus.class, 1);

        requestAccessToken(subscriber, granted.grantId(), false).expectStatus().isEqualTo(503);

        assertThat(row(subscriber).orElseThrow().revokedAt()).as("not scrubbed without its reconnect status").isNull();
        assertThat(recordsOf(Topics.SYNC_STATUS, subscriber)).isEmpty();

        requestAccessToken(subscriber, granted.grantId(), false).expectStatus().isEqualTo(409);

        assertThat(row(subscriber).orElseThrow().revocationReason()).isEqualTo("INVALID_GRANT");
        assertThat(recordsOf(Topics.SYNC_STATUS, subscriber)).hasSize(1);
        // the first attempt's TokenRevoked had gone out before the rollback: a duplicate of the same grant, which
        // consumers ignore; what matters is that the stored revocation is announced
        List<JsonNode> revocations = recordsOf(Topics.TOKEN_REVOKED, subscriber);
        assertThat(revocations).hasSize(2).allSatisfy(revoked -> {
            assertThat(revoked.get("grantId").asText()).isEqualTo(granted.grantId().toString());
            assertThat(revoked.get("reason").asText()).isEqualTo("INVALID_GRANT");
        });
        assertThat(revocations).anySatisfy(revoked -> assertThat(Instant.parse(revoked.get("revokedAt").asText()))
                .isEqualTo(row(subscriber).orElseThrow().revokedAt()));
    }

    @Test
    void aDisconnectThatCannotBeAnnouncedFailsAndTheRetryFindsTheGrantAlreadyRevokedAtGoogle() throws Exception {
        GoogleGrant grant = consentAtGoogle(ALICE);
        TokenGranted granted = connected(grant);
        String subscriber = granted.subscriberId();
        outage.failNext(TokenRevoked.class, 1);

        requestRevoke(subscriber).expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.error").isEqualTo("revocation_not_announced");

        assertThat(refreshStatusAtGoogle(grant)).as("revoked at Google before the publish failed").isEqualTo(400);
        Row kept = row(subscriber).orElseThrow();
        assertThat(kept.revokedAt()).as("not scrubbed without its TokenRevoked").isNull();
        assertThat(kept.ciphertext()).isNotNull();
        assertThat(recordsOf(Topics.TOKEN_REVOKED, subscriber)).isEmpty();

        // oauth-service's person tries again; Google answers 400 invalid_token for the revoked token: already revoked
        JsonNode answer = JSON.readTree(requestRevoke(subscriber).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(answer.get("grant_id").asText()).isEqualTo(granted.grantId().toString());
        assertThat(answer.get("reason").asText()).isEqualTo("USER_DISCONNECT");
        Row scrubbed = row(subscriber).orElseThrow();
        assertThat(scrubbed.ciphertext()).isNull();
        assertThat(scrubbed.revocationReason()).isEqualTo("USER_DISCONNECT");
        assertThat(recordsOf(Topics.TOKEN_REVOKED, subscriber)).singleElement().satisfies(revoked -> {
            assertThat(revoked.get("grantId").asText()).isEqualTo(granted.grantId().toString());
            assertThat(revoked.get("reason").asText()).isEqualTo("USER_DISCONNECT");
            assertThat(Instant.parse(revoked.get("revokedAt").asText())).isEqualTo(scrubbed.revokedAt());
        });
        assertThat(outage.publishingThreads()).allMatch(thread -> thread.startsWith("boundedElastic"));
    }
}
