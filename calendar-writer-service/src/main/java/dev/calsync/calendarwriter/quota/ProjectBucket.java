package dev.calsync.calendarwriter.quota;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * This instance's share of the project's quota: tokens taken from the bucket every writer instance shares (a row
 * in PostgreSQL, {@link BucketProxy}) a chunk at a time and spent here one call at a time. Taking chunks keeps the
 * shared row to a few transactions a second whatever the call rate; what it costs is at most one chunk per
 * instance spent later than taken, which {@code WriterProperties.Quota}'s bound counts. When the shared bucket is
 * empty it says when the next chunk will be there, and until then this instance does not ask again.
 */
final class ProjectBucket {

    private final BucketProxy shared;
    private final int chunk;
    /** Guarded by this: tokens taken from the shared bucket and not spent yet. */
    private int pool;
    /** Guarded by this: {@link System#nanoTime()} before which the shared bucket has no chunk. */
    private long emptyUntil = System.nanoTime();

    ProjectBucket(BucketProxy shared, int chunk) {
        this.shared = shared;
        this.chunk = chunk;
    }

    static BucketConfiguration configuration(int perWindow, Duration window, int burst) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perWindow, window).initialTokens(burst))
                .build();
    }

    /** How long until this instance may make a call as far as the project's quota goes; zero when now. */
    synchronized Duration untilAvailable() {
        long wait = emptyUntil - System.nanoTime();
        return pool > 0 || wait <= 0 ? Duration.ZERO : Duration.ofNanos(wait);
    }

    /** Takes one call of the project's quota, taking a chunk from the shared bucket or waiting for one if needed. */
    void take() throws InterruptedException {
        long waitNanos;
        while (true) {
            synchronized (this) {
                if (takeUpTo(1) == 1) {
                    return;
                }
                waitNanos = emptyUntil - System.nanoTime();
            }
            TimeUnit.NANOSECONDS.sleep(UserBuckets.atLeastAMillisecond(waitNanos));
        }
    }

    /**
     * Takes as many calls of the project's quota as there are now, up to {@code wanted}: what this instance holds,
     * then whole chunks from the shared bucket while it has them; never waits.
     */
    synchronized int takeUpTo(int wanted) {
        int taken = Math.min(pool, wanted);
        pool -= taken;
        while (taken < wanted && emptyUntil - System.nanoTime() <= 0) {
            long now = System.nanoTime();
            ConsumptionProbe probe = takeChunk();
            if (!probe.isConsumed()) {
                emptyUntil = now + UserBuckets.atLeastAMillisecond(probe.getNanosToWaitForRefill());
                break;
            }
            int used = Math.min(chunk, wanted - taken);
            taken += used;
            pool += chunk - used;
        }
        return taken;
    }

    /** Tokens this instance holds and has not spent. */
    synchronized int held() {
        return pool;
    }

    private ConsumptionProbe takeChunk() {
        try {
            return shared.tryConsumeAndReturnRemaining(chunk);
        } catch (RuntimeException unreachable) {
            // the writer's database failing: the change waits and is tried again like any database outage
            throw new DataAccessResourceFailureException("the project's Google quota bucket could not be read", unreachable);
        }
    }
}
