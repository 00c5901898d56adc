package dev.calsync.calendarwriter.lanes;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The retry state of one record in its lane: how long to wait after each failure, by the back-off of the
 * failure's kind. A failure of another kind than the last starts that kind's back-off afresh (an override
 * that waited for its series and then met a Google outage is not dead-lettered for the outage).
 */
public final class Retries {

    private String kind;
    private BackOffExecution execution;

    /** @return how long to wait before the next attempt, or empty when this kind of failure has had its attempts */
    public Optional<Duration> after(String failureKind, Supplier<BackOff> policy) {
        if (!failureKind.equals(kind)) {
            kind = failureKind;
            execution = policy.get().start();
        }
        long wait = execution.nextBackOff();
        return wait == BackOffExecution.STOP ? Optional.empty() : Optional.of(Duration.ofMillis(wait));
    }
}
