package dev.calsync.oauth.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.secrets.GoogleOAuthClients;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A browser against oauth-service: its own cookies, redirects not followed, Google's consent driven. */
public final class Browser {

    public final Map<String, String> cookies = new HashMap<>();
    private final WebTestClient http;
    private final int port;
    private final EmulatedGoogle google;

    public Browser(WebTestClient http, int port, EmulatedGoogle google) {
        this.http = http;
        this.port = port;
        this.google = google;
    }

    private URI url(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    public EntityExchangeResult<String> get(String pathAndQuery) {
        return remember(http.get().uri(url(pathAndQuery)).cookies(jar -> cookies.forEach(jar::add))
                .exchange().expectBody(String.class).returnResult());
    }

    public EntityExchangeResult<Map> post(String path, Object json) {
        WebTestClient.RequestBodySpec request = http.post().uri(url(path)).cookies(jar -> cookies.forEach(jar::add));
        WebTestClient.RequestHeadersSpec<?> withBody = json == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(json);
        return remember(withBody.exchange().expectBody(Map.class).returnResult());
    }

    public EntityExchangeResult<Map> delete(String path) {
        return remember(http.delete().uri(url(path)).cookies(jar -> cookies.forEach(jar::add))
                .exchange().expectBody(Map.class).returnResult());
    }

    private <T> EntityExchangeResult<T> remember(EntityExchangeResult<T> result) {
        for (ResponseCookie cookie : result.getResponseCookies().toSingleValueMap().values()) {
            if (cookie.getMaxAge().isZero() || cookie.getValue().isEmpty()) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        }
        return result;
    }

    /** Start → Google's consent page; returns the authorization URL the service redirected to. */
    public URI start() {
        EntityExchangeResult<String> start = get("/api/google-oauth/start");
        assertThat(start.getStatus().value()).isEqualTo(302);
        return start.getResponseHeaders().getLocation();
    }

    public static String callbackPath(URI callback) {
        return callback.getRawPath() + "?" + callback.getRawQuery();
    }

    public URI consentAndAllow(GoogleOAuthClients.Account account) {
        return google.submit(google.openConsent(start()), account.sub(), "allow");
    }

    /** The whole connect: start, Allow at Google, back through the callback. */
    public Browser connect(GoogleOAuthClients.Account account) {
        EntityExchangeResult<String> callback = get(callbackPath(consentAndAllow(account)));
        assertThat(callback.getStatus().value()).as(callback.getResponseBody()).isEqualTo(302);
        return this;
    }

    public Map<String, Object> me() {
        return http.get().uri(url("/api/me")).cookies(jar -> cookies.forEach(jar::add))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }
}
