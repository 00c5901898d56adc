package dev.calsync.calendarwriter.eventchange;

import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.calendarwriter.google.GrantNotKnownYetException;
import dev.calsync.calendarwriter.google.InvalidEventException;
import dev.calsync.calendarwriter.write.SeriesNotWrittenException;
import dev.calsync.contracts.MalformedMessageException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What a change's failure means: tried again after a while, or sent to the dead-letter topic.
 * <ul>
 *   <li>a transient failure (Google's or the writer's own database's): tried again after {@code redelivery-initial-backoff},
 *       doubling up to {@code redelivery-max-backoff}, without end (nothing transient is ever dead-lettered);</li>
 *   <li>Google's circuit open (Google failing for everyone): tried again once it may let calls through;</li>
 *   <li>an override before its series: {@code series-wait-attempts} attempts, then dead-lettered;</li>
 *   <li>a subscriber token-service does not know yet (its first grant on the way): {@value #GRANT_WAIT_RETRIES}
 *       more attempts over 15 s, then dead-lettered;</li>
 *   <li>anything else (unreadable, rejected by Google): dead-lettered at once.</li>
 * </ul>
 * Only the subscriber's lane waits; other subscribers' changes go on.
 */
final class FailurePolicy {

    /** Further attempts of a change whose subscriber token-service does not know yet. */
    static final int GRANT_WAIT_RETRIES = 4;

    private FailurePolicy() {
    }

    /** The back-off of a failure's kind; a {@link FixedBackOff} of no attempts sends it to the dead-letter topic. */
    static BackOff backOffFor(Throwable cause, WriterProperties properties) {
        if (cause instanceof CallNotPermittedException) {
            return new FixedBackOff(properties.circuitOpenDuration().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS);
        }
        if (cause instanceof TransientWriteException || isDatabaseOutage(cause)) {
            ExponentialBackOff backOff = new ExponentialBackOff(properties.redeliveryInitialBackoff().toMillis(), 2.0);
            backOff.setMaxInterval(properties.redeliveryMaxBackoff().toMillis());
            return backOff;
        }
        if (cause instanceof GrantNotKnownYetException) {
            // the subscriber's first grant on its way to token-service (which consumes the same topic as feed-ingest,
            // usually within a second): 1 + 2 + 4 + 8 s, then the dead-letter topic
            ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(GRANT_WAIT_RETRIES);
            backOff.setInitialInterval(1_000);
            backOff.setMultiplier(2.0);
            return backOff;
        }
        if (cause instanceof SeriesNotWrittenException) {
            ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.seriesWaitAttempts() - 1);
            backOff.setInitialInterval(500);
            backOff.setMultiplier(2.0);
            return backOff;
        }
        return new FixedBackOff(0, 0);
    }

    /** A name per back-off: a failure of another kind starts its own back-off afresh. */
    static String kind(Throwable cause) {
        if (isDatabaseOutage(cause)) {
            return TransientWriteException.class.getSimpleName();
        }
        return cause.getClass().getSimpleName();
    }

    /**
     * The writer's own database unreachable or failing for a passing reason (a restart, a failover, the pool
     * exhausted): retried like Google's outages, never dead-lettered — the change itself is fine.
     */
    static boolean isDatabaseOutage(Throwable cause) {
        for (Throwable error = cause; error != null; error = error.getCause()) {
            if (error instanceof DataAccessResourceFailureException || error instanceof TransientDataAccessException
                    || error instanceof RecoverableDataAccessException || error instanceof SQLTransientException
                    || error instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    /** The transient failure inside a {@link TransientWriteException}, for the circuit's own back-off. */
    static Throwable cause(Throwable failure) {
        if (failure instanceof TransientWriteException && failure.getCause() instanceof CallNotPermittedException open) {
            return open;
        }
        return failure;
    }

    /** What the person reads on the feed's status: no URL, no token. */
    static String reason(Throwable cause) {
        if (cause instanceof InvalidEventException invalid) {
            return invalid.getMessage();
        }
        if (cause instanceof SeriesNotWrittenException) {
            return "an exception to a recurring event arrived without its series";
        }
        if (cause instanceof GrantNotKnownYetException) {
            return "token-service never learned of the Google connection this change was made for";
        }
        if (cause instanceof MalformedMessageException) {
            return "the change could not be read";
        }
        return "the change could not be written (" + cause.getClass().getSimpleName() + ")";
    }

    static String reasonTag(Throwable cause) {
        if (cause instanceof InvalidEventException) {
            return "invalid_event";
        }
        if (cause instanceof SeriesNotWrittenException) {
            return "series_missing";
        }
        if (cause instanceof GrantNotKnownYetException) {
            return "grant_unknown";
        }
        return cause instanceof MalformedMessageException ? "malformed" : "other";
    }
}
