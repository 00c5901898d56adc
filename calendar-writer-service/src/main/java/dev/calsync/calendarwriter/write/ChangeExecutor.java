package dev.calsync.calendarwriter.write;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.model.Event;
import dev.calsync.calendarwriter.calendar.FeedCalendars;
import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.calendarwriter.google.EventIds;
import dev.calsync.calendarwriter.google.EventMapping;
import dev.calsync.calendarwriter.google.GoogleCalendarClient;
import dev.calsync.calendarwriter.google.InvalidEventException;
import dev.calsync.calendarwriter.map.CalendarMap;
import dev.calsync.calendarwriter.map.EventMap;
import dev.calsync.calendarwriter.plan.Answer;
import dev.calsync.calendarwriter.plan.ChangePlan;
import dev.calsync.calendarwriter.plan.Result;
import dev.calsync.calendarwriter.plan.Step;
import dev.calsync.contracts.event.EventChanged;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Runs a {@link ChangePlan}: reads what the maps know, executes each step through the one Google adapter
 * ({@link GoogleCalendarClient}) or {@link FeedCalendars}, hands the answer back to the plan, and returns the
 * map entry the plan ends with. Transient failures the adapter could not overcome are thrown as they are;
 * the change is then retried later as a whole, which is safe because every step is idempotent.
 */
@Component
public class ChangeExecutor {

    /** More steps than any plan takes (5 generations, one calendar recreation): a guard against a loop. */
    private static final int MAX_STEPS = 16;

    private final FeedCalendars calendars;
    private final CalendarMap calendarMap;
    private final EventMap map;
    private final GoogleCalendarClient google;
    private final ZoneId floatingZone;

    public ChangeExecutor(FeedCalendars calendars, CalendarMap calendarMap, EventMap map, GoogleCalendarClient google,
                          WriterProperties properties) {
        this.calendars = calendars;
        this.calendarMap = calendarMap;
        this.map = map;
        this.google = google;
        this.floatingZone = ZoneId.of(properties.floatingTimeZone());
    }

    /**
     * What a change did in Google, and the map entry that says so: saved by the caller in the same transaction
     * as the change's count in its run (one commit per change, and no count without its entry).
     */
    public record Written(Result result, Optional<EventMap.Entry> entry) {
    }

    /**
     * Writes one change.
     *
     * @throws SeriesNotWrittenException an override came before its series
     * @throws InvalidEventException the plan refused the change: it can never be written as it is
     */
    public Written write(EventChanged change) throws IOException {
        return finish(start(change));
    }

    /**
     * A change being written: its plan and the step it is at. Started by {@link #start}, it can have its first
     * Google call made in a batch with other changes' ({@link #batchCall}, {@link #answered}) before
     * {@link #finish} takes it to its end one call at a time.
     */
    public final class Run {
        private final EventChanged change;
        private final ChangePlan.Known known;
        private final ChangePlan plan;
        private String calendarId;
        private Step step;
        private int taken;

        private Run(EventChanged change) {
            this.change = change;
            this.known = known(change);
            this.plan = new ChangePlan(change, known, floatingZone);
            this.calendarId = known.calendar().filter(row -> row.state() == CalendarMap.State.ACTIVE)
                    .map(CalendarMap.Entry::calendarId).orElse(null);
            this.step = plan.first();
        }

        public EventChanged change() {
            return change;
        }

        /** Whether the plan is over without a call (or has decided to wait or refuse). */
        public boolean over() {
            return step instanceof Step.Final;
        }
    }

    /** Reads what the maps know of the change and decides its first step; no Google call. */
    public Run start(EventChanged change) {
        return new Run(change);
    }

    /**
     * The run's next step as a Google call that may go into a batch with other changes' calls, if it is one: an
     * event's insert, patch, delete or read in a calendar that exists. Steps of the calendar itself (creating,
     * recreating or removing it) are never batched.
     */
    public Optional<GoogleCalendarClient.BatchCall<?>> batchCall(Run run) {
        return run.calendarId == null ? Optional.empty() : request(run.change, run.calendarId, run.step);
    }

    /** Google's answer to the run's batched call: the plan takes its next step. */
    public void answered(Run run, Answer answer) {
        run.step = run.plan.next(run.step, answer);
        run.taken++;
    }

    /** Google's error answer to a batched call, as the plan reads it; transient ones and the usage limit are thrown. */
    public static Answer answerTo(GoogleJsonResponseException error) throws GoogleJsonResponseException {
        if (GoogleCalendarClient.isTransient(error) || GoogleCalendarClient.isQuotaExceeded(error)) {
            throw error;
        }
        return answer(error);
    }

    /**
     * Takes the run to its end, one call at a time.
     *
     * @throws SeriesNotWrittenException an override came before its series
     * @throws InvalidEventException the plan refused the change: it can never be written as it is
     */
    public Written finish(Run run) throws IOException {
        EventChanged change = run.change;
        for (; run.taken < MAX_STEPS; run.taken++) {
            Step step = run.step;
            Answer answer;
            if (step instanceof Step.Finish finish) {
                if (finish.rewriteOverrides()) {
                    rewriteOverrides(change, run.calendarId, finish.entry().orElseThrow().googleId());
                }
                return new Written(finish.result(), finish.entry());
            } else if (step instanceof Step.WaitForSeries) {
                throw new SeriesNotWrittenException("an exception to a recurring event arrived before its series was written");
            } else if (step instanceof Step.Refuse refuse) {
                throw new InvalidEventException(refuse.reason(), null);
            } else if (step instanceof Step.RemoveFeed) {
                calendars.remove(change, run.known.calendar());
                answer = Answer.OK;
            } else if (step instanceof Step.EnsureCalendar) {
                run.calendarId = calendars.calendarFor(change, run.known.calendar());
                answer = Answer.OK;
            } else if (step instanceof Step.RecreateCalendarIfGone) {
                String current = calendars.recreateIfGone(change, run.calendarId);
                answer = Answer.of(current.equals(run.calendarId) ? Answer.Kind.CALENDAR_PRESENT : Answer.Kind.CALENDAR_RECREATED);
                run.calendarId = current;
            } else {
                answer = call(change, run.calendarId, step);
            }
            run.step = run.plan.next(step, answer);
        }
        throw new IllegalStateException("the plan of a change took more than " + MAX_STEPS + " steps");
    }

    private ChangePlan.Known known(EventChanged change) {
        Optional<CalendarMap.Entry> calendar = calendarMap.find(change.subscriberId(), change.feedId());
        if (change.uid() == null) {
            return new ChangePlan.Known(calendar, Optional.empty(), Optional.empty());
        }
        String recurrenceKey = change.recurrenceId() == null ? "" : change.recurrenceId().canonical();
        Optional<EventMap.Entry> entry = map.find(change.subscriberId(), change.feedId(), change.uid(), recurrenceKey);
        if (recurrenceKey.isEmpty()) {
            return new ChangePlan.Known(calendar, entry.or(() -> repairedTombstone(change)), Optional.empty());
        }
        Optional<EventMap.Entry> series = map.find(change.subscriberId(), change.feedId(), change.uid(), "")
                .or(() -> repairedTombstone(change));
        return new ChangePlan.Known(calendar, entry.or(() -> series.flatMap(row -> repairedTombstone(change, row))), series);
    }

    /**
     * A single event or series with no map row whose derived id (of any generation) a map repair found cancelled
     * in Google: it was deleted, at a version no later than the feed's settled version at the repair. Google keeps
     * no tags on a cancelled event, so this is all a rebuilt map can know of it; it is enough for a replay to skip
     * what Google already holds, and for a later change to take the next generation's id at once.
     */
    private Optional<EventMap.Entry> repairedTombstone(EventChanged change) {
        String firstId = EventIds.eventId(change.subscriberId(), change.feedId(), change.uid(), 0);
        return map.tombstone(change.subscriberId(), change.feedId(), change.uid(), "", firstId, true)
                .map(latest -> new EventMap.Entry(change.subscriberId(), change.feedId(), change.uid(), "", latest.googleId(),
                        EventIds.generationOf(latest.googleId()), latest.settledVersion(), null, null, true, null));
    }

    /**
     * An override with no map row: under a deleted series, one no newer than the deletion went with it; under a
     * live series, an instance a repair found cancelled was cancelled by a change no later than its settled
     * version. Either way the row names the instance's id.
     */
    private Optional<EventMap.Entry> repairedTombstone(EventChanged change, EventMap.Entry series) {
        String recurrenceKey = change.recurrenceId().canonical();
        String instanceId = EventIds.instanceId(series.googleId(), change.recurrenceId(), floatingZone);
        if (series.deleted()) {
            return Optional.of(new EventMap.Entry(change.subscriberId(), change.feedId(), change.uid(), recurrenceKey,
                    instanceId, 0, series.version(), null, null, true, null));
        }
        return map.tombstone(change.subscriberId(), change.feedId(), change.uid(), recurrenceKey, instanceId, false)
                .map(cancelled -> new EventMap.Entry(change.subscriberId(), change.feedId(), change.uid(), recurrenceKey,
                        instanceId, 0, cancelled.settledVersion(), null, null, false, null));
    }

    /** One Google call of a step; Google's error answers become the plan's {@link Answer}. */
    private Answer call(EventChanged change, String calendarId, Step step) throws IOException {
        GoogleCalendarClient.BatchCall<?> call = request(change, calendarId, step)
                .orElseThrow(() -> new IllegalStateException("not a Google call: " + step));
        try {
            Object result = google.execute(change.subscriberId(), change.grantId(), call.method(), call.factory());
            return step instanceof Step.ReadSeries ? Answer.read((Event) result) : Answer.OK;
        } catch (GoogleJsonResponseException e) {
            // still failing after the adapter's retries, or Google's usage limit: the whole change is tried again
            // later, never decided on (a 403 of the limit must not burn an id or recreate the calendar)
            return answerTo(e);
        }
    }

    /** A batched call's successful answer, as the plan reads it. */
    public static Answer answerTo(Run run, Object result) {
        return run.step instanceof Step.ReadSeries ? Answer.read((Event) result) : Answer.OK;
    }

    /** The Google request a step makes, if it is a call of an event in the feed's calendar. */
    private Optional<GoogleCalendarClient.BatchCall<?>> request(EventChanged change, String calendarId, Step step) {
        if (step instanceof Step.Insert insert) {
            Event event = EventMapping.toGoogle(change, false, false, floatingZone).setId(insert.eventId());
            return Optional.of(new GoogleCalendarClient.BatchCall<>("events.insert",
                    c -> c.events().insert(calendarId, event).setSendUpdates("none")));
        } else if (step instanceof Step.Update update) {
            Event patch = EventMapping.toGoogle(change, true, false, floatingZone);
            return Optional.of(new GoogleCalendarClient.BatchCall<>("events.patch",
                    c -> c.events().patch(calendarId, update.eventId(), patch).setSendUpdates("none")));
        } else if (step instanceof Step.Delete delete) {
            return Optional.of(new GoogleCalendarClient.BatchCall<>("events.delete",
                    c -> c.events().delete(calendarId, delete.eventId()).setSendUpdates("none")));
        } else if (step instanceof Step.WriteInstance write) {
            Event patch = EventMapping.toGoogle(change, true, true, floatingZone);
            return Optional.of(new GoogleCalendarClient.BatchCall<>("events.patch",
                    c -> c.events().patch(calendarId, write.instanceId(), patch).setSendUpdates("none")));
        } else if (step instanceof Step.CancelInstance cancel) {
            return Optional.of(new GoogleCalendarClient.BatchCall<>("events.delete",
                    c -> c.events().delete(calendarId, cancel.instanceId()).setSendUpdates("none")));
        } else if (step instanceof Step.ReadSeries read) {
            return Optional.of(new GoogleCalendarClient.BatchCall<>("events.get", c -> c.events().get(calendarId, read.seriesId())));
        } else if (step instanceof Step.RestoreInstance restore) {
            return Optional.of(new GoogleCalendarClient.BatchCall<>("events.patch",
                    c -> c.events().patch(calendarId, restore.instanceId(), restore.restored()).setSendUpdates("none")));
        }
        return Optional.empty();
    }

    static Answer answer(GoogleJsonResponseException e) {
        String reason = GoogleCalendarClient.reason(e);
        Answer.Kind kind = switch (e.getStatusCode()) {
            case 400 -> Answer.Kind.INVALID;
            case 403 -> Answer.Kind.FORBIDDEN;
            case 404 -> Answer.Kind.NOT_FOUND;
            case 409 -> Answer.Kind.CONFLICT;
            case 410 -> Answer.Kind.GONE;
            default -> Answer.Kind.OTHER;
        };
        return new Answer(kind, e.getStatusCode(), reason, null);
    }

    /** The series' timing changed: each override is written again at its instance, or cancelled if its slot is gone. */
    private void rewriteOverrides(EventChanged series, String calendarId, String seriesId) throws IOException {
        for (ChangePlan.OverrideRewrite rewrite : ChangePlan.rewriteOverrides(series, seriesId,
                map.overridesOf(series.subscriberId(), series.feedId(), series.uid()), floatingZone)) {
            try {
                if (rewrite.patch() != null) {
                    google.execute(series.subscriberId(), series.grantId(), "events.patch",
                            c -> c.events().patch(calendarId, rewrite.instanceId(), rewrite.patch()).setSendUpdates("none"));
                } else {
                    google.execute(series.subscriberId(), series.grantId(), "events.delete",
                            c -> c.events().delete(calendarId, rewrite.instanceId()).setSendUpdates("none"));
                    map.save(rewrite.cancelled());
                }
            } catch (GoogleJsonResponseException e) {
                if (rewrite.patch() != null || e.getStatusCode() != 404 && e.getStatusCode() != 410) {
                    throw new UncheckedIOException(e);
                }
                map.save(rewrite.cancelled());
            }
        }
    }
}
