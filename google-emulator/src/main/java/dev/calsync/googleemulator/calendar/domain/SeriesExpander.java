package dev.calsync.googleemulator.calendar.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A series as its instances (Calendar API reference: Events: instances; GOOGLE.md §5): occurrences
 * expanded in the series' time zone, each replaced by its override (a stored event with the
 * instance's id) where one exists. A cancelled override is a deleted occurrence.
 */
@Component
public class SeriesExpander {

    /** An instance as listed, with the span it occupies after any override moved it. */
    public record Occurrence(ObjectNode resource, Instant start, Instant end, boolean cancelled) {
    }

    private final CalendarStore store;

    public SeriesExpander(CalendarStore store) {
        this.store = store;
    }

    /**
     * Instances overlapping [{@code from}, {@code to}) — an instance overlaps when it starts before
     * {@code to} and ends after {@code from}, as events.list's timeMin/timeMax filter — in start order.
     */
    public List<Occurrence> instances(CalendarEntry calendar, StoredEvent series, Instant from, Instant to,
                                      boolean includeCancelled) {
        ZoneId calendarZone = ZoneId.of(calendar.timeZone());
        EventTime start = series.start();
        EventTime end = series.end();
        Recurrence recurrence = Recurrence.parse(series.recurrence());
        Duration length = Duration.between(start.instant(calendarZone), end.instant(calendarZone));
        Instant expandFrom = from.minus(length);
        List<EventTime> originals = new ArrayList<>();
        if (start.allDay()) {
            LocalDate first = LocalDate.ofInstant(expandFrom, calendarZone).minusDays(1);
            LocalDate last = LocalDate.ofInstant(to, calendarZone);
            recurrence.allDayStarts(start.date(), first, last).forEach(day -> originals.add(EventTime.ofDate(day)));
        } else {
            ZonedDateTime seed = start.dateTime().atZoneSameInstant(start.zone());
            recurrence.timedStarts(seed, expandFrom, to)
                    .forEach(occurrence -> originals.add(EventTime.ofDateTime(occurrence.toOffsetDateTime(), start.timeZone())));
        }
        Set<String> seen = new HashSet<>();
        List<Occurrence> result = new ArrayList<>();
        for (EventTime original : originals) {
            String id = instanceId(series.id(), original);
            seen.add(id);
            ObjectNode resource = store.event(calendar.id(), id).map(StoredEvent::resource)
                    .orElseGet(() -> materialize(series, original, calendarZone));
            add(result, resource, calendarZone, from, to, includeCancelled);
        }
        // overrides moved into the window from an original slot outside it
        for (StoredEvent stored : store.events(calendar.id())) {
            if (series.id().equals(stored.recurringEventId()) && !seen.contains(stored.id())) {
                add(result, stored.resource(), calendarZone, from, to, includeCancelled);
            }
        }
        result.sort(Comparator.comparing(Occurrence::start));
        return result;
    }

    /** The generated instance the id names, if the series has such an occurrence (overrides are the caller's business). */
    public Optional<ObjectNode> generatedInstance(CalendarEntry calendar, StoredEvent series, InstanceId id) {
        if (!series.recurring() || series.recurringEventId() != null) {
            return Optional.empty();
        }
        ZoneId calendarZone = ZoneId.of(calendar.timeZone());
        EventTime start = series.start();
        Recurrence recurrence = Recurrence.parse(series.recurrence());
        if (id.allDay() && start.allDay()) {
            LocalDate day = (LocalDate) id.originalStart();
            return recurrence.allDayStarts(start.date(), day, day).contains(day)
                    ? Optional.of(materialize(series, EventTime.ofDate(day), calendarZone)) : Optional.empty();
        }
        if (!id.allDay() && !start.allDay()) {
            Instant at = (Instant) id.originalStart();
            ZonedDateTime seed = start.dateTime().atZoneSameInstant(start.zone());
            return recurrence.timedStarts(seed, at, at.plusSeconds(1)).stream()
                    .filter(occurrence -> occurrence.toInstant().equals(at)).findFirst()
                    .map(occurrence -> materialize(series,
                            EventTime.ofDateTime(occurrence.toOffsetDateTime(), start.timeZone()), calendarZone));
        }
        return Optional.empty();
    }

    /**
     * One occurrence as Google shows it: the series' fields without {@code recurrence}, its own id,
     * start and end shifted to the occurrence, {@code recurringEventId} and {@code originalStartTime}.
     * A cancelled series has only cancelled instances.
     */
    public ObjectNode materialize(StoredEvent series, EventTime originalStart, ZoneId calendarZone) {
        ObjectNode instance = series.resource();
        instance.remove("recurrence");
        EventTime seriesStart = series.start();
        EventTime seriesEnd = series.end();
        EventTime instanceEnd;
        if (seriesStart.allDay()) {
            Period days = Period.between(seriesStart.date(), seriesEnd.date());
            instanceEnd = EventTime.ofDate(originalStart.date().plus(days));
        } else {
            Duration length = Duration.between(seriesStart.dateTime(), seriesEnd.dateTime());
            Instant endInstant = originalStart.dateTime().toInstant().plus(length);
            ZoneId endZone = seriesEnd.timeZone() != null ? ZoneId.of(seriesEnd.timeZone()) : seriesEnd.dateTime().getOffset();
            instanceEnd = EventTime.ofDateTime(endInstant.atZone(endZone).toOffsetDateTime(), seriesEnd.timeZone());
        }
        instance.put("id", instanceId(series.id(), originalStart));
        instance.set("start", originalStart.toJson());
        instance.set("end", instanceEnd.toJson());
        instance.put("recurringEventId", series.id());
        instance.set("originalStartTime", originalStart.toJson());
        return EventResource.ordered(instance);
    }

    static String instanceId(String seriesId, EventTime originalStart) {
        return originalStart.allDay() ? InstanceId.of(seriesId, originalStart.date())
                : InstanceId.of(seriesId, originalStart.dateTime().toInstant());
    }

    private static void add(List<Occurrence> result, ObjectNode resource, ZoneId calendarZone, Instant from, Instant to,
                            boolean includeCancelled) {
        boolean cancelled = "cancelled".equals(resource.path("status").asText());
        if (cancelled && !includeCancelled) {
            return;
        }
        Instant start = EventTime.parse(resource.get("start"), "start").instant(calendarZone);
        Instant end = EventTime.parse(resource.get("end"), "end").instant(calendarZone);
        if (start.isBefore(to) && end.isAfter(from)) {
            result.add(new Occurrence(resource, start, end, cancelled));
        }
    }
}
