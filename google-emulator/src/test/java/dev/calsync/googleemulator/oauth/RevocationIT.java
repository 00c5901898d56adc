package dev.calsync.googleemulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.auth.oauth2.AuthorizationCodeResponseUrl;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import dev.calsync.secrets.GoogleOAuthClients;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Revocation ends the whole grant ("Using OAuth 2.0 for Web Server Applications", revoking a token:
 * "If the token is an access token and it has a corresponding refresh token, the refresh token will
 * also be revoked"; GOOGLE.md §9 "Revoke and userinfo").
 */
class RevocationIT extends OAuthConformanceSupport {

    private static GoogleTokenResponse connect(GoogleOAuthClients.Account account) {
        AuthorizationCodeResponseUrl callback = signIn(account, webClient(), webRedirectUri(), CONNECT_SCOPES,
                url -> url.setAccessType("offline"));
        return exchange(webClient(), callback.getCode(), webRedirectUri(), null);
    }

    private static void revoke(String token) {
        http.post().uri("/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("token", token))
                .exchange().expectStatus().isOk().expectBody().json("{}", true);
    }

    // revoking the access token kills the refresh token of the same grant
    @Test
    void revokingTheAccessTokenEndsTheRefreshTokenToo() {
        GoogleTokenResponse tokens = connect(alice());
        revoke(tokens.getAccessToken());
        assertTokenError(refreshFails(webClient(), tokens.getRefreshToken()), 400, "invalid_grant", "Token has been expired or revoked.");
        assertThat(calendarListStatus(tokens.getAccessToken())).isEqualTo(401);
    }

    // revoking the refresh token kills every access token of the grant, however obtained
    @Test
    void revokingTheRefreshTokenEndsEveryAccessToken() {
        GoogleTokenResponse tokens = connect(alice());
        String refreshed = refresh(webClient(), tokens.getRefreshToken()).getAccessToken();
        revoke(tokens.getRefreshToken());
        assertThat(calendarListStatus(tokens.getAccessToken())).isEqualTo(401);
        assertThat(calendarListStatus(refreshed)).isEqualTo(401);
        http.get().uri("/v1/userinfo").headers(headers -> headers.setBearerAuth(refreshed)).exchange().expectStatus().isUnauthorized();
    }

    // the grant is per account: bob's tokens survive alice's revocation
    @Test
    void anotherAccountsGrantIsUntouched() {
        GoogleTokenResponse alices = connect(alice());
        GoogleTokenResponse bobs = connect(bob());
        revoke(alices.getRefreshToken());
        assertThat(refresh(webClient(), bobs.getRefreshToken()).getAccessToken()).isNotBlank();
    }

    // GOOGLE.md §9: 400 {"error":"invalid_token","error_description":"Token expired or revoked"} for a dead token
    @Test
    void revokingTwiceOrAnUnknownTokenIsInvalidToken() {
        GoogleTokenResponse tokens = connect(alice());
        revoke(tokens.getRefreshToken());
        for (String token : List.of(tokens.getRefreshToken(), tokens.getAccessToken(), "ya29.unknown")) {
            http.post().uri("/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData("token", token))
                    .exchange().expectStatus().isBadRequest()
                    .expectBody().json("{\"error\":\"invalid_token\",\"error_description\":\"Token expired or revoked\"}", true);
        }
    }

    // GOOGLE.md §9: token= in the query works too, and so does the legacy path (GOOGLE.md §0)
    @Test
    void theTokenMayComeInTheQueryAndTheLegacyPathWorks() {
        GoogleTokenResponse tokens = connect(alice());
        http.post().uri(uri -> uri.path("/o/oauth2/revoke").queryParam("token", tokens.getAccessToken()).build())
                .exchange().expectStatus().isOk();
        assertTokenError(refreshFails(webClient(), tokens.getRefreshToken()), 400, "invalid_grant", "Token has been expired or revoked.");
    }

    // after a revocation the next consent is a first consent again, so offline access brings a new refresh token
    @Test
    void afterRevocationTheNextOfflineConsentGetsANewRefreshToken() {
        GoogleTokenResponse first = connect(alice());
        assertThat(connect(alice()).getRefreshToken()).as("not a first consent").isNull();
        revoke(first.getRefreshToken());
        assertThat(connect(alice()).getRefreshToken()).isNotNull();
    }
}
