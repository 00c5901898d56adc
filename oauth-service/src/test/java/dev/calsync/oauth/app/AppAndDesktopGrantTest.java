package dev.calsync.oauth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.oauth.connect.EmulatedGoogle;
import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.testsupport.CalsyncServiceTest;
import dev.calsync.testsupport.KafkaBroker;
import dev.calsync.testsupport.TopicRecords;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

/** Items 2 and 3 through their real HTTP paths, against the emulator: same outcome and events as the web flow. */
@CalsyncServiceTest
class AppAndDesktopGrantTest {

    private static final String CALENDAR = "https://www.googleapis.com/auth/calendar.app.created";
    private static EmulatedGoogle google;

    @DynamicPropertySource
    static void pointAtTheEmulator(DynamicPropertyRegistry registry) {
        google = EmulatedGoogle.start(EmulatedGoogle.freePort());
        registry.add("calsync.google.issuer", () -> google.emulator.baseUrl().toString());
        // every request of these tests comes from 127.0.0.1; RateLimitFilterTest pins the limits
        registry.add("calsync.rate-limit.per-client-ip", () -> 100_000);
        registry.add("calsync.rate-limit.per-session", () -> 100_000);
    }

    @AfterAll
    static void stopEmulator() {
        google.close();
    }

    @Autowired
    WebTestClient http;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** The person in the browser the CLI opened: Allow (or Cancel) at Google, then the loopback page. */
    private java.util.function.Consumer<URI> personWho(String action, GoogleOAuthClients.Account account, List<String> pages) {
        return url -> java.util.concurrent.CompletableFuture.runAsync(() -> {
            URI loopback = google.submit(google.openConsent(url), "allow".equals(action) ? account.sub() : null, action);
            try {
                pages.add(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(loopback).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            } catch (Exception e) {
                pages.add("failed: " + e);
            }
        });
    }

    @Test
    void theDesktopClientConnectsThroughTheBrowserAndTheLoopbackListener() throws Exception {
        List<String> pages = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.calsync.oauth.cli.DesktopConnect.Outcome outcome = new dev.calsync.oauth.cli.DesktopConnect(
                URI.create("http://localhost:" + port), personWho("allow", google.account(0), pages), java.time.Duration.ofSeconds(30)).run();
        assertThat(outcome.connected()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).contains(google.account(0).email());
        for (int i = 0; i < 50 && pages.isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(pages).singleElement().asString().contains("Connected");

        List<String> cancelled = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.calsync.oauth.cli.DesktopConnect.Outcome cancel = new dev.calsync.oauth.cli.DesktopConnect(
                URI.create("http://localhost:" + port), personWho("cancel", null, cancelled), java.time.Duration.ofSeconds(30)).run();
        assertThat(cancel.connected()).isFalse();
        assertThat(cancel.message()).contains("cancelled");

        dev.calsync.oauth.cli.DesktopConnect.Outcome timedOut = new dev.calsync.oauth.cli.DesktopConnect(
                URI.create("http://localhost:" + port), url -> { }, java.time.Duration.ofMillis(300)).run();
        assertThat(timedOut.connected()).isFalse();
        assertThat(timedOut.message()).contains("No answer from the browser");
    }

    private Map<String, Object> mobileSignIn(GoogleOAuthClients.Account account) {
        GoogleOAuthClients.Client app = google.clients.firstOfType(GoogleOAuthClients.ClientType.android).orElseThrow();
        return WebTestClient.bindToServer().baseUrl(google.emulator.baseUrl().toString()).build()
                .post().uri("/emulator/admin/mobile-sign-in")
                .bodyValue(Map.of("account", account.email(), "appClientId", app.clientId(),
                        "scopes", List.of("openid", "email", CALENDAR), "forceCodeForRefreshToken", true))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void aNativeAppsServerAuthCodeBecomesAGrantOfTheWebClient(KafkaBroker kafka) {
        GoogleOAuthClients.Account account = google.account(0);
        Map<String, Object> signIn = mobileSignIn(account);
        EntityExchangeResult<Map> result = http.post().uri("/api/app/google-calendar/tokens")
                .bodyValue(Map.of("authCode", signIn.get("serverAuthCode"), "idToken", signIn.get("idToken")))
                .exchange().expectBody(Map.class).returnResult();
        assertThat(result.getStatus().value()).as("%s", result.getResponseBody()).isEqualTo(201);
        assertThat(result.getResponseBody()).containsEntry("email", account.email());
        String subscriberId = (String) result.getResponseBody().get("subscriberId");
        TokenGranted granted = ContractJson.decode(
                TopicRecords.awaitFirstWithKey(kafka, Topics.TOKEN_GRANTED, subscriberId).value(), TokenGranted.class);
        assertThat(granted.oauthClientId()).isEqualTo(google.clients.firstOfType(GoogleOAuthClients.ClientType.web).orElseThrow().clientId());
        assertThat(granted.googleSubject()).isEqualTo(account.sub());
    }

    @Test
    void aTamperedOrMissingIdTokenIsRefusedAndTheCodeIsNotSpent() {
        Map<String, Object> signIn = mobileSignIn(google.account(1));
        String idToken = (String) signIn.get("idToken");
        String tampered = idToken.substring(0, idToken.length() - 4) + (idToken.endsWith("AAAA") ? "BBBB" : "AAAA");
        for (String bad : new String[] {tampered, ""}) {
            http.post().uri("/api/app/google-calendar/tokens")
                    .bodyValue(Map.of("authCode", signIn.get("serverAuthCode"), "idToken", bad))
                    .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error").value(
                            message -> assertThat((String) message).contains("ID token"));
        }
        http.post().uri("/api/app/google-calendar/tokens")
                .bodyValue(Map.of("authCode", signIn.get("serverAuthCode"), "idToken", idToken))
                .exchange().expectStatus().isCreated();
    }

    @Test
    void theDesktopLoopbackCodeIsExchangedWithTheDesktopClient(KafkaBroker kafka) throws Exception {
        GoogleOAuthClients.Client desktop = google.clients.firstOfType(GoogleOAuthClients.ClientType.desktop).orElseThrow();
        GoogleOAuthClients.Account account = google.account(1);
        String redirectUri = "http://127.0.0.1:" + EmulatedGoogle.freePort() + "/";
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI authorization = UriComponentsBuilder.fromUri(google.emulator.baseUrl()).path("/o/oauth2/v2/auth")
                .queryParam("client_id", desktop.clientId()).queryParam("redirect_uri", redirectUri)
                .queryParam("response_type", "code").queryParam("scope", "openid email " + CALENDAR)
                .queryParam("access_type", "offline").queryParam("state", "cli-state")
                .queryParam("code_challenge", challenge).queryParam("code_challenge_method", "S256")
                .encode().build().toUri();
        URI callback = google.submit(google.openConsent(authorization), account.sub(), "allow");
        String code = UriComponentsBuilder.fromUri(callback).build().getQueryParams().getFirst("code");
        code = java.net.URLDecoder.decode(code, StandardCharsets.UTF_8);

        http.post().uri("/api/desktop/google-oauth/exchange")
                .bodyValue(Map.of("code", code, "codeVerifier", verifier, "redirectUri", "https://evil.example.com/"))
                .exchange().expectStatus().isBadRequest();
        EntityExchangeResult<Map> result = http.post().uri("/api/desktop/google-oauth/exchange")
                .bodyValue(Map.of("code", code, "codeVerifier", verifier, "redirectUri", redirectUri))
                .exchange().expectBody(Map.class).returnResult();
        assertThat(result.getStatus().value()).as("%s", result.getResponseBody()).isEqualTo(201);
        String subscriberId = (String) result.getResponseBody().get("subscriberId");
        TokenGranted granted = ContractJson.decode(
                TopicRecords.awaitFirst(kafka, Topics.TOKEN_GRANTED, r -> subscriberId.equals(r.key())
                        && ContractJson.decode(r.value(), TokenGranted.class).oauthClientId().equals(desktop.clientId()),
                        java.time.Duration.ofSeconds(30)).value(), TokenGranted.class);
        assertThat(granted.googleSubject()).isEqualTo(account.sub());
    }
}
