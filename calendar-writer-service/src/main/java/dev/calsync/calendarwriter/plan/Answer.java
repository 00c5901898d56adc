package dev.calsync.calendarwriter.plan;

import com.google.api.services.calendar.model.Event;

/**
 * Google's answer to a step, as far as the plan cares. Transient errors (rate limits, 5xx, I/O) never arrive
 * here: the Google adapter retries them, and what still fails is retried later as a whole.
 *
 * @param reason Google's error reason ({@code notFound}, {@code invalid}), or null
 * @param event the body of an {@code events.get}, else null
 */
public record Answer(Kind kind, int status, String reason, Event event) {

    public enum Kind {
        OK,
        /** 409: the id is taken (an earlier insert of ours, or a deleted event still holding it). */
        CONFLICT,
        /** 404. */
        NOT_FOUND,
        /** 410: deleted for good. */
        GONE,
        /** 403 that is no rate limit: the id or calendar is not ours to write. */
        FORBIDDEN,
        /** 400: Google rejects the content. */
        INVALID,
        /** Anything else Google answered: nothing the plan knows how to recover from. */
        OTHER,
        /** {@link Step.RecreateCalendarIfGone}: the calendar was gone and was created again. */
        CALENDAR_RECREATED,
        /** {@link Step.RecreateCalendarIfGone}: the calendar is there, the error was about something else. */
        CALENDAR_PRESENT
    }

    public static final Answer OK = new Answer(Kind.OK, 200, null, null);

    public static Answer of(Kind kind) {
        return new Answer(kind, 0, null, null);
    }

    public static Answer read(Event event) {
        return new Answer(Kind.OK, 200, null, event);
    }
}
