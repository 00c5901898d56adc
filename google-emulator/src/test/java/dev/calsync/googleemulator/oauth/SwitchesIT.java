package dev.calsync.googleemulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.auth.oauth2.AuthorizationCodeResponseUrl;
import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.googleapis.auth.oauth2.GoogleIdToken;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import com.google.api.client.http.GenericUrl;
import com.google.auth.oauth2.TokenVerifier;
import dev.calsync.googleemulator.EmbeddedGoogleEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The emulator with every OAuth switch flipped to its alternative, for the behaviours GOOGLE.md §9 marks
 * ⚠️ unverified ([S: …]): a configured issuer and a bare {@code iss}, detailed invalid_grant descriptions,
 * a configurable code lifetime, "Bad Request" some hours after a revocation, Desktop refresh tokens on
 * first consent only, {@code azp = aud} for mobile, "Unauthorized" for an unknown client, and
 * {@code login_required} for {@code prompt=none}.
 */
class SwitchesIT extends OAuthConformanceSupport {

    private static final String ISSUER = "https://accounts.example.test";

    /** Replaces the shared emulator, for this class, with one whose switches are flipped. */
    @BeforeAll
    static void startEmulatorWithSwitchesFlipped() throws IOException {
        Path seedFile = Files.createTempFile("emulator-seed-switches", ".json");
        Files.writeString(seedFile, seed.toJson());
        google = EmbeddedGoogleEmulator.start(seedFile, Map.of(
                "emulator.issuer", ISSUER,
                "emulator.switches.bare-id-token-issuer", "true",
                "emulator.switches.detailed-invalid-grant", "true",
                "emulator.tokens.code-lifetime", "PT1M",
                "emulator.switches.revoked-refresh-token-bad-request-after", "PT12H",
                "emulator.switches.desktop-always-gets-refresh-token", "false",
                "emulator.switches.mobile-azp-is-app-client", "false",
                "emulator.switches.unknown-client-description", "Unauthorized",
                "emulator.switches.prompt-none-error", "LOGIN_REQUIRED"));
        http = WebTestClient.bindToServer().baseUrl(google.baseUrl().toString()).build();
    }

    // GOOGLE.md §9 discovery + [E: https | S: bare]: the configured issuer, and iss without the scheme
    @Test
    void aConfiguredIssuerIsAnnouncedAndIdTokensCarryItWithoutScheme() throws Exception {
        http.get().uri("/.well-known/openid-configuration").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.issuer").isEqualTo(ISSUER)
                .jsonPath("$.token_endpoint").isEqualTo(baseUrl() + "/token");
        AuthorizationCodeResponseUrl callback = signIn(alice(), webClient(), webRedirectUri(), List.of("openid"), url -> { });
        String idToken = exchange(webClient(), callback.getCode(), webRedirectUri(), null).getIdToken();
        TokenVerifier.newBuilder().setCertificatesLocation(url("/oauth2/v3/certs")).setIssuer("accounts.example.test")
                .setAudience(webClient().clientId()).setClock(() -> google.clock().millis()).build().verify(idToken);
    }

    // GOOGLE.md §9 token table [S: detailed]: "Malformed auth code.", "Missing code verifier.", "Invalid code verifier."
    @Test
    void invalidGrantDescriptionsAreDetailed() {
        Pkce pkce = Pkce.s256();
        AuthorizationCodeResponseUrl callback = signIn(alice(), webClient(), webRedirectUri(), CONNECT_SCOPES, pkce::addTo);
        assertTokenError(fails(() -> exchange(webClient(), callback.getCode(), webRedirectUri(), null)),
                400, "invalid_grant", "Missing code verifier.");
        assertTokenError(fails(() -> exchange(webClient(), callback.getCode(), webRedirectUri(), Pkce.s256().verifier())),
                400, "invalid_grant", "Invalid code verifier.");
        assertTokenError(fails(() -> exchange(webClient(), "not-a-code", webRedirectUri(), null)),
                400, "invalid_grant", "Malformed auth code.");
    }

    // GOOGLE.md §9 Codes [S: configurable]
    @Test
    void theCodeLifetimeIsConfigurable() {
        AuthorizationCodeResponseUrl callback = signIn(alice(), webClient(), webRedirectUri(), CONNECT_SCOPES, url -> { });
        advanceClock(Duration.ofMinutes(1));
        assertTokenError(fails(() -> exchange(webClient(), callback.getCode(), webRedirectUri(), null)), 400, "invalid_grant", "Bad Request");
    }

    // GOOGLE.md §9 token table: ⚠️ "Bad Request" about 12 h after revocation [S: after N h]
    @Test
    void aRevokedRefreshTokenSaysBadRequestOnceTheConfiguredTimeHasPassed() {
        AuthorizationCodeResponseUrl callback = signIn(bob(), webClient(), webRedirectUri(), CONNECT_SCOPES,
                url -> url.setAccessType("offline").set("prompt", "consent"));
        GoogleTokenResponse tokens = exchange(webClient(), callback.getCode(), webRedirectUri(), null);
        http.post().uri("/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("token", tokens.getRefreshToken())).exchange().expectStatus().isOk();
        assertTokenError(refreshFails(webClient(), tokens.getRefreshToken()), 400, "invalid_grant", "Token has been expired or revoked.");
        advanceClock(Duration.ofHours(12));
        assertTokenError(refreshFails(webClient(), tokens.getRefreshToken()), 400, "invalid_grant", "Bad Request");
    }

    // GOOGLE.md §9 token endpoint [S: first consent only] for Desktop clients
    @Test
    void desktopClientsGetARefreshTokenOnlyOnFirstConsent() {
        String redirectUri = "http://127.0.0.1:43210/";
        AuthorizationCodeResponseUrl first = signIn(alice(), desktopClient(), redirectUri, CONNECT_SCOPES, url -> url.setAccessType("offline"));
        assertThat(exchange(desktopClient(), first.getCode(), redirectUri, null).getRefreshToken()).isNotNull();
        AuthorizationCodeResponseUrl second = signIn(alice(), desktopClient(), redirectUri, CONNECT_SCOPES, url -> url.setAccessType("offline"));
        assertThat(exchange(desktopClient(), second.getCode(), redirectUri, null).getRefreshToken()).isNull();
    }

    // GOOGLE.md §9 id_token ⚠️ mobile [S: azp = aud]
    @Test
    @SuppressWarnings("unchecked")
    void aMobileIdTokenHasAzpEqualToAud() throws Exception {
        Map<String, String> signedIn = http.post().uri("/emulator/admin/mobile-sign-in")
                .bodyValue(Map.of("account", alice().email(), "appClientId", androidClient().clientId())).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        GoogleIdToken.Payload claims = GoogleIdToken.parse(JSON, signedIn.get("idToken")).getPayload();
        assertThat(claims.getAuthorizedParty()).isEqualTo(webClient().clientId());
        GoogleTokenResponse tokens = exchange(webClient(), signedIn.get("serverAuthCode"), "", null);
        assertThat(tokens.parseIdToken().getPayload().getAuthorizedParty()).isEqualTo(webClient().clientId());
    }

    // OIDC Core 3.1.2.6 instead of Google's observed interaction_required: prompt=none says login_required
    @Test
    void promptNoneSaysLoginRequired() {
        AuthorizationCodeResponseUrl callback = callback(get(authorizationUrl(webClient(), webRedirectUri(), CONNECT_SCOPES)
                .set("prompt", "none").setState("s-5").build()));
        assertThat(callback.getError()).isEqualTo("login_required");
        assertThat(callback.getFirst("error_subtype")).isNull();
        assertThat(callback.getState()).isEqualTo("s-5");
        assertThat(callback.getCode()).isNull();
    }

    // GOOGLE.md §9 token table ⚠️ unknown client [S: "Unauthorized"]
    @Test
    void anUnknownClientSaysUnauthorized() {
        assertTokenError(fails(() -> new AuthorizationCodeTokenRequest(APACHE_TRANSPORT, JSON, new GenericUrl(tokenUrl()), "4/0Ax")
                        .setRedirectUri(webRedirectUri())
                        .setClientAuthentication(new ClientParametersAuthentication("1-nope.apps.googleusercontent.com", "x")).execute()),
                401, "invalid_client", "Unauthorized");
    }
}
