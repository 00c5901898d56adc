package dev.calsync.googleemulator.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calsync.googleemulator.calendar.domain.EventTime;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Comparator;

/**
 * One occurrence as a person sees it: an event, or one instance of a series, in the calendar's zone.
 * Text fields are raw (the page escapes them).
 *
 * @param allDay        all-day: {@code startDate} to {@code endDate} (exclusive) count; timed: {@code start} to {@code end}
 * @param inSeries      an instance of a recurring series
 * @param movedFrom     for an instance moved off its slot, the slot it had (as the series put it); else null
 */
record ShownEvent(String summary, String location, boolean allDay, LocalDate startDate, LocalDate endDate,
                  ZonedDateTime start, ZonedDateTime end, boolean inSeries, EventTime movedFrom) {

    /** All-day ones first, then timed ones by start; longer ones first, then by title, as a tie-break people can follow. */
    static final Comparator<ShownEvent> BY_DAY_ORDER = Comparator.comparing((ShownEvent event) -> !event.allDay())
            .thenComparing(event -> event.allDay() ? event.startDate().atStartOfDay(ZoneOffset.UTC).toInstant()
                    : event.start().toInstant())
            .thenComparing(Comparator.comparing((ShownEvent event) -> event.allDay() ? event.endDate().atStartOfDay(ZoneOffset.UTC).toInstant()
                    : event.end().toInstant()).reversed())
            .thenComparing(ShownEvent::summary);

    /** Google's own label for an event without a title. */
    static final String NO_TITLE = "(No title)";

    /** From an item of events.list with {@code singleEvents=true}. */
    static ShownEvent of(ObjectNode resource, ZoneId zone) {
        EventTime start = EventTime.parse(resource.get("start"), "start");
        EventTime end = EventTime.parse(resource.get("end"), "end");
        String summary = text(resource, "summary");
        JsonNode original = resource.get("originalStartTime");
        EventTime movedFrom = null;
        if (original != null) {
            EventTime originalStart = EventTime.parse(original, "originalStartTime");
            if (!originalStart.instant(zone).equals(start.instant(zone))) {
                movedFrom = originalStart;
            }
        }
        boolean inSeries = resource.hasNonNull("recurringEventId");
        String title = summary == null || summary.isBlank() ? NO_TITLE : summary;
        if (start.allDay()) {
            return new ShownEvent(title, text(resource, "location"), true, start.date(), end.date(), null, null,
                    inSeries, movedFrom);
        }
        return new ShownEvent(title, text(resource, "location"), false, null, null,
                start.dateTime().atZoneSameInstant(zone), end.dateTime().atZoneSameInstant(zone), inSeries, movedFrom);
    }

    /** Whether the person sees it on {@code day}: every day an all-day event covers, every day a timed one touches. */
    boolean on(LocalDate day) {
        if (allDay) {
            return !day.isBefore(startDate) && (day.isBefore(endDate) || day.equals(startDate));
        }
        ZonedDateTime dayStart = day.atStartOfDay(start.getZone());
        ZonedDateTime dayEnd = day.plusDays(1).atStartOfDay(start.getZone());
        boolean startsThatDay = start.toLocalDate().equals(day);
        return startsThatDay || (start.isBefore(dayEnd) && end.isAfter(dayStart));
    }

    private static String text(ObjectNode resource, String field) {
        JsonNode value = resource.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
