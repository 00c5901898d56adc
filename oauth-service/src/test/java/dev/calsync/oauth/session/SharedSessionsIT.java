package dev.calsync.oauth.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.googleemulator.OwnEventLoops;
import dev.calsync.oauth.OAuthServiceApplication;
import dev.calsync.oauth.OAuthServiceTestSupport;
import dev.calsync.oauth.connect.Browser;
import dev.calsync.oauth.connect.EmulatedGoogle;
import dev.calsync.oauth.connect.PendingSignIns;
import dev.calsync.oauth.connect.SignedState;
import dev.calsync.secrets.GoogleOAuthClients;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import untrusted.Gadget;

/**
 * Two instances of the service on one database, as behind a load balancer: a sign-in started on one ends
 * on the other, both know the person afterwards, and so does an instance started later. Sessions hold no
 * token and expired ones are deleted; they are stored under the hash of their id, looked up at most once per
 * request, written only when something changed, and read back only through the deserialization allow-list.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedSessionsIT extends OAuthServiceTestSupport {

    private static ConfigurableApplicationContext otherInstance;

    @AfterAll
    static void stopTheOtherInstance() {
        if (otherInstance != null) {
            otherInstance.close();
        }
    }

    /**
     * Another oauth-service in this JVM, on the same database, broker and secrets as the test's own. It gets
     * its own Netty event loops, as another process would: closing it must not stop the JVM-wide ones the
     * emulator and the test's instance run on.
     */
    private static ConfigurableApplicationContext startInstance(int port) {
        return new SpringApplicationBuilder(OAuthServiceApplication.class)
                .initializers(new OwnEventLoops())
                .run("--server.port=" + port,
                "--calsync.google.issuer=" + google().emulator.baseUrl(),
                "--calsync.rate-limit.per-client-ip=100000", "--calsync.rate-limit.per-session=100000");
    }

    @Autowired
    PostgresWebSessionStore sessions;
    @Autowired
    SignedState states;
    @Autowired
    PendingSignIns pendingSignIns;

    @Test
    @Order(1)
    void aSignInStartedOnOneInstanceEndsOnAnotherAndEveryInstanceKnowsThePersonAfterwards() {
        int otherPort = EmulatedGoogle.freePort();
        otherInstance = startInstance(otherPort);
        GoogleOAuthClients.Account alice = google().account(0);

        Browser browser = newBrowser();
        URI callback = browser.consentAndAllow(alice);
        EntityExchangeResult<String> page = browser.servedBy(otherPort).get(Browser.callbackPath(callback));
        assertThat(page.getStatus().value()).as(page.getResponseBody()).isEqualTo(302);
        assertThat(page.getResponseHeaders().getLocation()).hasToString("/?connected");

        assertThat(browser.me()).containsEntry("connected", true).containsEntry("email", alice.email());
        assertThat(browser.servedBy(otherPort).me()).containsEntry("connected", true).containsEntry("email", alice.email());

        otherInstance.close();
        int restartedPort = EmulatedGoogle.freePort();
        otherInstance = startInstance(restartedPort);
        assertThat(browser.servedBy(restartedPort).me()).as("an instance started after the sign-in")
                .containsEntry("connected", true).containsEntry("email", alice.email());
    }

    @Test
    @Order(2)
    void storedSessionsHoldNoToken() {
        Browser browser = newBrowser().connect(google().account(1));
        String own = db.sql("SELECT attributes FROM web_session WHERE id = :id").bind("id", SessionIds.hash(browser.cookies.get("SESSION")))
                .map(row -> new String(row.get("attributes", byte[].class), StandardCharsets.ISO_8859_1)).one().block();
        assertThat(own).as("the session of this sign-in").contains("calsync_subscriber_id");
        // the table also holds the sessions of earlier tests and classes, written by either instance: none holds a token
        List<String> stored = db.sql("SELECT attributes FROM web_session")
                .map(row -> new String(row.get("attributes", byte[].class), StandardCharsets.ISO_8859_1)).all().collectList().block();
        for (String attributes : stored) {
            // a JWT (Google's ID token) starts with eyJ; access and refresh tokens with ya29. and 1//
            assertThat(attributes).doesNotContain("eyJ").doesNotContain("ya29.").doesNotContain("1//");
        }
    }

    @Test
    @Order(3)
    void anExpiredSessionSignsOutAndIsDeleted() {
        Browser browser = newBrowser().connect(google().account(1));
        String sessionId = browser.cookies.get("SESSION");
        assertThat(rowsOf(sessionId)).isOne();
        clock.advance(Duration.ofMinutes(31));
        try {
            assertThat(browser.me()).containsEntry("connected", false);
            assertThat(sessions.deleteExpired().block()).isPositive();
            assertThat(rowsOf(sessionId)).isZero();
        } finally {
            clock.setOffset(Duration.ZERO);
        }
    }

    @Test
    @Order(4)
    void aRequestWithManySessionCookiesCostsAtMostOneLookupAndMalformedOnesNone() {
        Browser browser = newBrowser().connect(google().account(0));
        String real = browser.cookies.get("SESSION");
        StringBuilder invented = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            invented.append("SESSION=").append(SessionIds.newId()).append("; ");
        }
        long before = sessions.lookups();
        Map<String, Object> me = meWithCookieHeader(invented + "SESSION=" + real);
        assertThat(sessions.lookups() - before).as("only the first of 121 session ids is looked up").isEqualTo(1);
        assertThat(me).containsEntry("connected", false);

        before = sessions.lookups();
        me = meWithCookieHeader("SESSION=a; SESSION=" + "b".repeat(200) + "; SESSION=" + real.substring(1) + "!");
        assertThat(sessions.lookups() - before).as("values that cannot be one of our ids never reach the database").isZero();
        assertThat(me).containsEntry("connected", false);

        before = sessions.lookups();
        assertThat(meWithCookieHeader("SESSION=" + real + "; SESSION=" + SessionIds.newId())).containsEntry("connected", true);
        assertThat(sessions.lookups() - before).isEqualTo(1);
    }

    @Test
    @Order(5)
    void signingInAgainInTheSameBrowserChangesTheSessionIdAndTheOldOneIsWorthNothing() {
        Browser browser = newBrowser().connect(google().account(0));
        String first = browser.cookies.get("SESSION");
        assertThat(browser.me()).containsEntry("email", google().account(0).email());

        browser.connect(google().account(1));
        String second = browser.cookies.get("SESSION");
        assertThat(second).isNotEqualTo(first);
        assertThat(browser.me()).containsEntry("connected", true).containsEntry("email", google().account(1).email());
        assertThat(meWithCookieHeader("SESSION=" + first)).containsEntry("connected", false);
        assertThat(rowsOf(first)).isZero();
        assertThat(rowsOf(second)).isOne();
        assertThat(db.sql("SELECT count(*) AS n FROM web_session WHERE id = :id OR id = :other").bind("id", first).bind("other", second)
                .map(row -> row.get("n", Long.class)).one().block()).as("no live id is stored in plaintext").isZero();
    }

    @Test
    @Order(6)
    void aStoredSessionHoldingAClassOutsideTheAllowListIsNoSessionAndNeverInstantiated() {
        String id = SessionIds.newId();
        Map<String, Object> attributes = new HashMap<>(Map.of("planted", new Gadget()));
        Instant now = clock.instant();
        db.sql("INSERT INTO web_session (id, created_at, last_access_at, max_idle_seconds, expires_at, attributes) "
                        + "VALUES (:id, :now, :now, 1800, :expires, :attributes)")
                .bind("id", SessionIds.hash(id)).bind("now", now).bind("expires", now.plus(Duration.ofMinutes(30)))
                .bind("attributes", new SerializingConverter().convert(attributes)).then().block();
        int readBefore = Gadget.READ.get();

        assertThat(sessions.retrieveSession(id).blockOptional()).isEmpty();
        assertThat(meWithCookieHeader("SESSION=" + id)).containsEntry("connected", false);
        assertThat(Gadget.READ.get()).as("refused before its code ran").isEqualTo(readBefore);
        assertThat(rowsOf(id)).as("the unreadable row is dropped").isZero();
    }

    @Test
    @Order(7)
    void aPendingSignInHoldingAClassOutsideTheAllowListIsNoPendingSignIn() {
        String state = states.issue();
        db.sql("INSERT INTO pending_sign_in (state_id, request, binding_hash, expires_at) VALUES (:id, :request, 'x', :expires)")
                .bind("id", state.substring(0, state.indexOf('.'))).bind("request", new SerializingConverter().convert(new Gadget()))
                .bind("expires", clock.instant().plus(Duration.ofMinutes(10))).then().block();
        int readBefore = Gadget.READ.get();

        var callback = MockServerWebExchange.from(MockServerHttpRequest.get("/api/google-oauth/callback").queryParam("state", state));
        assertThat(pendingSignIns.loadAuthorizationRequest(callback).blockOptional()).isEmpty();
        assertThat(Gadget.READ.get()).as("refused before its code ran").isEqualTo(readBefore);
    }

    @Test
    @Order(8)
    void aRequestThatChangesNothingWritesTheSessionAtMostOnceAMinute() {
        Browser browser = newBrowser().connect(google().account(0));
        String key = SessionIds.hash(browser.cookies.get("SESSION"));
        Map<String, Object> stored = row(key);
        for (int i = 0; i < 3; i++) {
            assertThat(browser.me()).containsEntry("connected", true);
        }
        assertThat(row(key)).as("not rewritten (same row version)").isEqualTo(stored);

        clock.advance(Duration.ofSeconds(61));
        try {
            assertThat(browser.me()).containsEntry("connected", true);
            Map<String, Object> touched = row(key);
            assertThat(touched.get("xmin")).isNotEqualTo(stored.get("xmin"));
            assertThat((Instant) touched.get("last_access_at")).isAfter((Instant) stored.get("last_access_at"));
            assertThat(touched.get("expires_at")).isEqualTo(((Instant) touched.get("last_access_at")).plus(Duration.ofMinutes(30)));
            assertThat(touched.get("attributes_hash")).as("attributes not rewritten").isEqualTo(stored.get("attributes_hash"));
        } finally {
            clock.setOffset(Duration.ZERO);
        }
    }

    private Map<String, Object> row(String key) {
        return db.sql("SELECT xmin::text AS xmin, last_access_at, expires_at, md5(attributes) AS attributes_hash FROM web_session WHERE id = :id")
                .bind("id", key)
                .map(r -> Map.<String, Object>of("xmin", r.get("xmin", String.class), "last_access_at", r.get("last_access_at", Instant.class),
                        "expires_at", r.get("expires_at", Instant.class), "attributes_hash", r.get("attributes_hash", String.class)))
                .one().block();
    }

    private Map<String, Object> meWithCookieHeader(String cookieHeader) {
        return http.get().uri(URI.create("http://localhost:" + PORT + "/api/me")).header("Cookie", cookieHeader)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Rows stored for the live session id {@code sessionId} (kept under its hash). */
    private long rowsOf(String sessionId) {
        return db.sql("SELECT count(*) AS n FROM web_session WHERE id = :id").bind("id", SessionIds.hash(sessionId))
                .map(row -> row.get("n", Long.class)).one().block();
    }
}
