package dev.calsync.systemtests.actors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.systemtests.harness.Service;
import dev.calsync.systemtests.harness.SystemStack;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person using calsync over HTTP as their browser would, without a browser: follows the redirects of
 * "Connect Google Calendar", reads the emulator's consent page and posts its form (the emulator's page is
 * plain HTML for exactly this), keeps the session cookie, and calls the page's API with the page's origin.
 * The browser journeys of issue 16 drive the same steps through a real browser.
 */
public final class Person {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONSENT_FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">");
    private static final Pattern CONSENT_ID = Pattern.compile("name=\"consent_id\" value=\"([^\"]+)\"");

    private final URI page;
    private final Path secretsDirectory;
    private final String email;
    private final HttpClient browser;

    private Person(URI page, Path secretsDirectory, String email) {
        this.page = page;
        this.secretsDirectory = secretsDirectory;
        this.email = email;
        this.browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Connects Google Calendar as the seeded account {@code email}: start, consent ("Allow"), callback, signed in. */
    public static Person connect(SystemStack stack, String email) throws IOException, InterruptedException {
        return connect(stack.apiUrl(Service.OAUTH), stack.secretsDirectory(), email);
    }

    /**
     * The same on any calsync: {@code page} is oauth-service's address, {@code secretsDirectory} the secrets
     * its emulator was seeded from (docker-compose.yml's stack, for one).
     */
    public static Person connect(URI page, Path secretsDirectory, String email) throws IOException, InterruptedException {
        Person person = new Person(page, secretsDirectory, email);
        HttpResponse<String> consentPage = person.send(HttpRequest.newBuilder(person.page("/api/google-oauth/start")).GET());
        assertThat(consentPage.statusCode()).as("Google's consent page: %s", consentPage.body()).isEqualTo(200);
        URI consentAction = consentPage.uri().resolve(find(CONSENT_FORM, consentPage.body()));
        String form = "consent_id=" + encode(find(CONSENT_ID, consentPage.body())) + "&account=" + encode(person.googleSubject())
                + "&action=allow";
        HttpResponse<String> back = person.send(HttpRequest.newBuilder(consentAction)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(back.uri().getPort()).as("back on calsync's page after the consent (%s)", back.uri())
                .isEqualTo(page.getPort());
        assertThat(back.statusCode()).as("the page after the callback: %s", back.body()).isEqualTo(200);
        JsonNode me = person.getJson("/api/me");
        assertThat(me.path("email").asText()).as("signed in: %s", me).isEqualTo(email);
        return person;
    }

    /** "Add feed": answers the new feed's id. */
    public String addFeed(URI url, String displayName) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("url", url.toString(), "displayName", displayName));
        HttpResponse<String> response = send(HttpRequest.newBuilder(page("/api/feeds")).header("Content-Type", "application/json")
                .header("Origin", origin()).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as("POST /api/feeds: %s", response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asText();
    }

    /** What the page lists: each feed with its sync status. */
    public JsonNode feeds() throws IOException, InterruptedException {
        return getJson("/api/feeds");
    }

    public String email() {
        return email;
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(page(path)).GET());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return browser.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI page(String path) {
        return page.resolve(path);
    }

    private String origin() {
        return page.toString().replaceAll("/+$", "");
    }

    /** The account's Google subject, from the seed the emulator reads (the consent form names accounts by it). */
    private String googleSubject() {
        String seed = SecretStore.fromDirectory(secretsDirectory).read(SecretName.GOOGLE_OAUTH_CLIENTS);
        return GoogleOAuthClients.parse(seed).accounts().stream().filter(account -> account.email().equals(email))
                .map(GoogleOAuthClients.Account::sub).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no seeded Google account " + email));
    }

    private static String find(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as("%s in the consent page:\n%s", pattern, html).isTrue();
        return matcher.group(1).replace("&amp;", "&");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
