package dev.calsync.feedingest.web;

import dev.calsync.support.ratelimit.KeyedRateLimiters;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The per-feed limits of {@link FeedController}: refreshes and resyncs are counted apart, so a publisher
 * pinging its feed never uses up an operator's resync. Per instance (see {@link KeyedRateLimiters}).
 */
@Component
@EnableConfigurationProperties(FeedApiLimits.class)
public class FeedRequestLimiter {

    /**
     * Feeds with a limiter in memory at most, per kind of request; beyond it the least useful limiters are
     * dropped (their feeds start afresh). Only callers with the service credential get this far, so this is a
     * safety net for memory, not a defence against invented feed ids.
     */
    static final int MAX_TRACKED_FEEDS = 10_000;

    private final KeyedRateLimiters refreshes;
    private final KeyedRateLimiters resyncs;

    public FeedRequestLimiter(FeedApiLimits limits, Clock clock) {
        this.refreshes = new KeyedRateLimiters("feed-refresh", limits.refreshesPerFeed(), limits.window(),
                KeyedRateLimiters.Windows.FROM_FIRST_REQUEST, MAX_TRACKED_FEEDS, clock);
        this.resyncs = new KeyedRateLimiters("feed-resync", limits.resyncsPerFeed(), limits.window(),
                KeyedRateLimiters.Windows.FROM_FIRST_REQUEST, MAX_TRACKED_FEEDS, clock);
    }

    /** @return empty when the feed may be refreshed now, else how long until it may */
    public Optional<Duration> refusedRefresh(String feedId) {
        return refreshes.refusal(feedId);
    }

    /** @return empty when the feed may be resynced now, else how long until it may */
    public Optional<Duration> refusedResync(String feedId) {
        return resyncs.refusal(feedId);
    }
}
