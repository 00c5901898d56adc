package dev.calsync.token.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.token.TokenServiceTestSupport;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A person's disconnect: revoked at Google before the answer, scrubbed, announced; a reconnect then works. */
class RevocationIT extends TokenServiceTestSupport {

    @AfterEach
    void disarm() {
        disarmGoogleFaults();
    }

    @Test
    void aDisconnectRevokesAtGoogleScrubsAnnouncesAndAnImmediateReconnectWorks() throws Exception {
        String subscriber = newSubscriber();
        GoogleGrant first = consentAtGoogle(ALICE);
        TokenGranted firstGrant = tokenGranted(subscriber, UUID.randomUUID(), Instant.now(), first);
        publishAndAwaitStored(firstGrant);
        accessToken(subscriber, firstGrant.grantId());

        JsonNode answer = JSON.readTree(requestRevoke(subscriber).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(answer.get("grant_id").asText()).isEqualTo(firstGrant.grantId().toString());
        assertThat(answer.get("reason").asText()).isEqualTo("USER_DISCONNECT");
        // all of it happened before the answer
        assertThat(refreshStatusAtGoogle(first)).as("the grant is gone at Google").isEqualTo(400);
        Row scrubbed = row(subscriber).orElseThrow();
        assertThat(scrubbed.ciphertext()).isNull();
        assertThat(scrubbed.keyId()).isNull();
        assertThat(scrubbed.revocationReason()).isEqualTo("USER_DISCONNECT");
        awaitRecord(Topics.TOKEN_REVOKED, subscriber, revoked -> revoked.get("grantId").asText().equals(firstGrant.grantId().toString())
                && revoked.get("reason").asText().equals("USER_DISCONNECT"));
        requestAccessToken(subscriber, firstGrant.grantId(), false).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error").isEqualTo("grant_revoked");

        GoogleGrant second = consentAtGoogle(ALICE);
        TokenGranted secondGrant = tokenGranted(subscriber, UUID.randomUUID(), Instant.now(), second);
        publishAndAwaitStored(secondGrant);
        JsonNode token = accessToken(subscriber, secondGrant.grantId());
        assertThat(token.get("access_token").asText()).startsWith("ya29.");
        assertThat(refreshStatusAtGoogle(second)).as("the new grant lives at Google").isEqualTo(200);
    }

    @Test
    void whenGoogleCannotBeReachedTheDisconnectFailsAndTheGrantStays() throws Exception {
        String subscriber = newSubscriber();
        GoogleGrant grant = consentAtGoogle(ALICE);
        TokenGranted granted = tokenGranted(subscriber, UUID.randomUUID(), Instant.now(), grant);
        publishAndAwaitStored(granted);
        armGoogleFault("oauth.revoke", 503, 3, 0);

        String body = requestRevoke(subscriber).expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After")
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("google_unavailable");
        assertThat(row(subscriber).orElseThrow().revokedAt()).isNull();
        assertThat(row(subscriber).orElseThrow().ciphertext()).isNotNull();
        assertThat(refreshStatusAtGoogle(grant)).isEqualTo(200);
        assertThat(accessToken(subscriber, granted.grantId()).get("grant_id").asText()).isEqualTo(granted.grantId().toString());
    }

    @Test
    void aRevokeIsRetriedThroughAShortGoogleOutage() throws Exception {
        String subscriber = newSubscriber();
        GoogleGrant grant = consentAtGoogle(ALICE);
        publishAndAwaitStored(tokenGranted(subscriber, UUID.randomUUID(), Instant.now(), grant));
        armGoogleFault("oauth.revoke", 503, 1, 0);

        requestRevoke(subscriber).expectStatus().isOk();

        assertThat(refreshStatusAtGoogle(grant)).isEqualTo(400);
    }

    @Test
    void aSecondDisconnectAnswersTheSameRevocation() throws Exception {
        String subscriber = newSubscriber();
        TokenGranted granted = tokenGranted(subscriber, UUID.randomUUID(), Instant.now(), consentAtGoogle(ALICE));
        publishAndAwaitStored(granted);
        String first = requestRevoke(subscriber).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        String second = requestRevoke(subscriber).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(JSON.readTree(second)).isEqualTo(JSON.readTree(first));
    }

    @Test
    void aGrantAlreadyGoneAtGoogleIsStillScrubbedOnDisconnect() throws Exception {
        String subscriber = newSubscriber();
        GoogleGrant grant = consentAtGoogle(ALICE);
        publishAndAwaitStored(tokenGranted(subscriber, UUID.randomUUID(), Instant.now(), grant));
        revokeAtGoogleDirectly(grant.refreshToken());

        requestRevoke(subscriber).expectStatus().isOk();

        assertThat(row(subscriber).orElseThrow().ciphertext()).isNull();
    }

    @Test
    void disconnectingAnUnknownSubscriberIsNotFound() {
        requestRevoke(newSubscriber()).expectStatus().isNotFound().expectBody().jsonPath("$.error").isEqualTo("unknown_subscriber");
    }

    @Test
    void replayingEveryGrantFromTheBeginningLeavesTheSameState() throws Exception {
        String subscriber = newSubscriber();
        TokenGranted first = tokenGranted(subscriber, UUID.randomUUID(), Instant.now().minusSeconds(60), consentAtGoogle(ALICE));
        publishAndAwaitStored(first);
        requestRevoke(subscriber).expectStatus().isOk();
        TokenGranted second = tokenGranted(subscriber, UUID.randomUUID(), Instant.now(), consentAtGoogle(ALICE));
        publishAndAwaitStored(second);
        String lonely = newSubscriber();
        TokenGranted lonelyGrant = tokenGranted(lonely, UUID.randomUUID(), Instant.now(), consentAtGoogle(BOB));
        publishAndAwaitStored(lonelyGrant);
        requestRevoke(lonely).expectStatus().isOk();
        Row before = row(subscriber).orElseThrow();
        Row lonelyBefore = row(lonely).orElseThrow();

        replayTokenGrantedFromTheEarliestOffset();

        Row after = row(subscriber).orElseThrow();
        assertThat(after.grantId()).isEqualTo(before.grantId()).isEqualTo(second.grantId());
        assertThat(after.ciphertext()).isEqualTo(before.ciphertext());
        assertThat(after.revokedAt()).isNull();
        Row lonelyAfter = row(lonely).orElseThrow();
        assertThat(lonelyAfter.revokedAt()).as("a revoked grant stays revoked when its record comes again").isEqualTo(lonelyBefore.revokedAt());
        assertThat(lonelyAfter.ciphertext()).isNull();
        requestAccessToken(subscriber, first.grantId(), false).expectStatus().isEqualTo(409);
        requestAccessToken(subscriber, second.grantId(), false).expectStatus().isOk();
    }
}
