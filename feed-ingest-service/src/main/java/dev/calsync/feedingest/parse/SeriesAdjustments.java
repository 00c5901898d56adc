package dev.calsync.feedingest.parse;

import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.fortuna.ical4j.model.Recur;

/**
 * What needs the whole feed: the events of one UID read together. Runs after every VEVENT is read, in
 * feed order:
 * <ol>
 * <li>an override's RECURRENCE-ID takes its series' value type (a date for an all-day series, a time in
 * the series' zone otherwise), so the writer addresses the instance Google has;</li>
 * <li>several versions of one UID and RECURRENCE-ID (iTIP style): the highest SEQUENCE is kept, then the
 * last;</li>
 * <li>{@code RANGE=THISANDFUTURE} as Google models it: the series ends before the override and a new
 * series, under a UID derived from both, starts at it; later overrides move to the new series;</li>
 * <li>an override Google has no instance for — its series is not in the feed, or its RECURRENCE-ID is no
 * occurrence of the series — becomes an event of its own, under a UID derived from both: written as an
 * override, it would be refused (404) and lost.</li>
 * </ol>
 */
final class SeriesAdjustments {

    private static final DateTimeFormatter UTC_UNTIL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    /** The events to diff, what was left out, and the rules applied. */
    record Result(List<ParsedEvent> events, List<String> lost, List<String> lenient) {
    }

    private SeriesAdjustments() {
    }

    static Result apply(List<IcsFeedParser.Outcome> outcomes) {
        List<String> lost = new ArrayList<>();
        List<String> lenient = new ArrayList<>();
        Map<String, ParsedEvent> series = new HashMap<>();
        for (IcsFeedParser.Outcome outcome : outcomes) {
            lost.addAll(outcome.lost());
            lenient.addAll(outcome.lenient());
            if (outcome.event() != null && outcome.event().recurrenceId() == null) {
                series.put(outcome.event().uid(), outcome.event());
            }
        }
        Map<String, Kept> byKey = new LinkedHashMap<>();
        Map<String, Integer> derivedCopies = new HashMap<>();
        List<Kept> thisAndFuture = new ArrayList<>();
        for (IcsFeedParser.Outcome outcome : outcomes) {
            ParsedEvent event = outcome.event();
            if (event == null) {
                continue;
            }
            String label = IcsFeedParser.label(outcome.component());
            event = withSeriesValueType(event, series.get(event.uid()), label, lenient);
            String key = event.uid() + "\u0000" + event.recurrenceKey();
            if (event.uid().startsWith("calsync-derived-") && byKey.containsKey(key)) {
                // the same content twice without UID: two events for every other reader, so two here
                int copy = derivedCopies.merge(key, 1, Integer::sum) + 1;
                event = new ParsedEvent(event.uid() + "-" + copy, event.recurrenceId(), event.event());
                key = event.uid() + "\u0000" + event.recurrenceKey();
            }
            Kept earlier = byKey.get(key);
            Kept current = new Kept(event, label, outcome.thisAndFuture());
            if (earlier != null) {
                int earlierSequence = earlier.event.event().sequence();
                int sequence = event.event().sequence();
                if (earlierSequence > sequence) {
                    lenient.add(label + " repeats UID and RECURRENCE-ID of " + earlier.label + ": kept that one, its SEQUENCE "
                            + earlierSequence + " is higher than " + sequence);
                    continue;
                }
                lenient.add(label + " repeats UID and RECURRENCE-ID of " + earlier.label + ": kept this one (SEQUENCE "
                        + sequence + (sequence == earlierSequence ? ", the same, and later in the feed)" : ", higher)"));
                byKey.remove(key); // the later one takes the earlier one's place at the end
                thisAndFuture.remove(earlier);
            }
            byKey.put(key, current);
            if (current.thisAndFuture) {
                thisAndFuture.add(current);
            }
        }
        thisAndFuture.sort((a, b) -> instant(a.event.recurrenceId()).compareTo(instant(b.event.recurrenceId())));
        for (Kept override : thisAndFuture) {
            split(byKey, override, lenient);
        }
        standAloneWhereNoInstanceIs(byKey, lenient);
        List<ParsedEvent> events = new ArrayList<>(byKey.size());
        byKey.values().forEach(kept -> events.add(kept.event));
        return new Result(events, lost, lenient);
    }

    private static final class Kept {
        ParsedEvent event;
        final String label;
        final boolean thisAndFuture;

        Kept(ParsedEvent event, String label, boolean thisAndFuture) {
            this.event = event;
            this.label = label;
            this.thisAndFuture = thisAndFuture;
        }
    }

    /** An override's RECURRENCE-ID in its series' value type and zone; the same instant where both are times. */
    static ParsedEvent withSeriesValueType(ParsedEvent override, ParsedEvent seriesEvent, String label, List<String> lenient) {
        EventTime rid = override.recurrenceId();
        if (rid == null || seriesEvent == null) {
            return override;
        }
        EventTime start = seriesEvent.event().start();
        EventTime normalized = rid;
        if (start instanceof EventTime.AllDay) {
            if (!(rid instanceof EventTime.AllDay)) {
                normalized = new EventTime.AllDay(localDateTime(rid, ZoneOffset.UTC).toLocalDate());
                lenient.add(label + ": RECURRENCE-ID " + rid.canonical() + " of an all-day series read as the date " + normalized.canonical());
            }
        } else if (rid instanceof EventTime.AllDay day) {
            normalized = atTimeOf(start, day.date());
            lenient.add(label + ": RECURRENCE-ID " + rid.canonical() + " (a date) of a timed series read as " + normalized.canonical());
        } else if (start instanceof EventTime.Zoned zoned) {
            normalized = new EventTime.Zoned(LocalDateTime.ofInstant(instant(rid), zoned.zoneId()), zoned.timeZone());
        } else if (start instanceof EventTime.UtcDateTime) {
            normalized = new EventTime.UtcDateTime(instant(rid));
        }
        return normalized.equals(rid) ? override : new ParsedEvent(override.uid(), normalized, override.event());
    }

    private static EventTime atTimeOf(EventTime start, LocalDate date) {
        if (start instanceof EventTime.Zoned zoned) {
            return new EventTime.Zoned(date.atTime(zoned.localDateTime().toLocalTime()), zoned.timeZone());
        }
        if (start instanceof EventTime.UtcDateTime utc) {
            return new EventTime.UtcDateTime(date.atTime(LocalDateTime.ofInstant(utc.instant(), ZoneOffset.UTC).toLocalTime())
                    .toInstant(ZoneOffset.UTC));
        }
        return new EventTime.Floating(date.atTime(((EventTime.Floating) start).localDateTime().toLocalTime()));
    }

    /**
     * RANGE=THISANDFUTURE: the series (or the part an earlier split made of it) that holds the override's
     * occurrence ends before it; a new series with the override's content and the series' rule starts at it.
     */
    private static void split(Map<String, Kept> byKey, Kept override, List<String> lenient) {
        String originalUid = override.event.uid();
        EventTime rid = override.event.recurrenceId();
        Kept owner = null;
        for (Kept candidate : byKey.values()) {
            ParsedEvent event = candidate.event;
            boolean part = event.uid().equals(originalUid) || event.uid().startsWith(originalUid + "/RANGE=THISANDFUTURE/");
            if (part && event.recurrenceId() == null && !event.event().recurrence().isEmpty()
                    && !instant(event.event().start()).isAfter(instant(rid))
                    && (owner == null || instant(event.event().start()).isAfter(instant(owner.event.event().start())))) {
                owner = candidate;
            }
        }
        if (owner == null) {
            lenient.add(override.label + ": RANGE=THISANDFUTURE without its series in the feed: applied to its one occurrence");
            return;
        }
        NormalizedEvent seriesEvent = owner.event.event();
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        NormalizedEvent changed = override.event.event();
        Duration shift = Duration.between(instant(rid), instant(changed.start()));
        for (String line : seriesEvent.recurrence()) {
            if (!line.startsWith("RRULE:")) {
                splitDateList(line, rid, shift, before, after);
                continue;
            }
            String rule = line.substring("RRULE:".length());
            int remaining = remainingCount(rule, seriesEvent.start(), rid);
            if (remaining == 0) {
                lenient.add(override.label + ": RANGE=THISANDFUTURE after the series' last occurrence: applied to its one occurrence");
                return;
            }
            before.add("RRULE:" + withEnd(rule, "UNTIL=" + lastBefore(rid)));
            after.add("RRULE:" + (remaining > 0 ? withEnd(rule, "COUNT=" + remaining) : rule));
        }
        ParsedEvent ended = new ParsedEvent(owner.event.uid(), null, with(seriesEvent, seriesEvent.start(), seriesEvent.end(), before));
        String newUid = originalUid + "/RANGE=THISANDFUTURE/" + rid.canonical();
        ParsedEvent started = new ParsedEvent(newUid, null, with(changed, changed.start(), changed.end(), after));
        owner.event = ended;
        byKey.remove(override.event.uid() + "\u0000" + override.event.recurrenceKey());
        byKey.put(newUid + "\u0000", new Kept(started, override.label, false));
        // later overrides of the old series name occurrences the new one now holds, moved as the series was
        for (Kept later : new ArrayList<>(byKey.values())) {
            EventTime laterRid = later.event.recurrenceId();
            if (later.event.uid().equals(owner.event.uid()) && laterRid != null && instant(laterRid).isAfter(instant(rid))) {
                byKey.remove(later.event.uid() + "\u0000" + later.event.recurrenceKey());
                later.event = new ParsedEvent(newUid, shifted(laterRid, shift), later.event.event());
                byKey.put(newUid + "\u0000" + later.event.recurrenceKey(), later);
            }
        }
        lenient.add(override.label + ": RANGE=THISANDFUTURE: the series ends before " + rid.canonical()
                + ", a new series starts at the override");
    }

    private static void standAloneWhereNoInstanceIs(Map<String, Kept> byKey, List<String> lenient) {
        // each series is expanded once, up to its latest overridden occurrence
        Map<String, Instant> latest = new HashMap<>();
        for (Kept kept : byKey.values()) {
            if (kept.event.recurrenceId() != null) {
                latest.merge(kept.event.uid(), instant(kept.event.recurrenceId()), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        Map<String, java.util.Optional<java.util.Set<Instant>>> occurrences = new HashMap<>();
        for (Kept kept : new ArrayList<>(byKey.values())) {
            ParsedEvent override = kept.event;
            if (override.recurrenceId() == null) {
                continue;
            }
            Kept series = byKey.get(override.uid() + "\u0000");
            String why;
            if (series == null) {
                why = "its series is not in the feed";
            } else if (!occurrences.computeIfAbsent(override.uid(), uid -> starts(series.event.event(), latest.get(uid)))
                    .map(starts -> starts.contains(instant(override.recurrenceId()))).orElse(true)) {
                why = "RECURRENCE-ID " + override.recurrenceId().canonical() + " is no occurrence of its series";
            } else {
                continue;
            }
            String uid = override.uid() + "/RECURRENCE-ID/" + override.recurrenceId().canonical();
            byKey.remove(override.uid() + "\u0000" + override.recurrenceKey());
            kept.event = new ParsedEvent(uid, null, override.event());
            byKey.put(uid + "\u0000", kept);
            lenient.add(kept.label + ": " + why + ": kept as an event of its own");
        }
    }

    /**
     * The series' occurrences up to {@code until}: its start, its RDATEs and the dates of its rules (all-day
     * ones at UTC midnight, as {@link #instant(EventTime)} reads dates); empty when ical4j cannot expand it,
     * in which case it is not this class's call and the overrides are sent as the publisher wrote them.
     */
    static java.util.Optional<java.util.Set<Instant>> starts(NormalizedEvent series, Instant until) {
        java.util.Set<Instant> starts = new java.util.HashSet<>();
        EventTime start = series.start();
        starts.add(instant(start));
        try {
            for (String line : series.recurrence()) {
                if (line.startsWith("RRULE:")) {
                    String rule = line.substring("RRULE:".length());
                    if (start instanceof EventTime.AllDay day) {
                        LocalDate last = LocalDate.ofInstant(until, ZoneOffset.UTC);
                        if (!last.isBefore(day.date())) {
                            new Recur<LocalDate>(rule).getDates(day.date(), day.date(), last)
                                    .forEach(date -> starts.add(instant(new EventTime.AllDay(date))));
                        }
                    } else {
                        ZonedDateTime seed = zoned(start);
                        ZonedDateTime last = until.plusSeconds(1).atZone(seed.getZone());
                        if (!last.isBefore(seed)) {
                            new Recur<ZonedDateTime>(rule).getDates(seed, seed, last).forEach(date -> starts.add(date.toInstant()));
                        }
                    }
                } else if (line.startsWith("RDATE")) {
                    starts.addAll(rdates(line));
                }
            }
        } catch (RuntimeException unexpandable) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(starts);
    }

    /** The instants of one of our own RDATE lines ({@code RDATE;TZID=Zone:v1,v2}, {@code RDATE;VALUE=DATE:d}, {@code RDATE:v1Z}). */
    private static List<Instant> rdates(String line) {
        int colon = line.indexOf(':');
        String parameters = line.substring(0, colon);
        String zone = parameters.contains(";TZID=") ? parameters.substring(parameters.indexOf(";TZID=") + 6) : null;
        List<Instant> instants = new ArrayList<>();
        for (String value : line.substring(colon + 1).split(",")) {
            instants.add(instant(zone != null ? new EventTime.Zoned(LocalDateTime.parse(value, LOCAL), zone) : EventTime.fromCanonical(value)));
        }
        return instants;
    }

    /**
     * An RDATE or EXDATE line of a series split at {@code rid}: its dates before stay with the old series, the
     * others go to the new one, moved as the series was.
     */
    private static void splitDateList(String line, EventTime rid, Duration shift, List<String> before, List<String> after) {
        int colon = line.indexOf(':');
        String head = line.substring(0, colon);
        String zone = head.contains(";TZID=") ? head.substring(head.indexOf(";TZID=") + 6) : null;
        List<String> earlier = new ArrayList<>();
        List<String> later = new ArrayList<>();
        for (String value : line.substring(colon + 1).split(",")) {
            EventTime time = zone != null ? new EventTime.Zoned(LocalDateTime.parse(value, LOCAL), zone) : EventTime.fromCanonical(value);
            if (instant(time).isBefore(instant(rid))) {
                earlier.add(value);
            } else {
                String moved = shifted(time, shift).canonical();
                later.add(zone != null ? moved.substring(zone.length() + 1) : moved);
            }
        }
        if (!earlier.isEmpty()) {
            before.add(head + ":" + String.join(",", earlier));
        }
        if (!later.isEmpty()) {
            after.add(head + ":" + String.join(",", later));
        }
    }

    /** COUNT left for the occurrences from {@code rid} on; -1 when the rule has no COUNT, 0 when none is left. */
    private static int remainingCount(String rule, EventTime start, EventTime rid) {
        String count = part(rule, "COUNT");
        if (count == null) {
            return -1;
        }
        int total = Integer.parseInt(count);
        int before;
        if (start instanceof EventTime.AllDay day) {
            LocalDate until = ((EventTime.AllDay) rid).date().minusDays(1);
            before = until.isBefore(day.date()) ? 0 : new Recur<LocalDate>(rule).getDates(day.date(), day.date(), until).size();
        } else {
            ZonedDateTime seed = zoned(start);
            ZonedDateTime until = instant(rid).minusSeconds(1).atZone(seed.getZone());
            before = until.isBefore(seed) ? 0 : new Recur<ZonedDateTime>(rule).getDates(seed, seed, until).size();
        }
        return Math.max(total - before, 0);
    }

    private static String withEnd(String rule, String end) {
        List<String> parts = new ArrayList<>();
        for (String part : rule.split(";")) {
            String name = part.substring(0, Math.max(part.indexOf('='), 0)).toUpperCase(Locale.ROOT);
            if (!name.equals("COUNT") && !name.equals("UNTIL")) {
                parts.add(part);
            }
        }
        parts.add(end);
        return String.join(";", parts);
    }

    private static String part(String rule, String name) {
        for (String part : rule.split(";")) {
            if (part.toUpperCase(Locale.ROOT).startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static String lastBefore(EventTime rid) {
        if (rid instanceof EventTime.AllDay day) {
            return DATE.format(day.date().minusDays(1));
        }
        return UTC_UNTIL.format(instant(rid).minusSeconds(1).atOffset(ZoneOffset.UTC));
    }

    private static EventTime shifted(EventTime time, Duration shift) {
        if (shift.isZero()) {
            return time;
        }
        if (time instanceof EventTime.AllDay day) {
            return new EventTime.AllDay(day.date().plusDays(shift.toDays()));
        }
        if (time instanceof EventTime.Zoned zoned) {
            return new EventTime.Zoned(LocalDateTime.ofInstant(instant(time).plus(shift), zoned.zoneId()), zoned.timeZone());
        }
        return new EventTime.UtcDateTime(instant(time).plus(shift));
    }

    private static NormalizedEvent with(NormalizedEvent e, EventTime start, EventTime end, List<String> recurrence) {
        return new NormalizedEvent(e.summary(), e.description(), e.location(), e.url(), start, end, recurrence, e.status(),
                e.transparency(), e.visibility(), e.sequence(), e.reminders());
    }

    private static ZonedDateTime zoned(EventTime time) {
        if (time instanceof EventTime.Zoned zoned) {
            return zoned.localDateTime().atZone(zoned.zoneId());
        }
        return instant(time).atZone(ZoneOffset.UTC);
    }

    /** An instant to order and compare by; dates and floating times at UTC, which is enough for that. */
    static Instant instant(EventTime time) {
        return instant(time, ZoneOffset.UTC);
    }

    /** The instant a time stands for, dates and floating times read in {@code floating}. */
    static Instant instant(EventTime time, ZoneId floating) {
        if (time instanceof EventTime.UtcDateTime utc) {
            return utc.instant();
        }
        if (time instanceof EventTime.Zoned zoned) {
            return zoned.localDateTime().atZone(zoned.zoneId()).toInstant();
        }
        if (time instanceof EventTime.Floating f) {
            return f.localDateTime().atZone(floating).toInstant();
        }
        return ((EventTime.AllDay) time).date().atStartOfDay(floating).toInstant();
    }

    private static LocalDateTime localDateTime(EventTime time, ZoneId floating) {
        if (time instanceof EventTime.Zoned zoned) {
            return zoned.localDateTime();
        }
        if (time instanceof EventTime.Floating f) {
            return f.localDateTime();
        }
        return LocalDateTime.ofInstant(instant(time, floating), floating);
    }
}
