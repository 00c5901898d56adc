package dev.calsync.oauth.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.calsync.oauth.session.SessionIds;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>The limiters live in two bounded Caffeine maps, each entry dropped once unused for a whole period (it
 * would have all its permits back by then, so nothing is lost). An attacker inventing a new session cookie
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

    private final Clock clock;
    private final RateLimiterConfig perClientIp;
    private final RateLimiterConfig perSession;
    private final Cache<String, AtomicRateLimiter> clientIpLimiters;
    private final Cache<String, AtomicRateLimiter> sessionLimiters;
    private final AtomicLong latestNanos = new AtomicLong(Long.MIN_VALUE);

    public RateLimitFilter(RateLimitProperties limits, Clock clock) {
        this.clock = clock;
        this.perClientIp = config(limits.perClientIp(), limits.window());
        this.perSession = config(limits.perSession(), limits.window());
        this.clientIpLimiters = limiters(limits);
        this.sessionLimiters = limiters(limits);
    }

    private static RateLimiterConfig config(int limit, Duration window) {
        // never wait for a permit: a request over the limit is answered 429 at once, nothing blocks the event loop
        return RateLimiterConfig.custom().limitForPeriod(limit).limitRefreshPeriod(window).timeoutDuration(Duration.ZERO).build();
    }

    private Cache<String, AtomicRateLimiter> limiters(RateLimitProperties limits) {
        return Caffeine.newBuilder().maximumSize(limits.maxTrackedKeys()).expireAfterAccess(limits.window())
                .ticker(this::nanos).build();
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
        AtomicRateLimiter refusing = refusing(clientIpLimiters, "client-ip", perClientIp, clientIp(exchange));
        HttpCookie session = exchange.getRequest().getCookies().getFirst(SESSION_COOKIE);
        if (refusing == null && session != null && SessionIds.wellFormed(session.getValue())) {
            refusing = refusing(sessionLimiters, "session", perSession, session.getValue());
        }
        if (refusing == null) {
            return chain.filter(exchange);
        }
        long nanosToWait = refusing.getDetailedMetrics().getNanosToWait();
        long retryAfterSeconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = ("{\"error\":\"Too many requests; try again in " + retryAfterSeconds + " seconds.\"}")
                .getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** Takes a permit from {@code key}'s limiter; @return that limiter when it has none left, else null. */
    private AtomicRateLimiter refusing(Cache<String, AtomicRateLimiter> limiters, String kind, RateLimiterConfig config, String key) {
        AtomicRateLimiter limiter = limiters.get(key, k -> newLimiter(kind, config));
        return limiter.acquirePermission() ? null : limiter;
    }

    /**
     * A limiter on the service clock (so tests can move it, as every clock here; see {@link #nanos()}). AtomicRateLimiter counts
     * its periods from its time source's first reading, taken as it is built; giving it the start of the
     * current window there puts every limiter on the clock's grid of whole windows (whole minutes by
     * default), as the fixed windows before it were. The name is the kind of key, never the key: an
     * address or a session id is not for metrics or logs.
     */
    private AtomicRateLimiter newLimiter(String kind, RateLimiterConfig config) {
        long window = config.getLimitRefreshPeriod().toNanos();
        long now = nanos();
        long windowStart = now - Math.floorMod(now, window);
        AtomicBoolean started = new AtomicBoolean();
        return new AtomicRateLimiter(kind, config, Map.of(), () -> started.getAndSet(true) ? nanos() : windowStart);
    }

    /**
     * The service clock in nanoseconds, never going back: AtomicRateLimiter would take a step back (NTP, or a
     * test resetting the clock) as negative elapsed periods and refuse everyone until the clock caught up;
     * held at its latest reading instead, the limiters merely pause refilling for as long.
     */
    private long nanos() {
        Instant now = clock.instant();
        return latestNanos.accumulateAndGet(now.getEpochSecond() * 1_000_000_000L + now.getNano(), Math::max);
    }

    /** How many limiters are kept now, both maps together (after pending evictions). */
    long trackedLimiters() {
        return trackedClientIps() + trackedSessions();
    }

    /** How many client address limiters are kept now (after pending evictions). */
    long trackedClientIps() {
        clientIpLimiters.cleanUp();
        return clientIpLimiters.estimatedSize();
    }

    /** How many session limiters are kept now (after pending evictions). */
    long trackedSessions() {
        sessionLimiters.cleanUp();
        return sessionLimiters.estimatedSize();
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
