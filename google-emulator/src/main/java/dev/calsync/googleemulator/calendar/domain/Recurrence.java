package dev.calsync.googleemulator.calendar.domain;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateListProperty;

/**
 * A series' {@code recurrence[]}: RFC 5545 RRULE, EXRULE, RDATE and EXDATE lines, never DTSTART (GOOGLE.md §5).
 * Expansion is ical4j's: {@link Recur} for the rules, ical4j's property parser for RDATE/EXDATE values
 * (their TZID resolved by ical4j, then compared as instants, since ical4j's own EXDATE matching
 * misses an EXDATE given in another zone or in UTC). The series' start is always the first
 * occurrence, as RFC 5545 says of DTSTART.
 */
public final class Recurrence {

    /** Protects the emulator from FREQ=SECONDLY over years: no window yields more occurrences. */
    static final int MAX_OCCURRENCES = 10_000;

    /** A COUNT rule is expanded from its start to count its dates; no real one spans longer. */
    private static final int COUNT_SPAN_YEARS = 200;

    private static final Set<String> LINE_NAMES = Set.of("RRULE", "EXRULE", "RDATE", "EXDATE");

    private final List<String> rules;
    private final List<String> exceptionRules;
    private final List<Temporal> extraDates;
    private final List<Temporal> excludedDates;

    private Recurrence(List<String> rules, List<String> exceptionRules, List<Temporal> extraDates, List<Temporal> excludedDates) {
        this.rules = rules;
        this.exceptionRules = exceptionRules;
        this.extraDates = extraDates;
        this.excludedDates = excludedDates;
    }

    /** Parses and validates; any line Google would not accept gives 400 "Invalid recurrence rule.". */
    public static Recurrence parse(List<String> lines) {
        List<String> rules = new ArrayList<>();
        List<String> exceptionRules = new ArrayList<>();
        List<String> dateLines = new ArrayList<>();
        for (String line : lines) {
            if (line == null || line.isBlank() || line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw CalendarErrors.invalidRecurrence();
            }
            int end = indexOfAny(line, ':', ';');
            if (end <= 0) {
                throw CalendarErrors.invalidRecurrence();
            }
            String name = line.substring(0, end).toUpperCase(Locale.ROOT);
            if (!LINE_NAMES.contains(name)) {
                throw CalendarErrors.invalidRecurrence();
            }
            switch (name) {
                case "RRULE", "EXRULE" -> {
                    int colon = line.indexOf(':');
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    validateRule(value);
                    (name.equals("RRULE") ? rules : exceptionRules).add(value);
                }
                default -> dateLines.add(line);
            }
        }
        List<Temporal> extra = new ArrayList<>();
        List<Temporal> excluded = new ArrayList<>();
        if (!dateLines.isEmpty()) {
            for (Property property : parseDateLines(dateLines)) {
                List<Temporal> target = property.getName().equalsIgnoreCase("RDATE") ? extra : excluded;
                try {
                    for (Object date : ((DateListProperty<?>) property).getDates()) {
                        target.add((Temporal) date);
                    }
                } catch (RuntimeException unsupported) {
                    // RDATE;VALUE=PERIOD and other forms Google does not accept either
                    throw CalendarErrors.invalidRecurrence();
                }
            }
        }
        return new Recurrence(List.copyOf(rules), List.copyOf(exceptionRules), List.copyOf(extra), List.copyOf(excluded));
    }

    private static void validateRule(String value) {
        try {
            new Recur<ZonedDateTime>(value);
        } catch (RuntimeException invalid) {
            throw CalendarErrors.invalidRecurrence();
        }
    }

    private static List<Property> parseDateLines(List<String> dateLines) {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calsync//google-emulator//EN\r\nBEGIN:VEVENT\r\nUID:x\r\n"
                + String.join("\r\n", dateLines) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        try {
            VEvent event = (VEvent) new CalendarBuilder().build(new StringReader(ics)).getComponent("VEVENT").orElseThrow();
            List<Property> properties = new ArrayList<>();
            for (Property property : event.getProperties()) {
                if (property instanceof DateListProperty<?> dates) {
                    dates.getDates(); // forces value parsing so that bad values fail here
                    properties.add(property);
                }
            }
            return properties;
        } catch (IOException | ParserException | RuntimeException invalid) {
            throw CalendarErrors.invalidRecurrence();
        }
    }

    /**
     * Expands the first year once, so that a rule ical4j parses but cannot expand from this start
     * (a value type clash, say) is a 400 at write time rather than a failure of every later listing.
     */
    public void checkExpandable(EventTime start) {
        try {
            if (start.allDay()) {
                allDayStarts(start.date(), start.date(), start.date().plusYears(1));
            } else {
                ZonedDateTime seed = start.dateTime().atZoneSameInstant(start.zone());
                timedStarts(seed, seed.toInstant(), seed.plusYears(1).toInstant());
            }
        } catch (RuntimeException unexpandable) {
            throw CalendarErrors.invalidRecurrence();
        }
    }

    /**
     * Occurrence starts of a timed series in [{@code from}, {@code to}), as zoned date-times in the
     * series' zone, so that 09:00 Europe/Berlin stays 09:00 local across a DST change.
     */
    public List<ZonedDateTime> timedStarts(ZonedDateTime seed, Instant from, Instant to) {
        ZoneId zone = seed.getZone();
        ZonedDateTime low = from.minusSeconds(1).atZone(zone);
        ZonedDateTime high = to.plusSeconds(1).atZone(zone);
        TreeSet<Instant> starts = new TreeSet<>();
        starts.add(seed.toInstant());
        for (String rule : rules) {
            timedRuleDates(new Recur<>(rule), seed, low, high).forEach(date -> starts.add(date.toInstant()));
        }
        extraDates.forEach(date -> starts.add(instantOf(date, seed)));
        for (String rule : exceptionRules) {
            new Recur<ZonedDateTime>(rule).getDates(seed, low, high, MAX_OCCURRENCES).forEach(date -> starts.remove(date.toInstant()));
        }
        Set<LocalDate> excludedDays = new HashSet<>();
        for (Temporal excluded : excludedDates) {
            if (excluded instanceof LocalDate day) {
                excludedDays.add(day);
            } else {
                starts.remove(instantOf(excluded, seed));
            }
        }
        List<ZonedDateTime> result = new ArrayList<>();
        for (Instant start : starts.subSet(from, true, to, false)) {
            ZonedDateTime local = start.atZone(zone);
            if (!excludedDays.contains(local.toLocalDate())) {
                result.add(local);
                if (result.size() >= MAX_OCCURRENCES) {
                    break;
                }
            }
        }
        return result;
    }

    /** Occurrence dates of an all-day series in [{@code from}, {@code to}] (inclusive dates). */
    public List<LocalDate> allDayStarts(LocalDate seed, LocalDate from, LocalDate to) {
        TreeSet<LocalDate> starts = new TreeSet<>();
        starts.add(seed);
        for (String rule : rules) {
            starts.addAll(allDayRuleDates(new Recur<>(rule), seed, from.minusDays(1), to.plusDays(1)));
        }
        extraDates.forEach(date -> starts.add(dateOf(date)));
        for (String rule : exceptionRules) {
            new Recur<LocalDate>(rule).getDates(seed, from.minusDays(1), to.plusDays(1), MAX_OCCURRENCES).forEach(starts::remove);
        }
        excludedDates.forEach(date -> starts.remove(dateOf(date)));
        return starts.subSet(from, true, to, true).stream().limit(MAX_OCCURRENCES).toList();
    }

    /**
     * "The DTSTART property value always counts as the first occurrence" (RFC 5545 3.3.10): when the
     * start does not match a COUNT rule (BYDAY=MO for a Thursday start), the rule adds COUNT-1 dates,
     * not COUNT as ical4j's Recur alone would.
     */
    private static List<ZonedDateTime> timedRuleDates(Recur<ZonedDateTime> recur, ZonedDateTime seed,
                                                      ZonedDateTime low, ZonedDateTime high) {
        if (recur.getCount() <= 0) {
            return recur.getDates(seed, low, high, MAX_OCCURRENCES);
        }
        List<ZonedDateTime> all = recur.getDates(seed, seed.minusSeconds(1), seed.plusYears(COUNT_SPAN_YEARS),
                Math.min(recur.getCount(), MAX_OCCURRENCES));
        boolean seedMatches = all.stream().anyMatch(date -> date.toInstant().equals(seed.toInstant()));
        List<ZonedDateTime> counted = seedMatches ? all : all.subList(0, Math.min(all.size(), recur.getCount() - 1));
        return counted.stream().filter(date -> !date.isBefore(low) && date.isBefore(high)).toList();
    }

    private static List<LocalDate> allDayRuleDates(Recur<LocalDate> recur, LocalDate seed, LocalDate low, LocalDate high) {
        if (recur.getCount() <= 0) {
            return recur.getDates(seed, low, high, MAX_OCCURRENCES);
        }
        List<LocalDate> all = recur.getDates(seed, seed.minusDays(1), seed.plusYears(COUNT_SPAN_YEARS),
                Math.min(recur.getCount(), MAX_OCCURRENCES));
        List<LocalDate> counted = all.contains(seed) ? all : all.subList(0, Math.min(all.size(), recur.getCount() - 1));
        return counted.stream().filter(date -> !date.isBefore(low) && date.isBefore(high)).toList();
    }

    private static Instant instantOf(Temporal date, ZonedDateTime seed) {
        if (date instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (date instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (date instanceof Instant instant) {
            return instant;
        }
        // floating values are local time of the series; a bare date means the seed's time of day
        if (date instanceof LocalDateTime floating) {
            return floating.atZone(seed.getZone()).toInstant();
        }
        if (date instanceof LocalDate day) {
            return day.atTime(seed.toLocalTime()).atZone(seed.getZone()).toInstant();
        }
        throw CalendarErrors.invalidRecurrence();
    }

    private static LocalDate dateOf(Temporal date) {
        if (date instanceof LocalDate day) {
            return day;
        }
        if (date instanceof LocalDateTime local) {
            return local.toLocalDate();
        }
        if (date instanceof ZonedDateTime zoned) {
            return zoned.toLocalDate();
        }
        if (date instanceof OffsetDateTime offset) {
            return offset.toLocalDate();
        }
        throw CalendarErrors.invalidRecurrence();
    }

    private static int indexOfAny(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}
