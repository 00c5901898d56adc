package dev.calsync.calendarwriter.eventchange;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import dev.calsync.calendarwriter.google.GoogleCalendarClient;
import dev.calsync.calendarwriter.google.GrantRevokedException;
import dev.calsync.calendarwriter.park.Parking;
import dev.calsync.calendarwriter.status.WriteRuns;
import dev.calsync.calendarwriter.write.ChangeExecutor;
import dev.calsync.contracts.event.EventChanged;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;

/**
 * Writes one {@link EventChanged} into the feed's Google calendar ({@link ChangeExecutor}) and counts it in
 * its run's status ({@link WriteRuns}); parks the subscriber when Google answers with its usage limit
 * ({@link Parking}). Safe to replay: the plan skips what was written. What it throws is a failure
 * {@link EventChangeWork} retries or dead-letters ({@link FailurePolicy}).
 */
@Component
public class EventChangeHandler {

    public static final String OUTCOME_METRIC = "calsync.writer.changes";

    private final ChangeExecutor executor;
    private final WriteRuns runs;
    private final Parking parking;
    private final MeterRegistry meters;

    public EventChangeHandler(ChangeExecutor executor, WriteRuns runs, Parking parking, MeterRegistry meters) {
        this.executor = executor;
        this.runs = runs;
        this.parking = parking;
        this.meters = meters;
    }

    public void handle(EventChanged change) {
        ChangeExecutor.Written written;
        try {
            written = executor.write(change);
        } catch (GrantRevokedException revoked) {
            meters.counter(OUTCOME_METRIC, "outcome", "grant_revoked").increment();
            runs.failed(change, "Google Calendar access was revoked: reconnect needed");
            return;
        } catch (IOException | RuntimeException e) {
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            if (GoogleCalendarClient.isQuotaExceeded(cause)) {
                meters.counter(OUTCOME_METRIC, "outcome", "parked").increment();
                parking.park(change);
                return;
            }
            if (GoogleCalendarClient.isTransient(cause)) {
                meters.counter(OUTCOME_METRIC, "outcome", "transient_retry").increment();
                runs.retrying(change, waitReason(cause));
                throw new TransientWriteException("a change could not be written for now", cause);
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        runs.written(change, written);
        meters.counter(OUTCOME_METRIC, "outcome", written.result().name().toLowerCase()).increment();
    }

    /** What the person reads while a change waits for a transient failure to pass. */
    static String waitReason(Throwable cause) {
        if (cause instanceof CallNotPermittedException) {
            return "Google is failing for everyone at the moment; the change is retried when it answers again";
        }
        if (cause instanceof GoogleJsonResponseException google && (google.getStatusCode() == 429 || google.getStatusCode() == 403)) {
            return "Google asked calsync to slow down; the change is retried shortly";
        }
        return "Google did not answer in time; the change is retried";
    }
}
