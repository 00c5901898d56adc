package dev.calsync.oauth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.oauth.OAuthServiceTestSupport;
import dev.calsync.oauth.connect.EmulatedGoogle;
import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.testsupport.KafkaBroker;
import dev.calsync.testsupport.PostgresDatabase;
import dev.calsync.testsupport.TopicRecords;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

/** Items 2 and 3 through their real HTTP paths, against the emulator: same outcome and events as the web flow. */
class AppAndDesktopGrantIT extends OAuthServiceTestSupport {

    private static final String CALENDAR = "https://www.googleapis.com/auth/calendar.app.created";

    /** The person in the browser the CLI opened: Allow (or Cancel) at Google, then the loopback page. */
    private java.util.function.Consumer<URI> personWho(String action, GoogleOAuthClients.Account account, List<String> pages) {
        return url -> java.util.concurrent.CompletableFuture.runAsync(() -> {
            URI loopback = google().submit(google().openConsent(url), "allow".equals(action) ? account.sub() : null, action);
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
                URI.create("http://localhost:" + PORT), personWho("allow", google().account(0), pages), java.time.Duration.ofSeconds(30)).run();
        assertThat(outcome.connected()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).contains(google().account(0).email());
        await().atMost(Duration.ofSeconds(5)).until(() -> !pages.isEmpty());
        assertThat(pages).singleElement().asString().contains("Connected");

        List<String> cancelled = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.calsync.oauth.cli.DesktopConnect.Outcome cancel = new dev.calsync.oauth.cli.DesktopConnect(
                URI.create("http://localhost:" + PORT), personWho("cancel", null, cancelled), java.time.Duration.ofSeconds(30)).run();
        assertThat(cancel.connected()).isFalse();
        assertThat(cancel.message()).contains("cancelled");

        dev.calsync.oauth.cli.DesktopConnect.Outcome timedOut = new dev.calsync.oauth.cli.DesktopConnect(
                URI.create("http://localhost:" + PORT), url -> { }, java.time.Duration.ofMillis(300)).run();
        assertThat(timedOut.connected()).isFalse();
        assertThat(timedOut.message()).contains("No answer from the browser");
    }

    private Map<String, Object> mobileSignIn(GoogleOAuthClients.Account account) {
        GoogleOAuthClients.Client app = google().clients.firstOfType(GoogleOAuthClients.ClientType.android).orElseThrow();
        return WebTestClient.bindToServer().baseUrl(google().emulator.baseUrl().toString()).build()
                .post().uri("/emulator/admin/mobile-sign-in")
                .bodyValue(Map.of("account", account.email(), "appClientId", app.clientId(),
                        "scopes", List.of("openid", "email", CALENDAR), "forceCodeForRefreshToken", true))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void aNativeAppsServerAuthCodeBecomesAGrantOfTheWebClient(KafkaBroker kafka) {
        GoogleOAuthClients.Account account = google().account(0);
        Map<String, Object> signIn = mobileSignIn(account);
        EntityExchangeResult<Map> result = http.post().uri("/api/app/google-calendar/tokens")
                .bodyValue(Map.of("authCode", signIn.get("serverAuthCode"), "idToken", signIn.get("idToken")))
                .exchange().expectBody(Map.class).returnResult();
        assertThat(result.getStatus().value()).as("%s", result.getResponseBody()).isEqualTo(201);
        assertThat(result.getResponseBody()).containsEntry("email", account.email());
        TokenGranted granted = recordOf(kafka, result.getResponseBody());
        assertThat(granted.oauthClientId()).isEqualTo(google().clients.firstOfType(GoogleOAuthClients.ClientType.web).orElseThrow().clientId());
        assertThat(granted.googleSubject()).isEqualTo(account.sub());
    }

    @Test
    void twoFirstSignInsOfOneNewAccountAtOnceBothSucceedForOneSubscriber(KafkaBroker kafka, PostgresDatabase postgres) throws Exception {
        assertThat(subscriberOf(CAROL)).as("Carol is new to the service").isEmpty();
        Map<String, Object> phone = mobileSignIn(CAROL);
        Map<String, Object> tablet = mobileSignIn(CAROL);
        WebTestClient patient = http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        List<EntityExchangeResult<Map>> results;
        // The race made certain: an open transaction of the test holds Carol's Google sub, so both handoffs
        // exchange their codes, insert their subscribers and wait at the account insert; rolled back, it lets
        // both go at once, and one of them must lose.
        try (Connection holder = postgres.connect(); Connection observer = postgres.connect()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("INSERT INTO oauth.subscriber (id, created_at) VALUES ('sub_holder', now())");
                statement.execute("INSERT INTO oauth.google_account (google_subject, subscriber_id, email, oauth_client_id, grant_id, "
                        + "granted_at) VALUES ('" + CAROL.sub() + "', 'sub_holder', 'holder', 'holder', '" + UUID.randomUUID() + "', now())");
            }
            List<CompletableFuture<EntityExchangeResult<Map>>> handoffs = Stream.of(phone, tablet)
                    .map(signIn -> CompletableFuture.supplyAsync(() -> patient.post().uri("/api/app/google-calendar/tokens")
                            .bodyValue(Map.of("authCode", signIn.get("serverAuthCode"), "idToken", signIn.get("idToken")))
                            .exchange().expectBody(Map.class).returnResult()))
                    .toList();
            awaitSessionsWaitingForALock(observer, 2);
            holder.rollback();
            results = new ArrayList<>();
            for (CompletableFuture<EntityExchangeResult<Map>> handoff : handoffs) {
                results.add(handoff.get(60, TimeUnit.SECONDS));
            }
        }

        for (EntityExchangeResult<Map> result : results) {
            assertThat(result.getStatus().value()).as("%s", result.getResponseBody()).isEqualTo(201);
        }
        Set<Object> subscriberIds = results.stream().map(result -> result.getResponseBody().get("subscriberId")).collect(Collectors.toSet());
        assertThat(subscriberIds).hasSize(1);
        // in the whole database, other classes' subscribers too: none may ever exist without a grant
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet orphans = statement.executeQuery("SELECT count(*) FROM oauth.subscriber s "
                     + "WHERE NOT EXISTS (SELECT 1 FROM oauth.google_account a WHERE a.subscriber_id = s.id)")) {
            orphans.next();
            assertThat(orphans.getLong(1)).as("subscribers without a grant").isZero();
        }
        Set<Object> grantIds = results.stream().map(result -> result.getResponseBody().get("grantId")).collect(Collectors.toSet());
        assertThat(grantIds).hasSize(2);
        for (EntityExchangeResult<Map> result : results) {
            assertThat(recordOf(kafka, result.getResponseBody()).googleSubject()).isEqualTo(CAROL.sub());
        }
    }

    /**
     * The TokenGranted record of the grant a handoff or exchange answered with: the subscriber's earlier grants
     * (of other tests and classes: Alice and Bob sign in from many) are on the topic too.
     */
    private static TokenGranted recordOf(KafkaBroker kafka, Map<?, ?> answer) {
        String subscriberId = (String) answer.get("subscriberId");
        UUID grantId = UUID.fromString((String) answer.get("grantId"));
        return ContractJson.decode(TopicRecords.awaitFirst(kafka, Topics.TOKEN_GRANTED,
                r -> subscriberId.equals(r.key()) && ContractJson.decode(r.value(), TokenGranted.class).grantId().equals(grantId),
                Duration.ofSeconds(30)).value(), TokenGranted.class);
    }

    private static void awaitSessionsWaitingForALock(Connection observer, int sessions) {
        await().atMost(Duration.ofSeconds(30)).alias(sessions + " handoffs waiting at the account insert").until(() -> {
            try (Statement statement = observer.createStatement();
                 ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                         + "WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
                result.next();
                return result.getLong(1);
            }
        }, waiting -> waiting == sessions);
    }

    @Test
    void aTamperedOrMissingIdTokenIsRefusedAndTheCodeIsNotSpent() {
        Map<String, Object> signIn = mobileSignIn(google().account(1));
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
        GoogleOAuthClients.Client desktop = google().clients.firstOfType(GoogleOAuthClients.ClientType.desktop).orElseThrow();
        GoogleOAuthClients.Account account = google().account(1);
        String redirectUri = "http://127.0.0.1:" + EmulatedGoogle.freePort() + "/";
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI authorization = UriComponentsBuilder.fromUri(google().emulator.baseUrl()).path("/o/oauth2/v2/auth")
                .queryParam("client_id", desktop.clientId()).queryParam("redirect_uri", redirectUri)
                .queryParam("response_type", "code").queryParam("scope", "openid email " + CALENDAR)
                .queryParam("access_type", "offline").queryParam("state", "cli-state")
                .queryParam("code_challenge", challenge).queryParam("code_challenge_method", "S256")
                .encode().build().toUri();
        URI callback = google().submit(google().openConsent(authorization), account.sub(), "allow");
        String code = UriComponentsBuilder.fromUri(callback).build().getQueryParams().getFirst("code");
        code = java.net.URLDecoder.decode(code, StandardCharsets.UTF_8);

        http.post().uri("/api/desktop/google-oauth/exchange")
                .bodyValue(Map.of("code", code, "codeVerifier", verifier, "redirectUri", "https://evil.example.com/"))
                .exchange().expectStatus().isBadRequest();
        EntityExchangeResult<Map> result = http.post().uri("/api/desktop/google-oauth/exchange")
                .bodyValue(Map.of("code", code, "codeVerifier", verifier, "redirectUri", redirectUri))
                .exchange().expectBody(Map.class).returnResult();
        assertThat(result.getStatus().value()).as("%s", result.getResponseBody()).isEqualTo(201);
        TokenGranted granted = recordOf(kafka, result.getResponseBody());
        assertThat(granted.oauthClientId()).isEqualTo(desktop.clientId());
        assertThat(granted.googleSubject()).isEqualTo(account.sub());
    }
}
