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
import java.util.concurrent.atomic.AtomicBoolean;
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

    /** Where a key's windows start. */
    public enum Windows {
        /** At the key's first request: a burst cannot straddle a window boundary. */
        FROM_FIRST_REQUEST,
        /** On the clock's grid of whole windows (whole minutes for a one-minute window), the same for every key. */
        ON_THE_CLOCKS_GRID
    }

    private final String name;
    private final RateLimiterConfig config;
    private final Windows windows;
    private final Clock clock;
    private final Cache<String, AtomicRateLimiter> limiters;
    private final AtomicLong latestNanos = new AtomicLong(Long.MIN_VALUE);

    /** @param name what the keys are, for the limiters' names: never the key itself, which may be private */
    public KeyedRateLimiters(String name, int limit, Duration window, Windows windows, int maxKeys, Clock clock) {
        this.name = name;
        this.config = RateLimiterConfig.custom().limitForPeriod(limit).limitRefreshPeriod(window).timeoutDuration(Duration.ZERO).build();
        this.windows = windows;
        this.clock = clock;
        this.limiters = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(window).ticker(this::nanos).build();
    }

    /** Takes a permit of {@code key}; @return empty when it had one, else how long until its next permit. */
    public Optional<Duration> refusal(String key) {
        AtomicRateLimiter limiter = limiters.get(key, k -> newLimiter());
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(limiter.getDetailedMetrics().getNanosToWait()));
    }

    /**
     * A limiter on the service clock. AtomicRateLimiter counts its periods from its time source's first
     * reading, taken as it is built: on the grid, that first reading is the start of the current window.
     */
    private AtomicRateLimiter newLimiter() {
        if (windows == Windows.FROM_FIRST_REQUEST) {
            return new AtomicRateLimiter(name, config, Map.of(), this::nanos);
        }
        long window = config.getLimitRefreshPeriod().toNanos();
        long now = nanos();
        long windowStart = now - Math.floorMod(now, window);
        AtomicBoolean started = new AtomicBoolean();
        return new AtomicRateLimiter(name, config, Map.of(), () -> started.getAndSet(true) ? nanos() : windowStart);
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
