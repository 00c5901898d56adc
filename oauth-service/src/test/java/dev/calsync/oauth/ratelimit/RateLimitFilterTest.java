package dev.calsync.oauth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.clock.AdjustableClock;
import dev.calsync.oauth.session.SessionIds;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

class RateLimitFilterTest {

    private final AdjustableClock clock = new AdjustableClock(Clock.fixed(Instant.parse("2026-01-01T00:00:10Z"), ZoneOffset.UTC));
    private final RateLimitFilter filter = new RateLimitFilter(new RateLimitProperties(3, 2, Duration.ofMinutes(1), 100), clock);
    private final AtomicInteger passed = new AtomicInteger();
    private final WebFilterChain chain = exchange -> Mono.fromRunnable(passed::incrementAndGet);

    /** A cookie value shaped like one of our session ids (43 base64url characters), distinct per {@code n}. */
    private static String sessionId(String prefix, int n) {
        String id = prefix + "-" + n;
        return id + "x".repeat(SessionIds.LENGTH - id.length());
    }

    private MockServerWebExchange request(String path, String ip, String session) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get(path).remoteAddress(new InetSocketAddress(ip, 5000));
        if (session != null) {
            request.cookie(new org.springframework.http.HttpCookie(RateLimitFilter.SESSION_COOKIE, session));
        }
        return MockServerWebExchange.from(request);
    }

    @Test
    void overTheLimitPerIpIs429WithRetryAfterUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            filter.filter(request("/api/google-oauth/start", "10.0.0.1", null), chain).block();
        }
        MockServerWebExchange fourth = request("/api/google-oauth/start", "10.0.0.1", null);
        filter.filter(fourth, chain).block();
        assertThat(passed).hasValue(3);
        assertThat(fourth.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(fourth.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("50");

        MockServerWebExchange otherIp = request("/api/feeds", "10.0.0.2", null);
        filter.filter(otherIp, chain).block();
        assertThat(otherIp.getResponse().getStatusCode()).isNull();

        clock.advance(Duration.ofMinutes(1));
        filter.filter(request("/api/google-oauth/start", "10.0.0.1", null), chain).block();
        assertThat(passed).hasValue(5);
    }

    @Test
    void aClockSetBackNeitherRefusesNorRefillsAnyone() {
        clock.advance(Duration.ofMinutes(10));
        filter.filter(request("/api/feeds", "10.0.0.7", null), chain).block();
        filter.filter(request("/api/feeds", "10.0.0.7", null), chain).block();
        clock.setOffset(Duration.ZERO);
        filter.filter(request("/api/feeds", "10.0.0.7", null), chain).block();
        filter.filter(request("/api/feeds", "10.0.0.8", null), chain).block();
        assertThat(passed).hasValue(4);
        MockServerWebExchange fourth = request("/api/feeds", "10.0.0.7", null);
        filter.filter(fourth, chain).block();
        assertThat(fourth.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void oneSessionIsLimitedAcrossAddressesAndThePageIsNot() {
        String s1 = sessionId("s", 1);
        filter.filter(request("/api/feeds", "10.0.0.3", s1), chain).block();
        filter.filter(request("/api/feeds", "10.0.0.4", s1), chain).block();
        MockServerWebExchange third = request("/api/feeds", "10.0.0.5", s1);
        filter.filter(third, chain).block();
        assertThat(third.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        for (int i = 0; i < 10; i++) {
            filter.filter(request("/", "10.0.0.3", s1), chain).block();
        }
        assertThat(passed).hasValue(12);
    }

    @Test
    void inventedSessionsAndAddressesKeepAtMostTheBoundOfLimitersAndUnusedOnesAreDropped() {
        for (int i = 0; i < 5_000; i++) {
            filter.filter(request("/api/feeds", "10.1." + (i / 250) + "." + (i % 250), sessionId("invented", i)), chain).block();
        }
        assertThat(passed).as("each invented client is new to the limits").hasValue(5_000);
        assertThat(filter.trackedLimiters()).as("per map at most maxTrackedKeys").isLessThanOrEqualTo(200);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(filter.trackedLimiters()).as("unused for a whole window").isZero();
    }

    @Test
    void aLimitedAddressIsStillLimitedWhileInventedSessionsFloodTheSessionLimiters() {
        for (int i = 0; i < 3; i++) {
            filter.filter(request("/api/google-oauth/start", "10.0.0.9", null), chain).block();
        }
        // 60 addresses (within the bound of 100) inventing 180 sessions (beyond it)
        for (int i = 0; i < 180; i++) {
            filter.filter(request("/api/feeds", "10.2.0." + (i % 60), sessionId("flood", i)), chain).block();
        }
        assertThat(passed).hasValue(3 + 180);
        // with one map shared by both kinds, 180 session keys would have pushed most addresses out
        assertThat(filter.trackedClientIps()).as("every address kept").isEqualTo(61);
        assertThat(filter.trackedSessions()).as("sessions within their own bound").isLessThanOrEqualTo(100);
        MockServerWebExchange again = request("/api/google-oauth/start", "10.0.0.9", null);
        filter.filter(again, chain).block();
        assertThat(again.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void aCookieThatCannotBeOneOfOurSessionIdsGetsNoLimiterButTheAddressLimitStillApplies() {
        for (int i = 0; i < 3; i++) {
            filter.filter(request("/api/feeds", "10.3.0.1", "x".repeat(8000) + i), chain).block();
        }
        assertThat(filter.trackedSessions()).as("an 8 KB cookie value is never a key").isZero();
        MockServerWebExchange fourth = request("/api/feeds", "10.3.0.1", "y".repeat(8000));
        filter.filter(fourth, chain).block();
        assertThat(fourth.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void anIpv6ClientIsLimitedByItsSlash64() {
        for (int i = 1; i <= 3; i++) {
            filter.filter(request("/api/feeds", "2001:db8:1:2::" + Integer.toHexString(i), null), chain).block();
        }
        MockServerWebExchange sameNetwork = request("/api/feeds", "2001:db8:1:2:ffff:ffff:ffff:ffff", null);
        filter.filter(sameNetwork, chain).block();
        assertThat(sameNetwork.getResponse().getStatusCode()).as("another address of the same /64").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        MockServerWebExchange nextNetwork = request("/api/feeds", "2001:db8:1:3::1", null);
        filter.filter(nextNetwork, chain).block();
        assertThat(nextNetwork.getResponse().getStatusCode()).as("the next /64").isNull();
        assertThat(filter.trackedClientIps()).isEqualTo(2);
    }
}
