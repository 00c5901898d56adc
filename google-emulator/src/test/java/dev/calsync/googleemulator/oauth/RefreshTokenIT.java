package dev.calsync.googleemulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.auth.oauth2.AuthorizationCodeResponseUrl;
import com.google.api.client.googleapis.auth.oauth2.GoogleAuthorizationCodeRequestUrl;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import dev.calsync.googleemulator.directory.Directory;
import dev.calsync.secrets.GoogleOAuthClients;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * When Google issues refresh tokens and how long they and access tokens live ("Using OAuth 2.0 to
 * Access Google APIs": refresh token expiration; "Using OAuth 2.0 for Web Server Applications":
 * offline access and refreshing an access token; GOOGLE.md §9 token endpoint and "Refresh-token lifetime").
 */
class RefreshTokenIT extends OAuthConformanceSupport {

    private static GoogleTokenResponse webSignIn(GoogleOAuthClients.Account account, Consumer<GoogleAuthorizationCodeRequestUrl> extra) {
        AuthorizationCodeResponseUrl callback = signIn(account, webClient(), webRedirectUri(), CONNECT_SCOPES, extra);
        return exchange(webClient(), callback.getCode(), webRedirectUri(), null);
    }

    // GOOGLE.md §9: a refresh token needs access_type=offline AND (first consent OR prompt=consent)
    @Test
    void aRefreshTokenComesOnlyWithTheFirstOfflineConsentOrWithPromptConsent() {
        assertThat(webSignIn(alice(), url -> url.setAccessType("offline")).getRefreshToken()).as("first consent").isNotNull();
        assertThat(webSignIn(alice(), url -> url.setAccessType("offline")).getRefreshToken()).as("second consent").isNull();
        assertThat(webSignIn(alice(), url -> url.setAccessType("offline").set("prompt", "consent")).getRefreshToken())
                .as("prompt=consent").isNotNull();
        assertThat(webSignIn(alice(), url -> url.set("prompt", "consent")).getRefreshToken()).as("online, even forced").isNull();
    }

    // GOOGLE.md §9: no refresh token without offline, not even on first consent
    @Test
    void anOnlineFirstConsentGetsNoRefreshToken() {
        assertThat(webSignIn(bob(), url -> { }).getRefreshToken()).isNull();
    }

    // GOOGLE.md §9 refresh_token grant: new access token, 3599 s, scope, id_token with openid, no new refresh token
    @Test
    void aRefreshGivesANewAccessTokenAndNoNewRefreshToken() {
        GoogleTokenResponse first = webSignIn(alice(), url -> url.setAccessType("offline"));
        GoogleTokenResponse refreshed = refresh(webClient(), first.getRefreshToken());
        assertThat(refreshed.getAccessToken()).startsWith("ya29.").isNotEqualTo(first.getAccessToken());
        assertThat(refreshed.getExpiresInSeconds()).isEqualTo(3599L);
        assertThat(refreshed.getTokenType()).isEqualTo("Bearer");
        assertThat(refreshed.getRefreshToken()).as("Google does not rotate refresh tokens").isNull();
        assertThat(refreshed.getScope()).isEqualTo(String.join(" ", CONNECT_SCOPES));
        assertThat(refreshed.getIdToken()).isNotBlank();
        assertThat(calendarListStatus(first.getAccessToken())).as("the old access token lives on").isNotEqualTo(401);
        assertThat(refresh(webClient(), first.getRefreshToken()).getAccessToken()).as("the refresh token is reusable").isNotBlank();
    }

    // GOOGLE.md §9: access tokens live 3599 s; the Calendar API then answers 401 (GOOGLE.md §1 authError)
    @Test
    void anExpiredAccessTokenIsRefusedByTheCalendarApi() {
        String accessToken = webSignIn(alice(), url -> { }).getAccessToken();
        advanceClock(Duration.ofSeconds(3598));
        assertThat(calendarListStatus(accessToken)).isNotEqualTo(401);
        advanceClock(Duration.ofSeconds(2));
        assertThat(calendarListStatus(accessToken)).isEqualTo(401);
        http.get().uri("/calendar/v3/users/me/calendarList").headers(headers -> headers.setBearerAuth(accessToken))
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error.errors[0].reason").isEqualTo("authError");
    }

    // GOOGLE.md §9 token table: an unknown refresh token is invalid_grant "Token has been expired or revoked."
    @Test
    void anUnknownRefreshTokenIsExpiredOrRevoked() {
        assertTokenError(refreshFails(webClient(), "1//0not-a-token"), 400, "invalid_grant", "Token has been expired or revoked.");
    }

    // GOOGLE.md §9 token cap: 100 per account and client; the 101st silently kills the oldest
    @Test
    void theHundredAndFirstRefreshTokenKillsTheOldest() {
        List<String> refreshTokens = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            refreshTokens.add((String) grant(bob(), CONNECT_SCOPES).get("refresh_token"));
        }
        assertThat(refresh(webClient(), refreshTokens.get(0)).getAccessToken()).as("100 live tokens").isNotBlank();
        GoogleTokenResponse hundredAndFirst = webSignIn(bob(), url -> url.setAccessType("offline").set("prompt", "consent"));
        assertThat(hundredAndFirst.getRefreshToken()).isNotNull();
        assertTokenError(refreshFails(webClient(), refreshTokens.get(0)), 400, "invalid_grant", "Token has been expired or revoked.");
        assertThat(refresh(webClient(), refreshTokens.get(1)).getAccessToken()).isNotBlank();
        assertThat(refresh(webClient(), hundredAndFirst.getRefreshToken()).getAccessToken()).isNotBlank();
    }

    // GOOGLE.md §9 Refresh-token lifetime: 6 months unused kills a token
    @Test
    void aRefreshTokenUnusedForSixMonthsIsDead() {
        String refreshToken = webSignIn(alice(), url -> url.setAccessType("offline")).getRefreshToken();
        advanceClock(Duration.ofDays(179));
        refresh(webClient(), refreshToken);
        advanceClock(Duration.ofDays(179));
        assertThat(refresh(webClient(), refreshToken).getAccessToken()).as("use resets the clock").isNotBlank();
        advanceClock(Duration.ofDays(180));
        assertTokenError(refreshFails(webClient(), refreshToken), 400, "invalid_grant", "Token has been expired or revoked.");
    }

    // GOOGLE.md §9 Testing mode: calendar-scoped refresh tokens of a "testing" client expire after 7 days
    @Test
    void aTestingClientsCalendarRefreshTokenExpiresAfterSevenDays() {
        Directory directory = google.bean(Directory.class);
        GoogleOAuthClients original = directory.registrations();
        directory.replace(withWebClientIn(original, GoogleOAuthClients.PublishingStatus.testing));
        try {
            GoogleTokenResponse tokens = webSignIn(alice(), url -> url.setAccessType("offline"));
            assertThat(((BigDecimal) tokens.get("refresh_token_expires_in")).longValue()).isEqualTo(Duration.ofDays(7).toSeconds());
            advanceClock(Duration.ofDays(7).minusMinutes(1));
            assertThat(refresh(webClient(), tokens.getRefreshToken()).getAccessToken()).isNotBlank();
            advanceClock(Duration.ofMinutes(1));
            assertTokenError(refreshFails(webClient(), tokens.getRefreshToken()), 400, "invalid_grant", "Token has been expired or revoked.");

            // identity scopes alone are exempt
            AuthorizationCodeResponseUrl identityOnly = signIn(bob(), webClient(), webRedirectUri(), List.of("openid", "email"),
                    url -> url.setAccessType("offline"));
            GoogleTokenResponse identity = exchange(webClient(), identityOnly.getCode(), webRedirectUri(), null);
            assertThat(identity.getRefreshToken()).isNotNull();
            assertThat(identity).doesNotContainKey("refresh_token_expires_in");
        } finally {
            directory.replace(original);
        }
    }

    private static GoogleOAuthClients withWebClientIn(GoogleOAuthClients registrations, GoogleOAuthClients.PublishingStatus status) {
        return new GoogleOAuthClients(registrations.clients().stream()
                .map(client -> client.type() != GoogleOAuthClients.ClientType.web ? client
                        : new GoogleOAuthClients.Client(client.type(), client.clientId(), client.clientSecret(), client.redirectUris(),
                        client.webClientId(), status))
                .toList(), registrations.accounts());
    }
}
