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

    public final Map<String, String> cookies;
    private final WebTestClient http;
    private final int port;
    /** The port in the address bar; differs from {@link #port} when a load balancer sends the request elsewhere. */
    private final int publicPort;
    private final EmulatedGoogle google;

    public Browser(WebTestClient http, int port, EmulatedGoogle google) {
        this(http, port, port, google, new HashMap<>());
    }

    private Browser(WebTestClient http, int port, int publicPort, EmulatedGoogle google, Map<String, String> cookies) {
        this.http = http;
        this.port = port;
        this.publicPort = publicPort;
        this.google = google;
        this.cookies = cookies;
    }

    /**
     * The same browser (same cookies, same address) whose requests a load balancer sends to the instance of
     * the service on {@code otherPort}: they reach it with the browser's {@code Host}.
     */
    public Browser servedBy(int otherPort) {
        return new Browser(http, otherPort, publicPort, google, cookies);
    }

    private URI url(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    private WebTestClient.RequestHeadersSpec<?> withHost(WebTestClient.RequestHeadersSpec<?> request) {
        return port == publicPort ? request : request.header("Host", "localhost:" + publicPort);
    }

    public EntityExchangeResult<String> get(String pathAndQuery) {
        return remember(withHost(http.get().uri(url(pathAndQuery))).cookies(jar -> cookies.forEach(jar::add))
                .exchange().expectBody(String.class).returnResult());
    }

    /** A browser sends its page's origin with every POST and DELETE, as the page's own calls carry it. */
    private String origin() {
        return "http://localhost:" + publicPort;
    }

    public EntityExchangeResult<Map> post(String path, Object json) {
        WebTestClient.RequestBodySpec request = http.post().uri(url(path)).header("Origin", origin()).cookies(jar -> cookies.forEach(jar::add));
        if (port != publicPort) {
            request = request.header("Host", "localhost:" + publicPort);
        }
        WebTestClient.RequestHeadersSpec<?> withBody = json == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(json);
        return remember(withBody.exchange().expectBody(Map.class).returnResult());
    }

    public EntityExchangeResult<Map> delete(String path) {
        return remember(withHost(http.delete().uri(url(path)).header("Origin", origin())).cookies(jar -> cookies.forEach(jar::add))
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
        return withHost(http.get().uri(url("/api/me"))).cookies(jar -> cookies.forEach(jar::add))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }
}
