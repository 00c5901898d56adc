package dev.calsync.googleemulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.auth.oauth2.GoogleIdToken;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import dev.calsync.secrets.GoogleOAuthClients;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A mobile app's Google Sign-In and its serverAuthCode ("Google Sign-In for Android: enable server-side
 * access" and its iOS twin; GOOGLE.md §9 "Android/iOS serverAuthCode" and ⚠️ aud/azp of its ID token).
 */
class MobileSignInIT extends OAuthConformanceSupport {

    private record SignedIn(String serverAuthCode, String idToken) {
    }

    @SuppressWarnings("unchecked")
    private static SignedIn mobileSignIn(GoogleOAuthClients.Client app, List<String> scopes, boolean forceCodeForRefreshToken) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("account", alice().email());
        request.put("appClientId", app.clientId());
        request.put("scopes", scopes);
        request.put("forceCodeForRefreshToken", forceCodeForRefreshToken);
        request.put("nonce", "app-nonce");
        Map<String, String> body = http.post().uri("/emulator/admin/mobile-sign-in").bodyValue(request).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return new SignedIn(body.get("serverAuthCode"), body.get("idToken"));
    }

    // GOOGLE.md §9: the app's ID token has aud = the web client and azp = the app client (⚠️ [E: so])
    @Test
    void theAppsIdTokenIsForTheWebClientAndAuthorizedByTheAppClient() throws Exception {
        for (GoogleOAuthClients.Client app : List.of(androidClient(), iosClient())) {
            SignedIn signedIn = mobileSignIn(app, List.of("openid", "email", "profile", CALENDAR_SCOPE), false);
            idTokenVerifier(webClient().clientId()).verify(signedIn.idToken());
            GoogleIdToken.Payload claims = GoogleIdToken.parse(JSON, signedIn.idToken()).getPayload();
            assertThat(claims.getAudienceAsList()).containsExactly(webClient().clientId());
            assertThat(claims.getAuthorizedParty()).isEqualTo(app.clientId());
            assertThat(claims.getSubject()).isEqualTo(alice().sub());
            assertThat(claims.getEmail()).isEqualTo(alice().email());
            assertThat(claims.getNonce()).isEqualTo("app-nonce");
        }
    }

    // GOOGLE.md §9: the backend redeems the code with the WEB client's id and secret and redirect_uri= (empty)
    @Test
    void theServerAuthCodeIsRedeemedByTheWebClientWithAnEmptyRedirectUri() throws Exception {
        SignedIn signedIn = mobileSignIn(androidClient(), List.of("openid", "email", CALENDAR_SCOPE), false);
        GoogleTokenResponse tokens = exchange(webClient(), signedIn.serverAuthCode(), "", null);
        assertThat(tokens.getRefreshToken()).as("the first offline exchange").startsWith("1//");
        assertThat(tokens.getScope().split(" ")).containsExactlyInAnyOrder("openid", "email", CALENDAR_SCOPE);
        GoogleIdToken.Payload claims = tokens.parseIdToken().getPayload();
        assertThat(claims.getAudienceAsList()).containsExactly(webClient().clientId());
        assertThat(claims.getAuthorizedParty()).isEqualTo(androidClient().clientId());
        assertThat(calendarListStatus(tokens.getAccessToken())).isNotEqualTo(401);
        assertThat(refresh(webClient(), tokens.getRefreshToken()).getAccessToken()).isNotBlank();
    }

    // GOOGLE.md §9: later codes return access tokens only, unless the app forces a new consent
    @Test
    void onlyTheFirstOrAForcedSignInYieldsARefreshToken() {
        assertThat(exchange(webClient(), mobileSignIn(iosClient(), List.of("openid", CALENDAR_SCOPE), false).serverAuthCode(), "", null)
                .getRefreshToken()).isNotNull();
        assertThat(exchange(webClient(), mobileSignIn(iosClient(), List.of("openid", CALENDAR_SCOPE), false).serverAuthCode(), "", null)
                .getRefreshToken()).isNull();
        assertThat(exchange(webClient(), mobileSignIn(iosClient(), List.of("openid", CALENDAR_SCOPE), true).serverAuthCode(), "", null)
                .getRefreshToken()).isNotNull();
    }

    // GOOGLE.md §9: "postmessage" (or any redirect) gives redirect_uri_mismatch for a serverAuthCode
    @Test
    void postmessageAsRedirectUriIsAMismatch() {
        String code = mobileSignIn(androidClient(), List.of("openid"), false).serverAuthCode();
        assertTokenError(fails(() -> exchange(webClient(), code, "postmessage", null)), 400, "redirect_uri_mismatch", "Bad Request");
    }

    // the code is the web client's: the app client itself cannot redeem it
    @Test
    void theAppClientCannotRedeemTheCode() {
        String code = mobileSignIn(androidClient(), List.of("openid"), false).serverAuthCode();
        TokenResponseException failure = fails(() -> codeExchange(webClient(), code, "")
                .setClientAuthentication(new ClientParametersAuthentication(androidClient().clientId(), null)).execute());
        assertTokenError(failure, 400, "invalid_grant", "Bad Request");
    }

    @Test
    void anUnknownOrNonAppClientIsABadRequest() {
        for (String clientId : List.of("1-nope.apps.googleusercontent.com", webClient().clientId(), desktopClient().clientId())) {
            http.post().uri("/emulator/admin/mobile-sign-in")
                    .bodyValue(Map.of("account", alice().email(), "appClientId", clientId)).exchange()
                    .expectStatus().isBadRequest();
        }
    }
}
