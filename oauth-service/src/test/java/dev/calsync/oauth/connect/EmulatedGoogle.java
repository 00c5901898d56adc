package dev.calsync.oauth.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.googleemulator.EmbeddedGoogleEmulator;
import dev.calsync.secrets.GoogleOAuthClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The in-process google-emulator, seeded from the test's secrets with this test's callback registered
 * for the web client, and the consent page driven as a person clicking Allow or Cancel would.
 */
public final class EmulatedGoogle implements AutoCloseable {

    private static final Pattern CONSENT_ID = Pattern.compile("name=\"consent_id\" value=\"([^\"]+)\"");

    public final EmbeddedGoogleEmulator emulator;
    public final GoogleOAuthClients clients;
    private final WebTestClient browser;

    private EmulatedGoogle(EmbeddedGoogleEmulator emulator, GoogleOAuthClients clients) {
        this.emulator = emulator;
        this.clients = clients;
        this.browser = WebTestClient.bindToServer().baseUrl(emulator.baseUrl().toString()).build();
    }

    /**
     * Points the test's oauth-service at {@code issuer} as its Google. Every request of a test comes from
     * 127.0.0.1, so the rate limits are lifted (RateLimitFilterTest pins them).
     */
    public static void pointServiceAt(DynamicPropertyRegistry registry, String issuer) {
        registry.add("calsync.google.issuer", () -> issuer);
        registry.add("calsync.rate-limit.per-client-ip", () -> 100_000);
        registry.add("calsync.rate-limit.per-session", () -> 100_000);
    }

    /**
     * @param servicePort      the port oauth-service will listen on (its callback is registered for it)
     * @param emulatorSettings further settings of the emulator ({@code server.port}, {@code emulator.*} switches)
     * @param moreAccounts     test accounts besides the seeded ones, e.g. one that only one test signs in
     */
    public static EmulatedGoogle start(int servicePort, Map<String, Object> emulatorSettings, GoogleOAuthClients.Account... moreAccounts) {
        try {
            Path secrets = Path.of(System.getProperty("CALSYNC_SECRETS_DIR"));
            GoogleOAuthClients clients = GoogleOAuthClients.parse(Files.readString(secrets.resolve("google-oauth-clients.json")));
            String callback = "http://localhost:" + servicePort + "/api/google-oauth/callback";
            List<GoogleOAuthClients.Client> adjusted = new ArrayList<>();
            for (GoogleOAuthClients.Client client : clients.clients()) {
                if (client.type() == GoogleOAuthClients.ClientType.web) {
                    List<String> uris = new ArrayList<>(client.redirectUris());
                    uris.add(callback);
                    client = new GoogleOAuthClients.Client(client.type(), client.clientId(), client.clientSecret(), uris,
                            client.webClientId(), client.publishingStatus());
                }
                adjusted.add(client);
            }
            Path seed = Files.createTempFile("oauth-service-emulator-seed", ".json");
            List<GoogleOAuthClients.Account> accounts = new ArrayList<>(clients.accounts());
            accounts.addAll(List.of(moreAccounts));
            GoogleOAuthClients seeded = new GoogleOAuthClients(adjusted, accounts);
            Files.writeString(seed, seeded.toJson());
            return new EmulatedGoogle(EmbeddedGoogleEmulator.start(seed, emulatorSettings), seeded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public GoogleOAuthClients.Account account(int index) {
        return clients.accounts().get(index);
    }

    /** Opens the consent page at {@code authorizationUrl} and returns its form id. */
    public String openConsent(URI authorizationUrl) {
        EntityExchangeResult<String> page = browser.get().uri(authorizationUrl).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult();
        Matcher id = CONSENT_ID.matcher(page.getResponseBody());
        assertThat(id.find()).as("consent page:\n%s", page.getResponseBody()).isTrue();
        return id.group(1);
    }

    /** Clicks Allow (with {@code accountSub} chosen) or Cancel; returns where Google redirects the browser. */
    public URI submit(String consentId, String accountSub, String action) {
        var form = BodyInserters.fromFormData("consent_id", consentId).with("action", action);
        if (accountSub != null) {
            form = form.with("account", accountSub);
        }
        URI location = browser.post().uri("/signin/oauth/consent").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form).exchange().expectStatus().isFound()
                .returnResult(Void.class).getResponseHeaders().getLocation();
        assertThat(location).isNotNull();
        return location;
    }

    @Override
    public void close() {
        emulator.close();
    }
}
