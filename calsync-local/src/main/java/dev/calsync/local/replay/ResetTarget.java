package dev.calsync.local.replay;

import java.time.Duration;
import java.time.Instant;

/** Where a replay moves a consumer group's offsets to. */
public sealed interface ResetTarget {

    /** The time whose first record each partition goes back to; null for {@link Earliest}, which is an offset. */
    Instant time(Instant now);

    /** The first record each partition still holds (what retention kept). */
    record Earliest() implements ResetTarget {
        @Override
        public Instant time(Instant now) {
            return null;
        }

        @Override
        public String toString() {
            return "the earliest record";
        }
    }

    /** The first record at or after this time in each partition (none: the partition's end). */
    record AtTime(Instant time) implements ResetTarget {
        @Override
        public Instant time(Instant now) {
            return time;
        }

        @Override
        public String toString() {
            return "the first record at or after " + time;
        }
    }

    /** The first record at or after now minus this duration. */
    record ByDuration(Duration back) implements ResetTarget {
        @Override
        public Instant time(Instant now) {
            return now.minus(back);
        }

        @Override
        public String toString() {
            return "the first record of the last " + back;
        }
    }
}
