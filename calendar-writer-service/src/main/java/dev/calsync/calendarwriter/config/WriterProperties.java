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
 * {@code retryMaxBackoff}. A change that still fails for a transient reason is tried again later as a whole by
 * its subscriber's lane (after {@code redeliveryInitialBackoff}, doubling up to {@code redeliveryMaxBackoff},
 * without end: nothing transient is ever dead-lettered), and an override that came before its series is tried
 * {@code seriesWaitAttempts} times before it is dead-lettered.
 *
 * <p><b>Lanes.</b> Records are written by {@code workers} threads, in parallel across subscribers and in order
 * within each; a partition whose records not yet committed reach {@code maxInFlightPerPartition} is paused
 * until half of them are done. A partition taken away in a rebalance waits up to {@code revokeDrainTimeout}
 * for the writes it has started. A subscriber with several changes queued has up to {@code batchSize} of them sent
 * in one Google batch request (1: every call on its own).
 *
 * <p><b>Parking.</b> Google's {@code 403 quotaExceeded} ("Calendar usage limits exceeded", hours long) parks
 * the subscriber for {@code parkDuration}; every {@code parkCheckInterval} the parks that ended are lifted and
 * their feeds resynced.
 *
 * <p><b>Circuit breaker.</b> When at least {@code circuitFailureRate} % of the last
 * {@code circuitMinimumCalls} Google calls failed for Google's reasons (5xx, timeouts, I/O), no call is made
 * and no record fetched for {@code circuitOpenDuration}; then a few calls try whether Google is back.
 *
 * <p><b>Quota.</b> Google's request limits (600 a minute per user, 10,000 per project, sliding windows) are a
 * speed to run at: see {@link Quota}.
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
        @DefaultValue("8") int workers,
        @DefaultValue("50") int batchSize,
        @DefaultValue("5000") int maxInFlightPerPartition,
        @DefaultValue("10s") Duration revokeDrainTimeout,
        @DefaultValue("1h") Duration parkDuration,
        @DefaultValue("10s") Duration parkCheckInterval,
        @DefaultValue("50") int circuitFailureRate,
        @DefaultValue("20") int circuitMinimumCalls,
        @DefaultValue("30s") Duration circuitOpenDuration,
        @DefaultValue Quota quota) {

    /**
     * The writer's pace below Google's request quotas: token buckets that hold {@code userBurst} (or
     * {@code projectBurst}) calls and refill {@code perUser} (or {@code perProject}) calls per {@code window}. In any
     * window one Google user gets at most {@code perUser + userBurst} calls from the instance writing for them (and
     * {@code userBurst} more from the one that wrote for them before a rebalance); the project gets at most
     * {@code perProject + projectBurst + instances × projectChunk}, since each instance takes the shared bucket's
     * tokens {@code projectChunk} at a time. The defaults keep both under Google's 600 and 10,000 a minute for up
     * to 12 instances.
     */
    public record Quota(
            @DefaultValue("1m") Duration window,
            @DefaultValue("580") int perUser,
            @DefaultValue("10") int userBurst,
            @DefaultValue("9600") int perProject,
            @DefaultValue("100") int projectBurst,
            @DefaultValue("25") int projectChunk) {

        public Quota {
            if (window.isZero() || window.isNegative() || perUser < 1 || userBurst < 1 || perProject < 1 || projectBurst < 1
                    || projectChunk < 1) {
                throw new IllegalArgumentException("calsync.writer.quota: the window must be positive, every limit, burst and "
                        + "chunk at least 1");
            }
            if (projectChunk > projectBurst) {
                throw new IllegalArgumentException("calsync.writer.quota.project-chunk (" + projectChunk
                        + ") cannot be more than project-burst (" + projectBurst + "): the bucket never holds a whole chunk");
            }
        }
    }

    /** How long connecting to Google may take before a call counts as a transient I/O error: 10 s, or less with a shorter read timeout. */
    public Duration googleConnectTimeout() {
        Duration tenSeconds = Duration.ofSeconds(10);
        return googleReadTimeout.compareTo(tenSeconds) < 0 ? googleReadTimeout : tenSeconds;
    }

    public WriterProperties {
        if (retryAttempts < 1 || seriesWaitAttempts < 1 || tokenCacheSize < 1 || workers < 1 || batchSize < 1
                || maxInFlightPerPartition < 2
                || circuitMinimumCalls < 1) {
            throw new IllegalArgumentException("calsync.writer: retry-attempts, series-wait-attempts, token-cache-size, workers, "
                    + "batch-size and circuit-minimum-calls must be at least 1, max-in-flight-per-partition at least 2");
        }
        if (circuitFailureRate < 1 || circuitFailureRate > 100) {
            throw new IllegalArgumentException("calsync.writer.circuit-failure-rate is a percentage (1-100), not " + circuitFailureRate);
        }
    }
}
