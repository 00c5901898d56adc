package dev.calsync.googleemulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.auth.oauth2.AuthorizationCodeResponseUrl;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code oauth2.googleapis.com/tokeninfo} ("OpenID Connect", calling the tokeninfo endpoint; "Using OAuth 2.0
 * for Client-side Web Applications", token validation), over raw HTTP since Google's Java clients no longer
 * call it: an access token's azp, aud, sub, scope, exp, expires_in, email, email_verified and access_type, an
 * ID token's claims, every value a string; anything invalid is 400 {@code invalid_token} "Invalid Value".
 */
class TokeninfoIT extends OAuthConformanceSupport {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String INVALID_VALUE = "{\"error\":\"invalid_token\",\"error_description\":\"Invalid Value\"}";

    record Answer(int status, Map<String, Object> body, String text) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"/tokeninfo", "/oauth2/v3/tokeninfo"})
    void anAccessTokenOfAnOfflineIdentitySignInDescribesItselfInStrings(String path) {
        GoogleTokenResponse tokens = webTokens(List.of("openid", "email", CALENDAR_SCOPE), true);
        Answer answer = ask(path + "?access_token=" + encode(tokens.getAccessToken()));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).containsOnlyKeys("azp", "aud", "sub", "scope", "exp", "expires_in", "email", "email_verified",
                "access_type");
        assertThat(answer.body().values()).as("every value a JSON string, as Google's").allSatisfy(value -> assertThat(value).isInstanceOf(String.class));
        assertThat(answer.body()).containsEntry("azp", webClient().clientId()).containsEntry("aud", webClient().clientId())
                .containsEntry("sub", alice().sub()).containsEntry("email", alice().email()).containsEntry("email_verified", "true")
                .containsEntry("access_type", "offline");
        assertThat(((String) answer.body().get("scope")).split(" ")).containsExactlyInAnyOrder("openid", "email", CALENDAR_SCOPE);
        long expiresIn = Long.parseLong((String) answer.body().get("expires_in"));
        assertThat(expiresIn).isBetween(3500L, 3599L);
        assertThat(Instant.ofEpochSecond(Long.parseLong((String) answer.body().get("exp"))))
                .isBetween(google.clock().instant().plusSeconds(3500), google.clock().instant().plusSeconds(3600));
    }

    // without an identity scope there is no one to name; online without access_type=offline
    @Test
    void aCalendarOnlyOnlineAccessTokenHasNoSubOrEmail() {
        GoogleTokenResponse tokens = webTokens(List.of(CALENDAR_SCOPE), false);
        Answer answer = askByForm("/tokeninfo", "access_token=" + encode(tokens.getAccessToken()));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).doesNotContainKeys("sub", "email", "email_verified")
                .containsEntry("scope", CALENDAR_SCOPE).containsEntry("access_type", "online");
    }

    // "OpenID Connect", calling the tokeninfo endpoint: the ID token's claims as strings, and its alg and kid
    @Test
    void anIdTokenAnswersWithItsClaimsAsStrings() throws Exception {
        GoogleTokenResponse tokens = webTokens(List.of("openid", "email", "profile"), false);
        var claims = SignedJWT.parse(tokens.getIdToken()).getJWTClaimsSet();
        Answer answer = ask("/tokeninfo?id_token=" + encode(tokens.getIdToken()));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().values()).allSatisfy(value -> assertThat(value).isInstanceOf(String.class));
        assertThat(answer.body()).containsEntry("iss", baseUrl().toString()).containsEntry("aud", webClient().clientId())
                .containsEntry("azp", webClient().clientId()).containsEntry("sub", alice().sub())
                .containsEntry("email", alice().email()).containsEntry("email_verified", "true")
                .containsEntry("name", alice().name())
                .containsEntry("iat", Long.toString(claims.getIssueTime().toInstant().getEpochSecond()))
                .containsEntry("exp", Long.toString(claims.getExpirationTime().toInstant().getEpochSecond()))
                .containsEntry("alg", "RS256").containsEntry("kid", SignedJWT.parse(tokens.getIdToken()).getHeader().getKeyID());
    }

    @Test
    void unknownRevokedExpiredAndForgedTokensAreInvalidValues() {
        assertInvalid(ask("/tokeninfo?access_token=ya29.a0unknown"));
        assertInvalid(ask("/tokeninfo?id_token=not.a.jwt"));

        GoogleTokenResponse revoked = webTokens(List.of("openid", CALENDAR_SCOPE), true);
        http.post().uri("/revoke?token=" + revoked.getRefreshToken()).exchange().expectStatus().isOk();
        assertInvalid(ask("/tokeninfo?access_token=" + encode(revoked.getAccessToken())));

        GoogleTokenResponse tokens = webTokens(List.of("openid", "email"), false);
        String[] parts = tokens.getIdToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(alice().sub(), bob().sub());
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertInvalid(ask("/tokeninfo?id_token=" + encode(forged)));
        assertThat(ask("/tokeninfo?id_token=" + encode(tokens.getIdToken())).status()).as("the genuine one").isEqualTo(200);

        advanceClock(Duration.ofHours(1).plusMinutes(1));
        assertInvalid(ask("/tokeninfo?access_token=" + encode(tokens.getAccessToken())));
        assertInvalid(ask("/tokeninfo?id_token=" + encode(tokens.getIdToken())));
    }

    @Test
    void aRequestWithoutATokenIsABadRequest() {
        Answer answer = ask("/tokeninfo");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).containsEntry("error", "invalid_request");
    }

    private static void assertInvalid(Answer answer) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text()).isEqualTo(INVALID_VALUE);
    }

    private static GoogleTokenResponse webTokens(List<String> scopes, boolean offline) {
        AuthorizationCodeResponseUrl callback = signIn(alice(), webClient(), webRedirectUri(), scopes, url -> {
            if (offline) {
                url.setAccessType("offline");
            }
        });
        return exchange(webClient(), callback.getCode(), webRedirectUri(), null);
    }

    private static Answer ask(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(url(pathAndQuery))).GET().build());
    }

    private static Answer askByForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    @SuppressWarnings("unchecked")
    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            return new Answer(response.statusCode(), JSON.fromString(response.body(), Map.class), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
