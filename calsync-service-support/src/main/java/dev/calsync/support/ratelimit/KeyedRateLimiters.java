package dev.calsync.support.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Resilience4j rate limiter per key (a feed, a client, ...), each allowing {@code limit} requests per
 * {@code window} from its first request on. Never waits for a permit: a request over the limit is refused at
 * once with the time until the key's next permit, so nothing blocks the event loop.
 *
 * <p>The limiters live in a bounded Caffeine map, each dropped once unused for a whole window (it would have
 * all its permits back by then, so nothing is lost), so inventing keys costs at most {@code maxKeys} limiters.
 * The limits are per instance: with N instances a key may get up to N times the rate.
 */
public final class KeyedRateLimiters {

    private final String name;
    private final RateLimiterConfig config;
    private final Clock clock;
    private final Cache<String, AtomicRateLimiter> limiters;
    private final AtomicLong latestNanos = new AtomicLong(Long.MIN_VALUE);

    /** @param name what the keys are, for the limiters' names: never the key itself, which may be private */
    public KeyedRateLimiters(String name, int limit, Duration window, int maxKeys, Clock clock) {
        this.name = name;
        this.config = RateLimiterConfig.custom().limitForPeriod(limit).limitRefreshPeriod(window).timeoutDuration(Duration.ZERO).build();
        this.clock = clock;
        this.limiters = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(window).ticker(this::nanos).build();
    }

    /** Takes a permit of {@code key}; @return empty when it had one, else how long until its next permit. */
    public Optional<Duration> refusal(String key) {
        AtomicRateLimiter limiter = limiters.get(key, k -> new AtomicRateLimiter(name, config, Map.of(), this::nanos));
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(limiter.getDetailedMetrics().getNanosToWait()));
    }

    /** How many keys have a limiter now (after pending evictions). */
    public long trackedKeys() {
        limiters.cleanUp();
        return limiters.estimatedSize();
    }

    /**
     * The service clock (so tests can move it) in nanoseconds, never going back: AtomicRateLimiter would take a
     * step back (NTP, or a test resetting the clock) as negative elapsed periods and refuse everyone until the
     * clock caught up; held at its latest reading instead, the limiters merely pause refilling for as long.
     */
    private long nanos() {
        Instant now = clock.instant();
        return latestNanos.accumulateAndGet(now.getEpochSecond() * 1_000_000_000L + now.getNano(), Math::max);
    }

    /** Whole seconds to announce in {@code Retry-After} for a wait: rounded up, at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
    }
}
