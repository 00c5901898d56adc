package dev.calsync.calendarwriter.poll;

import dev.calsync.calendarwriter.config.WriterProperties;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * How much of the current poll's time is used: records are not started, and failed Google calls not tried
 * again, once the records of a poll have taken {@code calsync.writer.poll-budget}; see {@link WriterProperties}.
 * Threads that do not poll (a repair command) have no budget.
 */
@Component
public class PollBudget {

    /** Thrown before a record that must wait for the next poll; the record is redelivered at once. */
    public static class Exhausted extends RuntimeException {
        public Exhausted(Duration used) {
            super("the poll's records took " + used.toMillis() + " ms: the rest come back with the next poll");
        }
    }

    private final long budgetNanos;

    public PollBudget(WriterProperties properties) {
        this.budgetNanos = properties.pollBudget().toNanos();
    }

    /** @throws Exhausted when this thread's poll has used its budget */
    public void checkBeforeRecord() {
        long used = used();
        if (used > budgetNanos) {
            throw new Exhausted(Duration.ofNanos(used));
        }
    }

    /** Whether a failed call may be tried again within this thread's poll. */
    public boolean allowsAnotherAttempt() {
        return used() <= budgetNanos;
    }

    private static long used() {
        Long lastPoll = PollClock.lastPollNanos();
        return lastPoll == null ? 0 : System.nanoTime() - lastPoll;
    }
}
