package dev.calsync.token.accesstoken;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.token.TokenServiceTestSupport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The access-token API: a grant's token, cached, refreshed on demand, and every grant-id and input rule. */
class AccessTokenIT extends TokenServiceTestSupport {

    private record Connected(String subscriber, UUID grantId, GoogleGrant google) {
    }

    private Connected connected(String account, String clientId) throws Exception {
        String subscriber = newSubscriber();
        UUID grantId = UUID.randomUUID();
        GoogleGrant grant = consentAtGoogle(account, clientId);
        publishAndAwaitStored(tokenGranted(subscriber, grantId, Instant.now(), grant));
        return new Connected(subscriber, grantId, grant);
    }

    @Test
    void aConsumedGrantGivesAnAccessTokenGoogleAccepts() throws Exception {
        Connected alice = connected(ALICE, null);

        JsonNode token = accessToken(alice.subscriber(), alice.grantId());

        assertThat(token.get("grant_id").asText()).isEqualTo(alice.grantId().toString());
        assertThat(token.get("access_token").asText()).startsWith("ya29.").isNotEqualTo(alice.google().accessToken());
        assertThat(Instant.parse(token.get("expires_at").asText())).isAfter(serviceClock.instant().plusSeconds(3500));
        assertThat(calendarListStatus(token.get("access_token").asText())).as("Google accepts the token").isEqualTo(200);
    }

    @Test
    void aCachedTokenIsHandedOutAgainWithoutAskingGoogle() throws Exception {
        Connected alice = connected(ALICE, null);
        String first = accessToken(alice.subscriber(), alice.grantId()).get("access_token").asText();
        long issuedBefore = accessTokensIssuedByGoogle();

        String second = accessToken(alice.subscriber(), alice.grantId()).get("access_token").asText();

        assertThat(second).isEqualTo(first);
        assertThat(accessTokensIssuedByGoogle()).isEqualTo(issuedBefore);
    }

    @Test
    void forceRefreshesEvenAFreshToken() throws Exception {
        Connected alice = connected(ALICE, null);
        String first = accessToken(alice.subscriber(), alice.grantId()).get("access_token").asText();
        long issuedBefore = accessTokensIssuedByGoogle();

        String forced = JSON.readTree(requestAccessToken(alice.subscriber(), alice.grantId(), true).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).get("access_token").asText();

        assertThat(forced).isNotEqualTo(first);
        assertThat(accessTokensIssuedByGoogle()).isEqualTo(issuedBefore + 1);
        assertThat(accessToken(alice.subscriber(), alice.grantId()).get("access_token").asText()).as("cached after the force").isEqualTo(forced);
    }

    @Test
    void concurrentRequestsForOneGrantCauseExactlyOneRefresh() throws Exception {
        Connected alice = connected(ALICE, null);
        long issuedBefore = accessTokensIssuedByGoogle();

        List<String> tokens = concurrentAccessTokens(alice.subscriber(), alice.grantId(), 100);

        assertThat(tokens).hasSize(100).allMatch(token -> token.startsWith("ya29."));
        assertThat(tokens.stream().distinct()).hasSize(1);
        assertThat(accessTokensIssuedByGoogle()).isEqualTo(issuedBefore + 1);
    }

    @Test
    void aGrantOfTheDesktopClientIsRefreshedWithTheDesktopClientsCredentials() throws Exception {
        String desktopClient = oauthClients().firstOfType(GoogleOAuthClients.ClientType.desktop).orElseThrow().clientId();
        Connected bob = connected(BOB, desktopClient);

        JsonNode token = accessToken(bob.subscriber(), bob.grantId());

        assertThat(calendarListStatus(token.get("access_token").asText())).isEqualTo(200);
    }

    @Test
    void aGrantOfAnOAuthClientThisServiceDoesNotKnowIsABadGatewayNamingTheClient() throws Exception {
        String subscriber = newSubscriber();
        UUID grantId = UUID.randomUUID();
        GoogleGrant real = consentAtGoogle(ALICE);
        GoogleGrant foreignClient = new GoogleGrant(real.refreshToken(), real.accessToken(), "unknown-client.apps.example",
                real.googleSubject(), real.email());
        publishAndAwaitStored(tokenGranted(subscriber, grantId, Instant.now(), foreignClient));

        String body = requestAccessToken(subscriber, grantId, false).expectStatus().isEqualTo(502)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("google_refused").contains("unknown-client.apps.example");
        assertNoSecretIn(body, real.refreshToken());
    }

    @Test
    void anOlderGrantThanTheStoredOneIsAConflict() throws Exception {
        String subscriber = newSubscriber();
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        Instant now = Instant.now();
        publishAndAwaitStored(tokenGranted(subscriber, older, now.minusSeconds(60), consentAtGoogle(ALICE)));
        publishAndAwaitStored(tokenGranted(subscriber, newer, now, consentAtGoogle(ALICE)));

        requestAccessToken(subscriber, older, false).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error").isEqualTo("grant_superseded");
        assertThat(accessToken(subscriber, newer).get("grant_id").asText()).isEqualTo(newer.toString());
    }

    @Test
    void aGrantNotConsumedYetIsUnavailableWithRetryAfter() throws Exception {
        Connected alice = connected(ALICE, null);

        requestAccessToken(alice.subscriber(), UUID.randomUUID(), false)
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody().jsonPath("$.error").isEqualTo("grant_not_yet_known");
    }

    @Test
    void anUnknownSubscriberIsNotFound() {
        requestAccessToken(newSubscriber(), UUID.randomUUID(), false).expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isEqualTo("unknown_subscriber");
    }

    @Test
    void aWrongOrMissingServiceCredentialIsUnauthorizedAndTheAnswerQuotesNothing() throws Exception {
        Connected alice = connected(ALICE, null);
        String wrong = serviceCredential() + "x";

        String body = http.post().uri("/internal/v1/subscribers/{id}/access-token", alice.subscriber())
                .headers(headers -> headers.setBearerAuth(wrong))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("grant_id", alice.grantId().toString()))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody(String.class).returnResult().getResponseBody();
        assertNoSecretIn(body, wrong, serviceCredential());

        http.post().uri("/internal/v1/subscribers/{id}/access-token", alice.subscriber())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("grant_id", alice.grantId().toString()))
                .exchange().expectStatus().isUnauthorized();
        http.post().uri("/internal/v1/subscribers/{id}/access-token", alice.subscriber())
                .header("Authorization", "Basic " + serviceCredential())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("grant_id", alice.grantId().toString()))
                .exchange().expectStatus().isUnauthorized();
        http.post().uri("/internal/v1/subscribers/{id}/revoke", alice.subscriber())
                .headers(headers -> headers.setBearerAuth(wrong))
                .exchange().expectStatus().isUnauthorized();
        assertThat(row(alice.subscriber()).orElseThrow().revokedAt()).as("a refused revoke changes nothing").isNull();
    }

    @Test
    void aRequestWithoutAUsableGrantIdIsABadRequestThatDoesNotEchoIt() throws Exception {
        Connected alice = connected(ALICE, null);
        String uri = "/internal/v1/subscribers/" + alice.subscriber() + "/access-token";

        for (String body : List.of("{}", "{\"grant_id\":\"ya29.looks-like-a-token\"}", "not json ya29.looks-like-a-token", "")) {
            String answer = http.post().uri(uri).headers(headers -> headers.setBearerAuth(serviceCredential()))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isBadRequest()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(answer).as("answer to %s", body).contains("bad_request").doesNotContain("ya29.");
        }
        http.post().uri(uri + "?force=maybe").headers(headers -> headers.setBearerAuth(serviceCredential()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("grant_id", alice.grantId().toString()))
                .exchange().expectStatus().isBadRequest();
    }

    private static int calendarListStatus(String accessToken) {
        return emulatorHttp().get().uri("/calendar/v3/users/me/calendarList")
                .headers(headers -> headers.setBearerAuth(accessToken))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())).block();
    }
}
