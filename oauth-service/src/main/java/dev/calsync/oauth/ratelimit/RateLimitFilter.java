package dev.calsync.oauth.ratelimit;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Fixed-window rate limits on the OAuth and feed endpoints, per client IP and per session cookie: over
 * the limit a request gets {@code 429} with {@code Retry-After} and never reaches the flow, so the
 * service stays up. Counters live in memory (one window at a time) and are swept as windows pass.
 * Runs before Spring Security, so a flood never creates sessions or pending sign-ins.
 */
@Component
@Order(-200)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitFilter implements WebFilter {

    static final String SESSION_COOKIE = "SESSION";

    private record Window(long index, AtomicInteger count) {
    }

    private final RateLimitProperties limits;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private volatile long sweptWindow = -1;

    public RateLimitFilter(RateLimitProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
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
        long windowMillis = limits.window().toMillis();
        long now = clock.millis();
        long index = now / windowMillis;
        sweep(index);
        boolean over = over("ip:" + clientIp(exchange), index, limits.perClientIp());
        HttpCookie session = exchange.getRequest().getCookies().getFirst(SESSION_COOKIE);
        if (session != null) {
            over |= over("session:" + session.getValue(), index, limits.perSession());
        }
        if (!over) {
            return chain.filter(exchange);
        }
        long retryAfterSeconds = Math.max(1, ((index + 1) * windowMillis - now + 999) / 1000);
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = ("{\"error\":\"Too many requests; try again in " + retryAfterSeconds + " seconds.\"}").getBytes();
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private boolean over(String key, long index, int limit) {
        Window window = windows.compute(key, (k, current) -> current == null || current.index() != index
                ? new Window(index, new AtomicInteger()) : current);
        return window.count().incrementAndGet() > limit;
    }

    private void sweep(long index) {
        if (sweptWindow != index) {
            sweptWindow = index;
            windows.values().removeIf(window -> window.index() < index);
        }
    }

    private static String clientIp(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
