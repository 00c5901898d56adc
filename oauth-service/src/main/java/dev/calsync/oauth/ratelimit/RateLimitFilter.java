package dev.calsync.oauth.ratelimit;

import dev.calsync.oauth.session.SessionIds;
import dev.calsync.support.ratelimit.KeyedRateLimiters;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rate limits on the OAuth and feed endpoints: one Resilience4j rate limiter per client IP and one per
 * session cookie. Over either limit a request gets {@code 429} with {@code Retry-After} (when the refusing
 * limiter's next period starts) and never reaches the flow, so the service stays up. Runs before Spring
 * Security, so a flood never creates sessions or pending sign-ins.
 *
 * <p>The limiters live in two {@link KeyedRateLimiters}: bounded maps, each entry dropped once unused for a whole
 * period (it would have all its permits back by then, so nothing is lost). An attacker inventing a new session cookie
 * or address per request therefore costs at most {@code maxTrackedKeys} limiters per map; the maps are
 * separate so that invented session cookies can push out only session limiters, never an address's. Keys are
 * small and bounded: a session limiter exists only for a cookie value shaped like one of our session ids
 * ({@link SessionIds#wellFormed}, 43 characters; anything else counts as no session, and the address limit
 * still applies), and an IPv6 client is keyed by its /64, the block one subscriber line gets, so that one
 * line cannot hand out a fresh address per request. With the default 10,000 keys per map that is a few MB
 * at most.
 *
 * <p>The limits are per instance: behind a load balancer with N instances a client may get up to N times
 * the configured rate.
 */
@Component
@Order(-200)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitFilter implements WebFilter {

    static final String SESSION_COOKIE = "SESSION";

    // two maps, so that invented session cookies can push out only session limiters, never an address's;
    // windows on the clock's grid (whole minutes by default), the same for every client
    private final KeyedRateLimiters clientIpLimiters;
    private final KeyedRateLimiters sessionLimiters;

    public RateLimitFilter(RateLimitProperties limits, Clock clock) {
        this.clientIpLimiters = new KeyedRateLimiters("client-ip", limits.perClientIp(), limits.window(),
                KeyedRateLimiters.Windows.ON_THE_CLOCKS_GRID, limits.maxTrackedKeys(), clock);
        this.sessionLimiters = new KeyedRateLimiters("session", limits.perSession(), limits.window(),
                KeyedRateLimiters.Windows.ON_THE_CLOCKS_GRID, limits.maxTrackedKeys(), clock);
    }

    static boolean limited(String path) {
        return path.startsWith("/api/google-oauth/") || path.startsWith("/api/feeds") || path.startsWith("/api/app/")
                || path.startsWith("/api/desktop/");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!limited(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        Optional<Duration> refusal = clientIpLimiters.refusal(clientIp(exchange));
        HttpCookie session = exchange.getRequest().getCookies().getFirst(SESSION_COOKIE);
        if (refusal.isEmpty() && session != null && SessionIds.wellFormed(session.getValue())) {
            refusal = sessionLimiters.refusal(session.getValue());
        }
        if (refusal.isEmpty()) {
            return chain.filter(exchange);
        }
        long retryAfterSeconds = KeyedRateLimiters.retryAfterSeconds(refusal.get());
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = ("{\"error\":\"Too many requests; try again in " + retryAfterSeconds + " seconds.\"}")
                .getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** How many limiters are kept now, both maps together (after pending evictions). */
    long trackedLimiters() {
        return trackedClientIps() + trackedSessions();
    }

    /** How many client address limiters are kept now (after pending evictions). */
    long trackedClientIps() {
        return clientIpLimiters.trackedKeys();
    }

    /** How many session limiters are kept now (after pending evictions). */
    long trackedSessions() {
        return sessionLimiters.trackedKeys();
    }

    /** The client's address, or for IPv6 its /64 network (e.g. {@code 2001:db8:1:2:0:0:0:0/64}). */
    static String clientIp(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return "unknown";
        }
        InetAddress address = remote.getAddress();
        if (address instanceof Inet6Address) {
            byte[] network = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // never: 16 bytes are an IPv6 address
            }
        }
        return address.getHostAddress();
    }
}
