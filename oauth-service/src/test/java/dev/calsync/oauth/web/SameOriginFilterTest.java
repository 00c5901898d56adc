package dev.calsync.oauth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.oauth.connect.OAuthProperties;
import dev.calsync.oauth.connect.PublicAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** Which requests {@link SameOriginFilter} lets through to the page's endpoints. */
class SameOriginFilterTest {

    private static final String SCOPE = "https://www.googleapis.com/auth/calendar.app.created";

    private static SameOriginFilter filter(String webRedirectUri) {
        return new SameOriginFilter(PublicAddress.of(new OAuthProperties(SCOPE, webRedirectUri, Duration.ofMinutes(10))));
    }

    private static final SameOriginFilter PER_REQUEST = filter("{baseUrl}/api/google-oauth/callback");

    /** @return the status the filter answered with, or null when it passed the request on */
    private static HttpStatus answer(SameOriginFilter filter, MockServerHttpRequest.BaseBuilder<?> request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        AtomicBoolean passed = new AtomicBoolean();
        filter.filter(exchange, served -> {
            passed.set(true);
            return Mono.empty();
        }).block();
        return passed.get() ? null : (HttpStatus) exchange.getResponse().getStatusCode();
    }

    private static MockServerHttpRequest.BaseBuilder<?> post(String path) {
        return MockServerHttpRequest.method(HttpMethod.POST, "http://localhost:8081" + path);
    }

    @Test
    void thePagesOwnOriginPasses() {
        assertThat(answer(PER_REQUEST, post("/api/google-oauth/disconnect").header("Origin", "http://localhost:8081"))).isNull();
        assertThat(answer(PER_REQUEST, post("/api/feeds").header("Origin", "HTTP://LOCALHOST:8081"))).isNull();
        assertThat(answer(PER_REQUEST, MockServerHttpRequest.delete("http://localhost:8081/api/feeds/feed_1")
                .header("Origin", "http://localhost:8081"))).isNull();
    }

    @Test
    void anotherOriginOfTheSameSiteIsRefused() {
        assertThat(answer(PER_REQUEST, post("/api/google-oauth/disconnect").header("Origin", "http://localhost:9999")))
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(answer(PER_REQUEST, post("/api/feeds/feed_1/sync").header("Origin", "https://localhost:8081")))
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(answer(PER_REQUEST, MockServerHttpRequest.method(HttpMethod.PUT, "http://localhost:8081/api/feeds/feed_1")
                .header("Origin", "null"))).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void withoutOriginTheReferersOriginCountsAndWithNeitherTheRequestIsRefused() {
        assertThat(answer(PER_REQUEST, post("/api/feeds/feed_1/sync").header("Referer", "http://localhost:8081/?connected"))).isNull();
        assertThat(answer(PER_REQUEST, post("/api/feeds/feed_1/sync").header("Referer", "http://calsync.localhost:8081/")))
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(answer(PER_REQUEST, post("/api/feeds/feed_1/sync"))).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aConfiguredPublicAddressIsThePagesOriginWhateverTheRequestSays() {
        SameOriginFilter behindProxy = filter("https://calsync.example.com/api/google-oauth/callback");
        assertThat(answer(behindProxy, post("/api/google-oauth/disconnect").header("Origin", "https://calsync.example.com"))).isNull();
        assertThat(answer(behindProxy, post("/api/google-oauth/disconnect").header("Origin", "http://localhost:8081")))
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(answer(behindProxy, post("/api/google-oauth/disconnect").header("Origin", "https://evil.example.com")))
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void safeMethodsTheAppAndDesktopDoorsAndNonPageEndpointsAreNotChecked() {
        assertThat(answer(PER_REQUEST, MockServerHttpRequest.get("http://localhost:8081/api/google-oauth/callback?state=s&code=c")
                .header("Origin", "https://accounts.google.com"))).isNull();
        assertThat(answer(PER_REQUEST, MockServerHttpRequest.get("http://localhost:8081/api/feeds"))).isNull();
        assertThat(answer(PER_REQUEST, post("/api/app/google-calendar/tokens"))).isNull();
        assertThat(answer(PER_REQUEST, post("/api/desktop/google-oauth/exchange"))).isNull();
        assertThat(answer(PER_REQUEST, post("/actuator/clock"))).isNull();
    }
}
