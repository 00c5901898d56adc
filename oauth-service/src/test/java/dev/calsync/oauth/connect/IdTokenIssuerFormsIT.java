package dev.calsync.oauth.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.testsupport.CalsyncServiceTest;
import dev.calsync.testsupport.OwnContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The web flow against ID tokens whose {@code iss} is Google's bare form ({@code accounts.google.com}
 * style) and against tokens of another issuer. The emulator runs on a fixed port, the service's issuer:
 * first with a pinned foreign issuer (the first emulator the service ever fetches keys from, so only
 * {@code iss} can be wrong), then restarted on the same port writing the right issuer without its scheme.
 */
@CalsyncServiceTest
@OwnContext("its own emulator, restarted on a fixed port with another issuer; it counts every subscriber of its database")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdTokenIssuerFormsIT {

    private static final int PORT = EmulatedGoogle.freePort();
    private static final int GOOGLE_PORT = EmulatedGoogle.freePort();
    private static EmulatedGoogle google;

    @DynamicPropertySource
    static void pointAtTheEmulator(DynamicPropertyRegistry registry) {
        google = EmulatedGoogle.start(PORT, Map.of("server.port", GOOGLE_PORT, "emulator.issuer", "https://accounts.example.com"));
        registry.add("server.port", () -> PORT);
        EmulatedGoogle.pointServiceAt(registry, "http://127.0.0.1:" + GOOGLE_PORT);
    }

    @AfterAll
    static void stopEmulator() {
        if (google != null) {
            google.close();
        }
    }

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;

    @Test
    @Order(1)
    void aTokenOfAnotherIssuerEndsOnTheErrorPageAndCreatesNothing() {
        assertThat(idTokenIssuer()).isEqualTo("https://accounts.example.com");
        Browser browser = new Browser(http, PORT, google);
        EntityExchangeResult<String> page = browser.get(Browser.callbackPath(browser.consentAndAllow(google.account(0))));
        assertThat(page.getStatus().value()).isEqualTo(400);
        assertThat(page.getResponseBody()).contains("Google's answer could not be confirmed").contains("nothing was connected")
                .contains("data-error-code=\"invalid_id_token\"");
        assertThat(subscribers()).isZero();
        assertThat(browser.me()).containsEntry("connected", false);
    }

    @Test
    @Order(2)
    void aBareIssuerIsTheSameIssuerAndConnects() {
        google.close();
        google = EmulatedGoogle.start(PORT, Map.of("server.port", GOOGLE_PORT, "emulator.switches.bare-id-token-issuer", true));
        assertThat(idTokenIssuer()).isEqualTo("127.0.0.1:" + GOOGLE_PORT);

        GoogleOAuthClients.Account alice = google.account(0);
        Browser browser = new Browser(http, PORT, google);
        EntityExchangeResult<String> callback = browser.get(Browser.callbackPath(browser.consentAndAllow(alice)));
        assertThat(callback.getStatus().value()).as(callback.getResponseBody()).isEqualTo(302);
        assertThat(callback.getResponseHeaders().getLocation()).hasToString("/?connected");
        assertThat(browser.me()).containsEntry("connected", true).containsEntry("email", alice.email());
        assertThat(subscribers()).isOne();
    }

    /** The {@code iss} the emulator writes now, read from a mobile sign-in's ID token (same signer as the web flow's). */
    private static String idTokenIssuer() {
        GoogleOAuthClients.Client app = google.clients.firstOfType(GoogleOAuthClients.ClientType.android).orElseThrow();
        Map<?, ?> signIn = WebTestClient.bindToServer().baseUrl(google.emulator.baseUrl().toString()).build()
                .post().uri("/emulator/admin/mobile-sign-in")
                .bodyValue(Map.of("account", google.account(1).email(), "appClientId", app.clientId(), "scopes", List.of("openid", "email")))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String payload = ((String) signIn.get("idToken")).split("\\.")[1];
        String claims = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        return claims.replaceAll(".*\"iss\"\\s*:\\s*\"([^\"]*)\".*", "$1");
    }

    private long subscribers() {
        return db.sql("SELECT count(*) AS n FROM subscriber").map(row -> row.get("n", Long.class)).one().block();
    }
}
