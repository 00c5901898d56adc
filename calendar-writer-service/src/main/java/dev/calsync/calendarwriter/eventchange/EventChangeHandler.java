package dev.calsync.calendarwriter.eventchange;

import dev.calsync.calendarwriter.google.GoogleCalendarClient;
import dev.calsync.calendarwriter.poll.PollBudget;
import dev.calsync.calendarwriter.google.GrantRevokedException;
import dev.calsync.calendarwriter.status.WriteRuns;
import dev.calsync.calendarwriter.write.ChangeExecutor;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.support.messaging.InboundHandler;
import dev.calsync.support.messaging.ReceivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one {@link EventChanged} into the feed's Google calendar ({@link ChangeExecutor}) and counts it in
 * its run's status ({@link WriteRuns}). Safe to replay: the plan skips what was written. What it throws is
 * handled by {@link EventChangeErrorHandling}: a transient failure is retried later, an override before its
 * series a few times, anything else goes to the dead-letter topic at once.
 */
public class EventChangeHandler implements InboundHandler<EventChanged> {

    public static final String OUTCOME_METRIC = "calsync.writer.changes";

    private final ChangeExecutor executor;
    private final WriteRuns runs;
    private final PollBudget pollBudget;
    private final MeterRegistry meters;

    public EventChangeHandler(ChangeExecutor executor, WriteRuns runs, PollBudget pollBudget, MeterRegistry meters) {
        this.executor = executor;
        this.runs = runs;
        this.pollBudget = pollBudget;
        this.meters = meters;
    }

    @Override
    public void handle(ReceivedEvent<EventChanged> received) {
        // a record that might not end before Kafka's max.poll.interval.ms is not started: it comes back with the next poll
        pollBudget.checkBeforeRecord();
        EventChanged change = received.payload();
        ChangeExecutor.Written written;
        try {
            written = executor.write(change);
        } catch (GrantRevokedException revoked) {
            meters.counter(OUTCOME_METRIC, "outcome", "grant_revoked").increment();
            runs.failed(change, "Google Calendar access was revoked: reconnect needed");
            return;
        } catch (IOException | RuntimeException e) {
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            boolean quota = GoogleCalendarClient.isQuotaExceeded(cause);
            if (quota || GoogleCalendarClient.isTransient(cause)) {
                meters.counter(OUTCOME_METRIC, "outcome", "transient_retry").increment();
                runs.retrying(change, quota ? "Google's usage limit for this account is reached; the change is retried later"
                        : "Google did not answer in time; the change is retried");
                throw new TransientWriteException("a change could not be written for now", cause);
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        runs.written(change, written);
        meters.counter(OUTCOME_METRIC, "outcome", written.result().name().toLowerCase()).increment();
    }
}
