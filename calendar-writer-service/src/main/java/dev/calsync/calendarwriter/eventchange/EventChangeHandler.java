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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
    private final GoogleCalendarClient google;
    private final WriteRuns runs;
    private final Parking parking;
    private final MeterRegistry meters;

    public EventChangeHandler(ChangeExecutor executor, GoogleCalendarClient google, WriteRuns runs, Parking parking,
                              MeterRegistry meters) {
        this.executor = executor;
        this.google = google;
        this.runs = runs;
        this.parking = parking;
        this.meters = meters;
    }

    /** What became of one change written together with others. */
    sealed interface Attempt {
        /** Written, skipped, parked or reported: finished. */
        record Done() implements Attempt {
        }

        /** Failed as {@link #handle} would have thrown: retried or dead-lettered by {@link FailurePolicy}. */
        record Failed(RuntimeException failure) implements Attempt {
        }

        /** Not tried: Google's quota had no room for its call in the batch; it comes again in its turn. */
        record NotRun() implements Attempt {
        }
    }

    /** One write of a change, from wherever its run stands. */
    @FunctionalInterface
    private interface Write {
        ChangeExecutor.Written run() throws IOException;
    }

    public void handle(EventChanged change) {
        settle(change, () -> executor.write(change));
    }

    /**
     * Writes several changes of one subscriber and grant, of distinct events, together: each one's first Google call
     * goes into one batch request, and each is then taken to its end on its own (a part that failed is handled, and
     * retried, as that change's failure alone). A change whose first step is its feed's calendar (creating it,
     * checking it, removing it) is written alone, first, and the rest wait for their turn: a calendar is created once.
     *
     * @param changes of one subscriber and grant, each of its own event (Google runs a batch's parts in any order)
     * @return what became of each, in order
     * @throws IOException   the batch got no answer: none of its changes is known to be written (each tries again)
     */
    List<Attempt> handleTogether(List<EventChanged> changes) throws IOException {
        List<ChangeExecutor.Run> runs = changes.stream().map(executor::start).toList();
        Attempt[] attempts = new Attempt[runs.size()];
        Arrays.fill(attempts, new Attempt.NotRun());
        List<Integer> batched = new ArrayList<>();
        List<GoogleCalendarClient.BatchCall<?>> calls = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            ChangeExecutor.Run run = runs.get(i);
            Optional<GoogleCalendarClient.BatchCall<?>> call = run.over() ? Optional.empty() : executor.batchCall(run);
            if (call.isPresent()) {
                batched.add(i);
                calls.add(call.get());
            } else if (!run.over()) {
                // a step of the feed's calendar: this change alone, before any other of the group
                if (i == 0) {
                    attempts[0] = attempt(run.change(), () -> executor.finish(run));
                    return List.of(attempts);
                }
                break;
            } else {
                attempts[i] = attempt(run.change(), () -> executor.finish(run));
            }
        }
        if (calls.isEmpty()) {
            return List.of(attempts);
        }
        EventChanged first = runs.get(batched.get(0)).change();
        List<GoogleCalendarClient.PartResult> parts = google.executeBatch(first.subscriberId(), first.grantId(), calls);
        for (int j = 0; j < parts.size(); j++) {
            ChangeExecutor.Run run = runs.get(batched.get(j));
            GoogleCalendarClient.PartResult part = parts.get(j);
            if (part instanceof GoogleCalendarClient.PartResult.Answered answered) {
                executor.answered(run, ChangeExecutor.answerTo(run, answered.body()));
                attempts[batched.get(j)] = attempt(run.change(), () -> executor.finish(run));
            } else if (part instanceof GoogleCalendarClient.PartResult.Failed failed) {
                attempts[batched.get(j)] = attempt(run.change(), () -> {
                    if (failed.error().getStatusCode() != 401) {
                        executor.answered(run, ChangeExecutor.answerTo(failed.error()));
                    }
                    // a 401: the token expired; the change goes on alone, whose call refreshes it once
                    return executor.finish(run);
                });
            }
        }
        return List.of(attempts);
    }

    private Attempt attempt(EventChanged change, Write write) {
        try {
            settle(change, write);
            return new Attempt.Done();
        } catch (RuntimeException failure) {
            return new Attempt.Failed(failure);
        }
    }

    private void settle(EventChanged change, Write write) {
        ChangeExecutor.Written written;
        try {
            written = write.run();
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
