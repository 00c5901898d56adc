package dev.calsync.calendarwriter.plan;

import com.google.api.services.calendar.model.Event;
import dev.calsync.calendarwriter.map.EventMap;
import java.util.Optional;

/**
 * One thing to do for a change, as {@link ChangePlan} decides it: a Google call, a step of the feed's
 * calendar, or the end of the plan. The executor runs a step and hands Google's {@link Answer} back.
 */
public sealed interface Step {

    /** Steps after which the plan is over. */
    sealed interface Final extends Step permits Finish, WaitForSeries, Refuse {
    }

    /** Done: save {@code entry} (if any), then rewrite the series' overrides when its timing changed. */
    record Finish(Result result, Optional<EventMap.Entry> entry, boolean rewriteOverrides) implements Final {
    }

    /** An override came before its series: retried later (its series is ahead of it on the partition or re-sent). */
    record WaitForSeries() implements Final {
    }

    /** Never writable as it is (Google rejects it, or no usable id is left): the change goes to the dead-letter topic. */
    record Refuse(String reason) implements Final {
    }

    /** The feed was removed: delete its calendar (unless configured to keep it), tombstone it, forget its events. */
    record RemoveFeed() implements Step {
    }

    /** Create (or adopt, after an unfinished create) the feed's calendar. */
    record EnsureCalendar() implements Step {
    }

    /** A write answered as if the calendar were gone: look, and if it is, create it again and forget the feed's events. */
    record RecreateCalendarIfGone() implements Step {
    }

    /** {@code events.insert} under the derived id of {@code generation}. */
    record Insert(String eventId, int generation) implements Step {
    }

    /** {@code events.patch} of a top-level event; {@code afterConflict}: the insert found the id taken. */
    record Update(String eventId, int generation, boolean afterConflict) implements Step {
    }

    /** {@code events.delete} of a top-level event (gone from the feed, or cancelled). */
    record Delete(String eventId, int generation) implements Step {
    }

    /** {@code events.patch} of one instance of a series with the override's content. */
    record WriteInstance(String instanceId, boolean existed) implements Step {
    }

    /**
     * {@code events.delete} of one instance: the override is cancelled, or ({@code leftFeed}) it left the feed
     * and its slot is no longer the series'.
     */
    record CancelInstance(String instanceId, boolean leftFeed) implements Step {
    }

    /** {@code events.get} of the series: an override left the feed, and its instance takes the series' content again. */
    record ReadSeries(String seriesId, String instanceId) implements Step {
    }

    /** {@code events.patch} of the instance back to the series' content and slot. */
    record RestoreInstance(String instanceId, Event restored) implements Step {
    }
}
