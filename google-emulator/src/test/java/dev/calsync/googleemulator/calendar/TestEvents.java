package dev.calsync.googleemulator.calendar;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import java.time.LocalDate;
import java.util.List;

/** Object mother for events as calsync's writer would build them. */
public final class TestEvents {

    public static final String BERLIN = "Europe/Berlin";

    private TestEvents() {
    }

    /** A one-hour meeting; times are RFC 3339 with offset. */
    public static Event meeting(String summary, String start, String end) {
        return new Event().setSummary(summary)
                .setStart(new EventDateTime().setDateTime(new DateTime(start)))
                .setEnd(new EventDateTime().setDateTime(new DateTime(end)));
    }

    static Event meeting(String summary) {
        return meeting(summary, "2025-03-20T09:00:00+01:00", "2025-03-20T10:00:00+01:00");
    }

    /** An all-day event; {@code endExclusive} is the day after the last day, as Google wants it. */
    public static Event allDay(String summary, LocalDate start, LocalDate endExclusive) {
        return new Event().setSummary(summary)
                .setStart(new EventDateTime().setDate(new DateTime(start.toString())))
                .setEnd(new EventDateTime().setDate(new DateTime(endExclusive.toString())));
    }

    /** A series in {@code timeZone}: local {@code start}/{@code end} (no offset) plus recurrence lines. */
    public static Event series(String summary, String localStart, String localEnd, String timeZone, String... recurrence) {
        return new Event().setSummary(summary)
                .setStart(new EventDateTime().setDateTime(localDateTime(localStart, timeZone)).setTimeZone(timeZone))
                .setEnd(new EventDateTime().setDateTime(localDateTime(localEnd, timeZone)).setTimeZone(timeZone))
                .setRecurrence(List.of(recurrence));
    }

    static Event allDaySeries(String summary, LocalDate start, String... recurrence) {
        return allDay(summary, start, start.plusDays(1)).setRecurrence(List.of(recurrence));
    }

    private static DateTime localDateTime(String local, String timeZone) {
        java.time.ZonedDateTime zoned = java.time.LocalDateTime.parse(local).atZone(java.time.ZoneId.of(timeZone));
        return new DateTime(zoned.toInstant().toEpochMilli(), zoned.getOffset().getTotalSeconds() / 60);
    }
}
