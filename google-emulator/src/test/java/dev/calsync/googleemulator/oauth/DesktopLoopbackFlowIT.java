package dev.calsync.googleemulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.auth.oauth2.AuthorizationCodeResponseUrl;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Desktop client's loopback flow, as calsync's CLI runs it ("OAuth 2.0 for Mobile &amp; Desktop Apps",
 * loopback IP address; RFC 8252 §7.3; GOOGLE.md §9 "Client types" and the native-app refresh-token rule).
 */
class DesktopLoopbackFlowIT extends OAuthConformanceSupport {

    // GOOGLE.md §9 Desktop: any port, unregistered, on 127.0.0.1, [::1] or localhost; paths are fine
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:54321", "http://127.0.0.1:1/", "http://[::1]:40000/cb",
            "http://localhost:8888/Callback", "http://127.0.0.1"})
    void anyLoopbackPortIsAcceptedAndTheCodeComesBackThere(String redirectUri) {
        Pkce pkce = Pkce.s256();
        AuthorizationCodeResponseUrl callback = signIn(alice(), desktopClient(), redirectUri, CONNECT_SCOPES, pkce::addTo);
        assertThat(callback.toURI().toString()).startsWith(redirectUri);
        GoogleTokenResponse tokens = exchange(desktopClient(), callback.getCode(), redirectUri, pkce.verifier());
        assertThat(tokens.getAccessToken()).startsWith("ya29.");
    }

    // GOOGLE.md §9 Desktop: only plain-http loopback; anything else is a mismatch page
    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1:5000/", "http://192.168.1.20:5000/", "http://example.com/cb",
            "com.example.app:/oauth2redirect", "http://127.0.0.1.example.com/"})
    void nonLoopbackRedirectsAreRefusedOnGooglesPage(String redirectUri) {
        Page page = get(authorizationUrl(desktopClient(), redirectUri, CONNECT_SCOPES).build());
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.location()).isNull();
        assertThat(page.html()).contains("Error 400: redirect_uri_mismatch");
    }

    // GOOGLE.md §9 token endpoint: "installed apps always get one" [E: every Desktop exchange]
    @Test
    void everyDesktopExchangeReturnsARefreshTokenEvenAfterTheFirstConsent() {
        String redirectUri = "http://127.0.0.1:61234/";
        for (int attempt = 0; attempt < 2; attempt++) {
            AuthorizationCodeResponseUrl callback = signIn(bob(), desktopClient(), redirectUri, CONNECT_SCOPES,
                    url -> url.setAccessType("offline"));
            GoogleTokenResponse tokens = exchange(desktopClient(), callback.getCode(), redirectUri, null);
            assertThat(tokens.getRefreshToken()).as("exchange %d", attempt + 1).startsWith("1//");
            assertThat(refresh(desktopClient(), tokens.getRefreshToken()).getAccessToken()).startsWith("ya29.");
        }
    }

    // DESIGN: a refresh must use the same client the grant belongs to (RFC 6749 §6)
    @Test
    void aDesktopRefreshTokenDoesNotWorkWithTheWebClient() {
        String redirectUri = "http://[::1]:7000/";
        AuthorizationCodeResponseUrl callback = signIn(alice(), desktopClient(), redirectUri, List.of("openid"), url -> { });
        String refreshToken = exchange(desktopClient(), callback.getCode(), redirectUri, null).getRefreshToken();
        assertTokenError(refreshFails(webClient(), refreshToken), 400, "invalid_grant", "Token has been expired or revoked.");
    }
}
