package dev.calsync.token.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.Topics;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.token.TokenServiceTestSupport;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * What Google's token endpoint can answer besides a token: {@code invalid_grant} ends the grant; 5xx and
 * timeouts are retried and then a 503 with Retry-After, never a stale or wrong token.
 */
// a context of its own: a 1 s read timeout, short enough to outwait, would fail slow calls elsewhere
@TestPropertySource(properties = {
        "calsync.token.google.read-timeout=1s",
        // this class provokes many failures on purpose; the breaker has its own test
        "resilience4j.circuitbreaker.instances.google-oauth.minimum-number-of-calls=1000"})
class GoogleFailuresIT extends TokenServiceTestSupport {

    @AfterEach
    void disarm() {
        disarmGoogleFaults();
    }

    private TokenGranted connected(GoogleGrant grant) throws Exception {
        TokenGranted granted = tokenGranted(newSubscriber(), UUID.randomUUID(), Instant.now(), grant);
        publishAndAwaitStored(granted);
        return granted;
    }

    @Test
    void invalidGrantFromGoogleRevokesScrubsAndAsksThePersonToReconnect() throws Exception {
        GoogleGrant grant = consentAtGoogle(ALICE);
        TokenGranted granted = connected(grant);
        revokeAtGoogleDirectly(grant.refreshToken());

        String body = requestAccessToken(granted.subscriberId(), granted.grantId(), false).expectStatus().isEqualTo(409)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("grant_revoked");
        assertNoSecretIn(body, grant.refreshToken());
        Row row = row(granted.subscriberId()).orElseThrow();
        assertThat(row.ciphertext()).isNull();
        assertThat(row.revocationReason()).isEqualTo("INVALID_GRANT");
        awaitRecord(Topics.TOKEN_REVOKED, granted.subscriberId(), revoked -> revoked.get("reason").asText().equals("INVALID_GRANT")
                && revoked.get("grantId").asText().equals(granted.grantId().toString()));
        awaitRecord(Topics.SYNC_STATUS, granted.subscriberId(), status -> status.get("stage").asText().equals("TOKEN")
                && status.get("outcome").asText().equals("FAILED") && status.get("lastError").asText().contains("Connect"));
        requestAccessToken(granted.subscriberId(), granted.grantId(), true).expectStatus().isEqualTo(409);
    }

    @Test
    void aForcedRefreshAfterTheCachedTokenDiedAtGoogleAlsoFindsInvalidGrant() throws Exception {
        GoogleGrant grant = consentAtGoogle(BOB);
        TokenGranted granted = connected(grant);
        accessToken(granted.subscriberId(), granted.grantId());
        revokeAtGoogleDirectly(grant.refreshToken());

        requestAccessToken(granted.subscriberId(), granted.grantId(), true).expectStatus().isEqualTo(409);

        assertThat(row(granted.subscriberId()).orElseThrow().revocationReason()).isEqualTo("INVALID_GRANT");
    }

    @Test
    void aShortGoogleOutageIsRetriedAway() throws Exception {
        TokenGranted granted = connected(consentAtGoogle(ALICE));
        armGoogleFault("oauth.token", 503, 2, 0);

        assertThat(accessToken(granted.subscriberId(), granted.grantId()).get("access_token").asText()).startsWith("ya29.");
    }

    @Test
    void aLongerOutageIsA503WithRetryAfterAndTheGrantStays() throws Exception {
        TokenGranted granted = connected(consentAtGoogle(ALICE));
        armGoogleFault("oauth.token", 500, 10, 0);

        requestAccessToken(granted.subscriberId(), granted.grantId(), false).expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "30")
                .expectBody().jsonPath("$.error").isEqualTo("google_unavailable").jsonPath("$.access_token").doesNotExist();

        assertThat(row(granted.subscriberId()).orElseThrow().revokedAt()).isNull();
        disarmGoogleFaults();
        accessToken(granted.subscriberId(), granted.grantId());
    }

    @Test
    void aGoogleThatDoesNotAnswerInTimeIsA503() throws Exception {
        TokenGranted granted = connected(consentAtGoogle(ALICE));
        armGoogleFault("oauth.token", 0, 3, 2500);

        requestAccessToken(granted.subscriberId(), granted.grantId(), false).expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After");
    }

    @Test
    void aForcedRefreshThatFailsDoesNotHandOutTheOldToken() throws Exception {
        TokenGranted granted = connected(consentAtGoogle(BOB));
        accessToken(granted.subscriberId(), granted.grantId());
        armGoogleFault("oauth.token", 503, 10, 0);

        requestAccessToken(granted.subscriberId(), granted.grantId(), true).expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.access_token").doesNotExist();
    }
}
