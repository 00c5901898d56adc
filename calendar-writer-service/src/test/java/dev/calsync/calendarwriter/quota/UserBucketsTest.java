package dev.calsync.calendarwriter.quota;

import static dev.calsync.calendarwriter.support.WriterSettings.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-user pace on a clock the test moves: Google's sliding window never sees more than its limit. */
class UserBucketsTest {

    /** Bucket4j's clock, moved by the test. */
    private static final class TestTime implements TimeMeter {
        long nanos;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private final TestTime time = new TestTime();
    private final UserBuckets buckets = new UserBuckets(with(Map.of()).quota(), time);

    @Test
    void aUserWhoCallsAsFastAsAllowedNeverHasMoreThanGooglesLimitInAnyMinute() throws Exception {
        Deque<Long> calls = new ArrayDeque<>();
        int mostInAMinute = 0;
        long end = Duration.ofMinutes(5).toNanos();
        while (time.nanos < end) {
            Duration wait = buckets.untilAvailable("alice");
            if (wait.isZero()) {
                buckets.take("alice");
                calls.addLast(time.nanos);
                while (calls.peekFirst() <= time.nanos - Duration.ofMinutes(1).toNanos()) {
                    calls.pollFirst();
                }
                mostInAMinute = Math.max(mostInAMinute, calls.size());
            } else {
                time.nanos += wait.toNanos();
            }
        }
        // the defaults: 580 a minute plus a burst of 10, under Google's 600 with room for a rebalance's second burst
        assertThat(mostInAMinute).isBetween(585, 590);
        assertThat(calls.size()).as("the last minute, at the steady pace").isBetween(579, 581);
    }

    @Test
    void anEmptyBucketSaysHowLongUntilTheNextCallAndOtherUsersAreNotHeldBack() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(buckets.untilAvailable("alice")).isZero();
            buckets.take("alice");
        }
        Duration wait = buckets.untilAvailable("alice");
        // one call's worth of a 580-a-minute refill: about 103 ms
        assertThat(wait).isBetween(Duration.ofMillis(100), Duration.ofMillis(105));
        assertThat(buckets.untilAvailable("bob")).isZero();

        time.nanos += wait.plusMillis(1).toNanos();
        assertThat(buckets.untilAvailable("alice")).isZero();
    }
}
