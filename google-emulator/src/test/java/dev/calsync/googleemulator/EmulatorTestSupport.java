package dev.calsync.googleemulator;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.secrets.SecretsGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the conformance tests: one emulator for the run, started in-process on a random port from a
 * seed like the one ./calsync keys init writes, with the admin API on; its state is reset before each
 * test. A class that needs other settings starts its own beside it, or replaces {@link #google} for its
 * duration in a {@code @BeforeAll} (closed after the class). Subclasses drive it through Google's client
 * libraries; {@link #http} is for what a browser does.
 */
public abstract class EmulatorTestSupport {

    protected static final String CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar.app.created";

    private static EmbeddedGoogleEmulator shared;

    protected static EmbeddedGoogleEmulator google;
    protected static GoogleOAuthClients seed;
    protected static WebTestClient http;

    @BeforeAll
    static synchronized void useTheSharedEmulator() throws IOException {
        if (shared == null) {
            seed = new SecretsGenerator("http://localhost:8081").emulatorClients();
            Path seedFile = Files.createTempFile("emulator-seed", ".json");
            Files.writeString(seedFile, seed.toJson());
            shared = EmbeddedGoogleEmulator.start(seedFile);
        }
        google = shared;
        http = WebTestClient.bindToServer().baseUrl(google.baseUrl().toString()).build();
    }

    @AfterAll
    static synchronized void closeAReplacedEmulator() {
        if (google != shared) {
            google.close();
        }
    }

    @BeforeEach
    void resetEmulator() {
        // the reset also puts the clock back, which a test before this one may have moved
        http.post().uri("/emulator/admin/reset").exchange().expectStatus().isNoContent();
    }

    protected static URI baseUrl() {
        return google.baseUrl();
    }

    protected static GoogleOAuthClients.Client webClient() {
        return seed.firstOfType(GoogleOAuthClients.ClientType.web).orElseThrow();
    }

    protected static GoogleOAuthClients.Client desktopClient() {
        return seed.firstOfType(GoogleOAuthClients.ClientType.desktop).orElseThrow();
    }

    protected static GoogleOAuthClients.Account alice() {
        return seed.accounts().get(0);
    }

    protected static GoogleOAuthClients.Account bob() {
        return seed.accounts().get(1);
    }

    /** A grant as if the account had consented (admin shortcut); the token endpoint's answer. */
    @SuppressWarnings("unchecked")
    protected static Map<String, Object> grant(GoogleOAuthClients.Account account, List<String> scopes) {
        return grant(http, account, null, scopes);
    }

    /** A grant of {@code account} to a client (null = the web client) by the emulator behind {@code admin}. */
    @SuppressWarnings("unchecked")
    protected static Map<String, Object> grant(WebTestClient admin, GoogleOAuthClients.Account account, String clientId,
                                               List<String> scopes) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("account", account.email());
        body.put("scopes", scopes);
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        return admin.post().uri("/emulator/admin/grants").bodyValue(body)
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    protected static String accessToken(GoogleOAuthClients.Account account) {
        return (String) grant(account, List.of("openid", "email", CALENDAR_SCOPE)).get("access_token");
    }

    /** Google's own Calendar client, pointed at the emulator by its root URL only. */
    protected static Calendar calendarClient(String accessToken) {
        return calendarClient(google, accessToken);
    }

    protected static Calendar calendarClient(EmbeddedGoogleEmulator emulator, String accessToken) {
        return new Calendar.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
                request -> request.getHeaders().setAuthorization("Bearer " + accessToken))
                .setRootUrl(emulator.baseUrl() + "/")
                .setApplicationName("calsync-conformance")
                .build();
    }

    static void writeSeed(Path file, GoogleOAuthClients clients) {
        try {
            Files.writeString(file, clients.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
