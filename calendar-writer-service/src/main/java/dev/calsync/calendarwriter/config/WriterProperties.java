package dev.calsync.calendarwriter.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the writer, its one retry policy among them.
 *
 * <p><b>Retries.</b> One Google call is tried up to {@code retryAttempts} times on a transient error (429,
 * 403 rate limits, 5xx, I/O), waiting {@code retryInitialBackoff} doubling with jitter up to
 * {@code retryMaxBackoff}, and never once the record's poll has used its {@code pollBudget}. A change that
 * still fails for a transient reason is retried later as a whole by the consumer (after
 * {@code redeliveryInitialBackoff}, doubling up to {@code redeliveryMaxBackoff}, without end: nothing
 * transient is ever dead-lettered), and an override that came before its series is tried
 * {@code seriesWaitAttempts} times before it is dead-lettered.
 *
 * <p><b>Kafka's poll interval.</b> {@code maxPollInterval} is set as the consumer's
 * {@code max.poll.interval.ms}. No record is started once a poll's records have taken {@code pollBudget}
 * (they come back with the next poll), so a poll is followed by the next one within the budget, one
 * record's calls and one redelivery back-off; the settings are refused at start if that could exceed
 * {@code maxPollInterval}.
 *
 * @param tokenServiceUrl        base URL of token-service's internal API
 * @param tokenRefreshMargin     an access token is used until this long before it expires
 * @param tokenCacheSize         access tokens kept (one per subscriber and grant); the least recently used go first
 * @param deleteRemovedCalendars false keeps a removed feed's calendar in Google (the tombstone stays either way)
 * @param floatingTimeZone       the IANA zone a floating time is written in (Google needs one)
 * @param googleReadTimeout      how long one Google call may wait for its answer before it counts as a transient I/O error
 */
@ConfigurationProperties("calsync.writer")
public record WriterProperties(
        @DefaultValue("http://127.0.0.1:8082") URI tokenServiceUrl,
        @DefaultValue("5m") Duration tokenRefreshMargin,
        @DefaultValue("10000") int tokenCacheSize,
        @DefaultValue("true") boolean deleteRemovedCalendars,
        @DefaultValue("UTC") String floatingTimeZone,
        @DefaultValue("5") int retryAttempts,
        @DefaultValue("200ms") Duration retryInitialBackoff,
        @DefaultValue("10s") Duration retryMaxBackoff,
        @DefaultValue("30s") Duration googleReadTimeout,
        @DefaultValue("1s") Duration redeliveryInitialBackoff,
        @DefaultValue("60s") Duration redeliveryMaxBackoff,
        @DefaultValue("5") int seriesWaitAttempts,
        @DefaultValue("10m") Duration maxPollInterval,
        @DefaultValue("2m") Duration pollBudget) {

    /** How long connecting to Google may take before a call counts as a transient I/O error: 10 s, or less with a shorter read timeout. */
    public Duration googleConnectTimeout() {
        return connectTimeout(googleReadTimeout);
    }

    private static Duration connectTimeout(Duration readTimeout) {
        Duration tenSeconds = Duration.ofSeconds(10);
        return readTimeout.compareTo(tenSeconds) < 0 ? readTimeout : tenSeconds;
    }

    public WriterProperties {
        if (retryAttempts < 1 || seriesWaitAttempts < 1 || tokenCacheSize < 1) {
            throw new IllegalArgumentException("calsync.writer: retry-attempts, series-wait-attempts and token-cache-size "
                    + "must be at least 1");
        }
        Duration worstGap = worstPollGap(pollBudget, retryMaxBackoff, googleReadTimeout, redeliveryMaxBackoff);
        if (worstGap.compareTo(maxPollInterval) >= 0) {
            throw new IllegalArgumentException("calsync.writer.max-poll-interval (" + maxPollInterval + ") must exceed "
                    + "poll-budget + retry-max-backoff + two Google calls + redelivery-max-backoff (" + worstGap + ")");
        }
    }

    /**
     * The longest time between two polls: the budget, then the last wait and the last call of a retry (with its
     * one refresh after a 401, so two calls), then the back-off before the record comes back.
     */
    static Duration worstPollGap(Duration pollBudget, Duration retryMaxBackoff, Duration googleReadTimeout,
                                 Duration redeliveryMaxBackoff) {
        return pollBudget.plus(retryMaxBackoff).plus(googleReadTimeout.plus(connectTimeout(googleReadTimeout)).multipliedBy(2))
                .plus(redeliveryMaxBackoff);
    }
}
