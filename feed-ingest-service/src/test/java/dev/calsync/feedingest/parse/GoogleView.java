package dev.calsync.feedingest.parse;

import dev.calsync.contracts.event.EventStatus;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import dev.calsync.googleemulator.calendar.domain.Recurrence;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The occurrences a calendar shows once a feed's events are in Google: every series expanded as the
 * emulator (Google's stand-in) expands it, an instance with an override replaced by the override, and
 * cancelled ones (a cancelled event or override) not shown. One line per occurrence:
 * {@code <start> | <summary>}, the start a date for all-day ones and a UTC instant otherwise — the
 * format of the corpus' {@code .expected} files.
 */
final class GoogleView {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    private GoogleView() {
    }

    /** Occurrences starting in [{@code from}, {@code to}); an all-day one by its date at UTC midnight. */
    static List<String> occurrences(List<ParsedEvent> events, Instant from, Instant to) {
        Map<String, Set<Instant>> overridden = new HashMap<>();
        Set<String> seriesUids = new HashSet<>();
        for (ParsedEvent event : events) {
            if (event.recurrenceId() == null) {
                seriesUids.add(event.uid());
            } else {
                overridden.computeIfAbsent(event.uid(), uid -> new HashSet<>()).add(instant(event.recurrenceId()));
            }
        }
        List<String> shown = new ArrayList<>();
        for (ParsedEvent parsed : events) {
            NormalizedEvent event = parsed.event();
            if (event.status() == EventStatus.CANCELLED) {
                continue;
            }
            String summary = event.summary() == null ? "" : event.summary().replace("\r", "").replace("\n", "\\n");
            if (event.recurrence().isEmpty() || parsed.recurrenceId() != null) {
                addIfInWindow(shown, event.start(), summary, from, to);
                continue;
            }
            Set<Instant> replaced = overridden.getOrDefault(parsed.uid(), Set.of());
            Recurrence recurrence = Recurrence.parse(event.recurrence());
            if (event.start() instanceof EventTime.AllDay day) {
                LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
                LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
                for (LocalDate date : recurrence.allDayStarts(day.date(), first, last)) {
                    if (!replaced.contains(instant(new EventTime.AllDay(date)))) {
                        addIfInWindow(shown, new EventTime.AllDay(date), summary, from, to);
                    }
                }
            } else {
                ZonedDateTime seed = zoned(event.start());
                for (ZonedDateTime start : recurrence.timedStarts(seed, from, to)) {
                    if (!replaced.contains(start.toInstant())) {
                        addIfInWindow(shown, new EventTime.UtcDateTime(start.toInstant()), summary, from, to);
                    }
                }
            }
        }
        shown.sort(null);
        return shown;
    }

    private static void addIfInWindow(List<String> shown, EventTime start, String summary, Instant from, Instant to) {
        Instant at = instant(start);
        if (!at.isBefore(from) && at.isBefore(to)) {
            String text = start instanceof EventTime.AllDay day ? day.date().toString() : UTC.format(at.atOffset(ZoneOffset.UTC));
            shown.add(text + " | " + summary);
        }
    }

    private static ZonedDateTime zoned(EventTime time) {
        if (time instanceof EventTime.Zoned zoned) {
            return zoned.localDateTime().atZone(zoned.zoneId());
        }
        return instant(time).atZone(ZoneOffset.UTC);
    }

    private static Instant instant(EventTime time) {
        if (time instanceof EventTime.UtcDateTime utc) {
            return utc.instant();
        }
        if (time instanceof EventTime.Zoned zoned) {
            return zoned.localDateTime().atZone(zoned.zoneId()).toInstant();
        }
        if (time instanceof EventTime.Floating floating) {
            return floating.localDateTime().toInstant(ZoneOffset.UTC);
        }
        return ((EventTime.AllDay) time).date().atStartOfDay().toInstant(ZoneOffset.UTC);
    }

}
