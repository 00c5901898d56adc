package dev.calsync.calendarwriter.quota;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.calsync.calendarwriter.config.WriterProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per Google user, in this instance's memory: a subscriber's changes are written by the one
 * instance that owns the subscriber's partition, so nobody else spends the subscriber's quota. A bucket unused
 * for a whole window is full again, so it is dropped then and recreated full when needed.
 */
final class UserBuckets {

    private final WriterProperties.Quota quota;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    /** @param time Bucket4j's clock: {@link TimeMeter#SYSTEM_NANOTIME}, or a test's */
    UserBuckets(WriterProperties.Quota quota, TimeMeter time) {
        this.quota = quota;
        this.time = time;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(quota.window()).build();
    }

    /** How long until the subscriber may make a call; zero when now. */
    Duration untilAvailable(String subscriberId) {
        EstimationProbe probe = bucket(subscriberId).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(atLeastAMillisecond(probe.getNanosToWaitForRefill()));
    }

    /** Takes one call of the subscriber's quota, waiting for it if the bucket is empty. */
    void take(String subscriberId) throws InterruptedException {
        Bucket bucket = bucket(subscriberId);
        ConsumptionProbe probe;
        while (!(probe = bucket.tryConsumeAndReturnRemaining(1)).isConsumed()) {
            TimeUnit.NANOSECONDS.sleep(atLeastAMillisecond(probe.getNanosToWaitForRefill()));
        }
    }

    /** Takes as many calls of the subscriber's quota as there are now, up to {@code wanted}, without waiting. */
    int takeUpTo(String subscriberId, int wanted) {
        return (int) bucket(subscriberId).tryConsumeAsMuchAsPossible(wanted);
    }

    /** Puts back calls taken and not made. */
    void giveBack(String subscriberId, int unused) {
        if (unused > 0) {
            bucket(subscriberId).addTokens(unused);
        }
    }

    private Bucket bucket(String subscriberId) {
        return buckets.get(subscriberId, any -> Bucket.builder()
                .withCustomTimePrecision(time)
                .addLimit(limit -> limit.capacity(quota.userBurst()).refillGreedy(quota.perUser(), quota.window()))
                .build());
    }

    /**
     * Bucket4j rounds the wait for a token down, so a bucket a fraction of a nanosecond short of its next token
     * answers "not now" and "wait 0": waiting at least a millisecond keeps that from spinning.
     */
    static long atLeastAMillisecond(long nanos) {
        return Math.max(nanos, TimeUnit.MILLISECONDS.toNanos(1));
    }
}
