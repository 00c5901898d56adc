package dev.calsync.oauth.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.clock.AdjustableClock;
import dev.calsync.oauth.OAuthServiceApplication;
import dev.calsync.oauth.connect.Browser;
import dev.calsync.oauth.connect.EmulatedGoogle;
import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.testsupport.CalsyncServiceTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two instances of the service on one database, as behind a load balancer: a sign-in started on one ends
 * on the other, both know the person afterwards, and so does an instance started later. Sessions hold no
 * token and expired ones are deleted.
 */
@CalsyncServiceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedSessionsTest {

    private static final int PORT = EmulatedGoogle.freePort();
    private static EmulatedGoogle google;
    private static ConfigurableApplicationContext otherInstance;

    @DynamicPropertySource
    static void pointAtTheEmulator(DynamicPropertyRegistry registry) {
        google = EmulatedGoogle.start(PORT);
        registry.add("server.port", () -> PORT);
        EmulatedGoogle.pointServiceAt(registry, google.emulator.baseUrl().toString());
    }

    @AfterAll
    static void stop() {
        if (otherInstance != null) {
            otherInstance.close();
        }
        if (google != null) {
            google.close();
        }
    }

    /**
     * Another oauth-service in this JVM, on the same database, broker and secrets as the test's own. It gets
     * its own Netty event loops, as another process would: closing it must not stop the JVM-wide ones the
     * emulator and the test's instance run on.
     */
    private static ConfigurableApplicationContext startInstance(int port) {
        return new SpringApplicationBuilder(OAuthServiceApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("reactorResourceFactory",
                        ReactorResourceFactory.class, () -> {
                            ReactorResourceFactory own = new ReactorResourceFactory();
                            own.setUseGlobalResources(false);
                            return own;
                        }))
                .run("--server.port=" + port,
                "--calsync.google.issuer=" + google.emulator.baseUrl(),
                "--calsync.rate-limit.per-client-ip=100000", "--calsync.rate-limit.per-session=100000");
    }

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;
    @Autowired
    AdjustableClock clock;
    @Autowired
    PostgresWebSessionStore sessions;

    @Test
    @Order(1)
    void aSignInStartedOnOneInstanceEndsOnAnotherAndEveryInstanceKnowsThePersonAfterwards() {
        int otherPort = EmulatedGoogle.freePort();
        otherInstance = startInstance(otherPort);
        GoogleOAuthClients.Account alice = google.account(0);

        Browser browser = new Browser(http, PORT, google);
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
        new Browser(http, PORT, google).connect(google.account(1));
        List<byte[]> stored = db.sql("SELECT attributes FROM web_session").map(row -> row.get("attributes", byte[].class)).all()
                .collectList().block();
        assertThat(stored).isNotEmpty();
        for (byte[] attributes : stored) {
            String text = new String(attributes, StandardCharsets.ISO_8859_1);
            // a JWT (Google's ID token) starts with eyJ; access and refresh tokens with ya29. and 1//
            assertThat(text).contains("calsync_subscriber_id").doesNotContain("eyJ").doesNotContain("ya29.").doesNotContain("1//");
        }
    }

    @Test
    @Order(3)
    void anExpiredSessionSignsOutAndIsDeleted() {
        Browser browser = new Browser(http, PORT, google).connect(google.account(1));
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

    private long rowsOf(String sessionId) {
        return db.sql("SELECT count(*) AS n FROM web_session WHERE id = :id").bind("id", sessionId)
                .map(row -> row.get("n", Long.class)).one().block();
    }
}
