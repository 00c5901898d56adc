package dev.calsync.googleemulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.auth.oauth2.AuthorizationCodeResponseUrl;
import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import com.google.api.client.http.BasicAuthentication;
import com.google.api.client.http.GenericUrl;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The web server flow end to end: Google's URL builder, the consent page, Google's token request
 * classes, and every answer of the token endpoint's error table ("Using OAuth 2.0 for Web Server
 * Applications", steps 1–5 and "Error responses"; RFC 7636 for PKCE; GOOGLE.md §9 "Token endpoint").
 */
class WebAuthorizationCodeFlowIT extends OAuthConformanceSupport {

    private record Connected(AuthorizationCodeResponseUrl callback, Pkce pkce) {
        String code() {
            return callback.getCode();
        }
    }

    /** calsync's connect flow: PKCE S256, state, nonce, offline access. */
    private static Connected connect() {
        Pkce pkce = Pkce.s256();
        AuthorizationCodeResponseUrl callback = signIn(alice(), webClient(), webRedirectUri(), CONNECT_SCOPES, url -> {
            pkce.addTo(url);
            url.setAccessType("offline").setState("st-42/+ =x").set("nonce", "nonce-1");
        });
        return new Connected(callback, pkce);
    }

    // GOOGLE.md §9 Redirects (observed): state, code=4/0A…, scope=<granted>, authuser=0, prompt=consent
    @Test
    void allowRedirectsWithStateCodeScopeAuthuserAndPrompt() {
        AuthorizationCodeResponseUrl callback = connect().callback();
        assertThat(callback.getState()).as("state comes back unchanged").isEqualTo("st-42/+ =x");
        assertThat(callback.getCode()).startsWith("4/0A").hasSizeLessThanOrEqualTo(256);
        assertThat(callback.getFirst("scope")).isEqualTo(String.join(" ", CONNECT_SCOPES));
        assertThat(callback.getFirst("authuser")).isEqualTo("0");
        assertThat(callback.getFirst("prompt")).isEqualTo("consent");
        assertThat(callback.getError()).isNull();
    }

    // "Web Server Applications" step 5: access_token, expires_in 3599, Bearer, scope, refresh_token, id_token
    @Test
    void codeWithTheRightVerifierYieldsGooglesTokenResponse() {
        Connected connected = connect();
        GoogleTokenResponse tokens = exchange(webClient(), connected.code(), webRedirectUri(), connected.pkce().verifier());
        assertThat(tokens.getAccessToken()).startsWith("ya29.").hasSizeLessThanOrEqualTo(2048);
        assertThat(tokens.getExpiresInSeconds()).isEqualTo(3599L);
        assertThat(tokens.getTokenType()).isEqualTo("Bearer");
        assertThat(tokens.getScope()).isEqualTo(String.join(" ", CONNECT_SCOPES));
        assertThat(tokens.getRefreshToken()).startsWith("1//").hasSizeLessThanOrEqualTo(512);
        assertThat(tokens.getIdToken()).isNotBlank();
        assertThat(tokens).as("an in-production client's token has no fixed end").doesNotContainKey("refresh_token_expires_in");
        assertThat(calendarListStatus(tokens.getAccessToken())).as("the Calendar API accepts the token").isNotEqualTo(401);
    }

    // the token endpoint's answer must never be cached (RFC 6749 §5.1), success and error alike
    @Test
    void tokenAnswersCarryNoStore() {
        Connected connected = connect();
        http.post().uri("/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "authorization_code").with("code", connected.code())
                        .with("client_id", webClient().clientId()).with("client_secret", webClient().clientSecret())
                        .with("redirect_uri", webRedirectUri()).with("code_verifier", connected.pkce().verifier()))
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        http.post().uri("/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "authorization_code").with("code", "4/0Anope")
                        .with("client_id", webClient().clientId()).with("client_secret", webClient().clientSecret())
                        .with("redirect_uri", webRedirectUri()))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody().json("{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}", true);
    }

    // GOOGLE.md §9 token table: PKCE mismatch → 400 invalid_grant "Bad Request"
    @Test
    void wrongOrMissingVerifierIsInvalidGrant() {
        Connected connected = connect();
        assertTokenError(fails(() -> exchange(webClient(), connected.code(), webRedirectUri(), Pkce.s256().verifier())),
                400, "invalid_grant", "Bad Request");
        assertTokenError(fails(() -> exchange(webClient(), connected.code(), webRedirectUri(), null)),
                400, "invalid_grant", "Bad Request");
    }

    // GOOGLE.md §9: codes are single-use; a reused code is invalid_grant and revokes nothing else
    @Test
    void aReusedCodeIsInvalidGrantAndTheFirstTokensStayValid() {
        Connected connected = connect();
        GoogleTokenResponse first = exchange(webClient(), connected.code(), webRedirectUri(), connected.pkce().verifier());
        assertTokenError(fails(() -> exchange(webClient(), connected.code(), webRedirectUri(), connected.pkce().verifier())),
                400, "invalid_grant", "Bad Request");
        assertThat(calendarListStatus(first.getAccessToken())).isNotEqualTo(401);
        assertThat(refresh(webClient(), first.getRefreshToken()).getAccessToken()).isNotBlank();
    }

    // GOOGLE.md §9 Codes: ⚠️ about 10 minutes [E: 10 min]; an expired code is invalid_grant
    @Test
    void aCodeOlderThanTenMinutesIsInvalidGrant() {
        Connected connected = connect();
        advanceClock(Duration.ofMinutes(10).plusSeconds(1));
        assertTokenError(fails(() -> exchange(webClient(), connected.code(), webRedirectUri(), connected.pkce().verifier())),
                400, "invalid_grant", "Bad Request");
    }

    // GOOGLE.md §9 token table: redirect_uri differs from the authorize step → 400 redirect_uri_mismatch
    @Test
    void anotherRedirectUriAtTheTokenEndpointIsRedirectUriMismatch() {
        Connected connected = connect();
        assertTokenError(fails(() -> exchange(webClient(), connected.code(), webRedirectUri() + "/", connected.pkce().verifier())),
                400, "redirect_uri_mismatch", "Bad Request");
    }

    // GOOGLE.md §9 token table: wrong secret → 401 invalid_client "Unauthorized"
    @Test
    void aWrongSecretIsInvalidClientUnauthorized() {
        Connected connected = connect();
        TokenResponseException failure = fails(() -> new AuthorizationCodeTokenRequest(APACHE_TRANSPORT, JSON, new GenericUrl(tokenUrl()),
                connected.code()).setRedirectUri(webRedirectUri())
                .setClientAuthentication(new ClientParametersAuthentication(webClient().clientId(), "GOCSPX-not-the-secret"))
                .set("code_verifier", connected.pkce().verifier()).execute());
        assertTokenError(failure, 401, "invalid_client", "Unauthorized");
    }

    // GOOGLE.md §9 token table: ⚠️ unknown client → 401 invalid_client "The OAuth client was not found."
    @Test
    void anUnknownClientIsInvalidClientNotFound() {
        Connected connected = connect();
        TokenResponseException failure = fails(() -> new AuthorizationCodeTokenRequest(APACHE_TRANSPORT, JSON, new GenericUrl(tokenUrl()),
                connected.code()).setRedirectUri(webRedirectUri())
                .setClientAuthentication(new ClientParametersAuthentication("1-nope.apps.googleusercontent.com", "x")).execute());
        assertTokenError(failure, 401, "invalid_client", "The OAuth client was not found.");
    }

    // GOOGLE.md §9 token table "other": an unknown grant type → 400 unsupported_grant_type
    @Test
    void anotherGrantTypeIsUnsupportedGrantType() {
        TokenResponseException failure = fails(() -> new AuthorizationCodeTokenRequest(TRANSPORT, JSON, new GenericUrl(tokenUrl()), "4/0Ax")
                .setGrantType("password")
                .setClientAuthentication(new ClientParametersAuthentication(webClient().clientId(), webClient().clientSecret())).execute());
        assertThat(failure.getStatusCode()).isEqualTo(400);
        assertThat(failure.getDetails().getError()).isEqualTo("unsupported_grant_type");
    }

    // GOOGLE.md §9 token table "other": a missing parameter → 400 invalid_request
    @Test
    void aMissingCodeIsInvalidRequest() {
        TokenResponseException failure = fails(() -> new AuthorizationCodeTokenRequest(TRANSPORT, JSON, new GenericUrl(tokenUrl()), "")
                .setRedirectUri(webRedirectUri())
                .setClientAuthentication(new ClientParametersAuthentication(webClient().clientId(), webClient().clientSecret())).execute());
        assertThat(failure.getStatusCode()).isEqualTo(400);
        assertThat(failure.getDetails().getError()).isEqualTo("invalid_request");
    }

    // GOOGLE.md §9: token_endpoint_auth_methods_supported includes client_secret_basic (Spring Security's default)
    @Test
    void httpBasicClientAuthenticationWorksToo() throws Exception {
        Connected connected = connect();
        TokenResponse tokens = new AuthorizationCodeTokenRequest(TRANSPORT, JSON, new GenericUrl(tokenUrl()), connected.code())
                .setRedirectUri(webRedirectUri())
                .setClientAuthentication(new BasicAuthentication(webClient().clientId(), webClient().clientSecret()))
                .set("code_verifier", connected.pkce().verifier()).execute();
        assertThat(tokens.getAccessToken()).startsWith("ya29.");
    }

    // GOOGLE.md §0: the legacy token hosts answer the same
    @ParameterizedTest
    @ValueSource(strings = {"/o/oauth2/token", "/oauth2/v4/token"})
    void legacyTokenPathsRedeemCodes(String path) throws Exception {
        Connected connected = connect();
        TokenResponse tokens = new AuthorizationCodeTokenRequest(TRANSPORT, JSON, new GenericUrl(url(path)), connected.code())
                .setRedirectUri(webRedirectUri())
                .setClientAuthentication(new ClientParametersAuthentication(webClient().clientId(), webClient().clientSecret()))
                .set("code_verifier", connected.pkce().verifier()).execute();
        assertThat(tokens.getAccessToken()).startsWith("ya29.");
    }

    // GOOGLE.md §9 Authorization endpoint: plain is the default method when only a challenge is sent
    @Test
    void aPlainChallengeIsMatchedByTheSameVerifier() {
        String verifier = Pkce.s256().verifier();
        AuthorizationCodeResponseUrl callback = signIn(bob(), webClient(), webRedirectUri(), List.of("openid"),
                url -> url.set("code_challenge", verifier));
        assertThat(exchange(webClient(), callback.getCode(), webRedirectUri(), verifier).getAccessToken()).isNotBlank();
    }

    // a code belongs to the client it was issued to (RFC 6749 §4.1.3)
    @Test
    void anotherClientCannotRedeemTheCode() {
        Connected connected = connect();
        assertTokenError(fails(() -> exchange(desktopClient(), connected.code(), webRedirectUri(), connected.pkce().verifier())),
                400, "invalid_grant", "Bad Request");
    }
}
