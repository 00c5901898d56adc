package dev.calsync.oauth.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.oauth.connect.OAuthProperties;
import dev.calsync.oauth.connect.PublicAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The {@code SESSION} cookie is Secure whenever the public address is https, also when TLS ended at a proxy. */
class SessionCookieTest {

    private static ResponseCookie sessionCookie(String webRedirectUri, String requestUrl) {
        PublicAddress address = PublicAddress.of(new OAuthProperties("scope", webRedirectUri, Duration.ofMinutes(10)));
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(requestUrl));
        SessionConfiguration.sessionCookie(address).setSessionId(exchange, "a-session-id");
        return exchange.getResponse().getCookies().getFirst("SESSION");
    }

    @Test
    void anHttpsPublicAddressMakesItSecureBehindATlsEndingProxy() {
        ResponseCookie cookie = sessionCookie("https://calsync.example.com/api/google-oauth/callback", "http://10.0.0.7:8081/");
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
    }

    @Test
    void anAddressTakenFromTheRequestIsSecureExactlyWhenTheRequestIsHttps() {
        assertThat(sessionCookie("{baseUrl}/api/google-oauth/callback", "https://calsync.example.com/").isSecure()).isTrue();
        assertThat(sessionCookie("{baseUrl}/api/google-oauth/callback", "http://localhost:8081/").isSecure()).isFalse();
        assertThat(sessionCookie("http://localhost:8081/api/google-oauth/callback", "http://localhost:8081/").isSecure()).isFalse();
    }
}
