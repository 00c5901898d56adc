package dev.calsync.feedingest.parse;

import dev.calsync.contracts.event.EventStatus;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import dev.calsync.contracts.event.Reminder;
import dev.calsync.contracts.event.ReminderMethod;
import dev.calsync.contracts.event.Reminders;
import dev.calsync.contracts.event.Transparency;
import dev.calsync.contracts.event.Visibility;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.util.Strings;

/**
 * ICS text to {@link ParsedEvent}s, lenient where publishers are sloppy and exact where they are right
 * (docs/feeds.md lists every rule with its warning). Every VEVENT is interpreted on its own: one that
 * cannot be used at all (no DTSTART, an impossible date, an end before its start) is skipped with a
 * warning and the others go on; one read leniently is kept, with a warning naming the rule applied.
 */
public final class IcsFeedParser {

    private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern ICS_DURATION =
            Pattern.compile("([+-])?P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

    private final ZoneId defaultTimeZone;
    private final int probeYear;

    public IcsFeedParser(ZoneId defaultTimeZone, int probeYear) {
        this.defaultTimeZone = defaultTimeZone;
        this.probeYear = probeYear;
    }

    public ParsedFeed parse(Reader text) throws FeedParseException {
        StreamingNormalizer normalizer = new StreamingNormalizer();
        IcsComponent calendar;
        try {
            calendar = IcsComponentReader.read(text instanceof BufferedReader ? text : new BufferedReader(text, 65536),
                    normalizer::accept, normalizer.lenient::add);
        } catch (IOException | RuntimeException unreadable) {
            throw new FeedParseException("not a readable iCalendar feed: " + firstLine(unreadable.getMessage()));
        }
        return normalizer.finish(calendar);
    }

    /**
     * One event's outcome, kept with its position so the result reads in feed order whatever was deferred.
     *
     * @param lost why the event (or part of it) was left out; empty when nothing was
     * @param lenient the rules applied to read it, each a line for the feed's status
     */
    record Outcome(int position, IcsComponent component, ParsedEvent event, boolean thisAndFuture,
                   List<String> lost, List<String> lenient) {
    }

    /**
     * Normalizes each VEVENT as the reader finishes it, with the VTIMEZONEs and X-WR-TIMEZONE seen so far.
     * An event that needs what may still come (a TZID no VTIMEZONE defined yet, a floating time before any
     * X-WR-TIMEZONE) is kept raw and read again at the end, so the result is the same as reading the whole
     * tree first.
     */
    private final class StreamingNormalizer {

        private final List<Outcome> outcomes = new ArrayList<>();
        private final List<Integer> deferredPositions = new ArrayList<>();
        private final List<IcsComponent> deferred = new ArrayList<>();
        private final java.util.Set<String> notes = new java.util.LinkedHashSet<>();
        /** Structural rules the reader applied (a component outside VCALENDAR, a broken fold, …). */
        final List<String> lenient = new ArrayList<>();
        private EventReader reader;
        private int timeZonesSeen = -1;
        private boolean floatingZoneDeclared;
        private int position;
        private int floating;

        /** The calendar's properties and VTIMEZONEs are in {@code calendar} so far (VEVENTs never are). */
        void accept(IcsComponent calendarSoFar, IcsComponent vevent) {
            position++;
            EventReader eventReader = readerFor(calendarSoFar);
            try {
                Outcome outcome = eventReader.read(position, vevent, false);
                if (eventReader.floatingSeen && !floatingZoneDeclared) {
                    defer(vevent);
                    return;
                }
                floating += eventReader.floatingSeen ? 1 : 0;
                outcomes.add(outcome);
            } catch (UnknownZoneException notYet) {
                defer(vevent);
            } catch (RuntimeException failed) {
                outcomes.add(skipped(position, vevent, failed));
            }
        }

        private void defer(IcsComponent vevent) {
            deferred.add(vevent);
            deferredPositions.add(position);
        }

        ParsedFeed finish(IcsComponent whole) {
            timeZonesSeen = -1; // rebuild with everything the feed defines
            EventReader eventReader = readerFor(whole);
            for (int i = 0; i < deferred.size(); i++) {
                int at = deferredPositions.get(i);
                IcsComponent vevent = deferred.get(i);
                try {
                    // nothing more can come: a TZID still unknown now is read as floating
                    outcomes.add(eventReader.read(at, vevent, true));
                    floating += eventReader.floatingSeen ? 1 : 0;
                } catch (RuntimeException failed) {
                    outcomes.add(skipped(at, vevent, failed));
                }
            }
            outcomes.sort(java.util.Comparator.comparingInt(Outcome::position));
            if (floating > 0) {
                notes.add(floating + " event(s) with floating times read in " + reader.floatingZone);
            }
            SeriesAdjustments.Result adjusted = SeriesAdjustments.apply(outcomes);
            List<String> readLeniently = new ArrayList<>(lenient);
            readLeniently.addAll(adjusted.lenient());
            readLeniently.addAll(notes);
            return new ParsedFeed(adjusted.events(), adjusted.lost(), readLeniently);
        }

        private EventReader readerFor(IcsComponent current) {
            List<IcsComponent> timeZones = IcsComponentReader.children(current, "VTIMEZONE");
            boolean declared = current.first("X-WR-TIMEZONE").isPresent();
            if (reader == null || timeZones.size() != timeZonesSeen || declared != floatingZoneDeclared) {
                TimeZoneResolver zones = new TimeZoneResolver(timeZones, notes, probeYear);
                reader = new EventReader(zones, floatingZone(current, zones, notes));
                timeZonesSeen = timeZones.size();
                floatingZoneDeclared = declared;
            }
            return reader;
        }
    }

    private ZoneId floatingZone(IcsComponent calendar, TimeZoneResolver zones, java.util.Collection<String> notes) {
        Optional<String> declared = calendar.value("X-WR-TIMEZONE").map(String::strip);
        if (declared.isPresent()) {
            Optional<String> iana = zones.resolve(declared.get());
            if (iana.isPresent()) {
                return ZoneId.of(iana.get());
            }
            notes.add("X-WR-TIMEZONE '" + TimeZoneResolver.abbreviate(declared.get()) + "' is unknown; floating times use "
                    + defaultTimeZone);
        }
        return defaultTimeZone;
    }

    /** An event that could not be read: skipped, with a warning naming why (a broken component) or what failed. */
    private static Outcome skipped(int position, IcsComponent vevent, RuntimeException failure) {
        String why = failure instanceof BrokenComponentException broken ? broken.getMessage()
                : "unreadable (" + failure.getClass().getSimpleName() + ")";
        return new Outcome(position, vevent, null, false, List.of(label(vevent) + " skipped: " + why), List.of());
    }

    /** A link in a summary (a meeting URL with its password, say), which a status must not carry. */
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:[a-z][a-z0-9+.-]*://|www\\.)\\S*");
    /** A run of letters and digits long enough to be a token or meeting code. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{20,}");

    /**
     * How a warning names a component: {@code VEVENT 'Lunch' (line 12)}. Never more of its text than the
     * summary's start, with links and token-like runs replaced: statuses are kept on Kafka and shown on a page.
     */
    static String label(IcsComponent component) {
        String summary = component.value("SUMMARY").map(Strings::unescape).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> TOKEN.matcher(LINK.matcher(s).replaceAll("<link>")).replaceAll("…"))
                .map(s -> " '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s).replaceAll("\\p{Cntrl}", " ") + "'").orElse("");
        return component.name + summary + " (line " + component.line + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** One VEVENT cannot be used; the message says why, in words for the feed's owner. */
    static class BrokenComponentException extends RuntimeException {
        BrokenComponentException(String message) {
            super(message, null, false, false);
        }
    }

    /** An RDATE or EXDATE line without a date: it names nothing, so it is dropped. */
    private static final class EmptyDateListException extends RuntimeException {
        EmptyDateListException() {
            super(null, null, false, false);
        }
    }

    /** A rule Google would refuse or read as something else; the message names the part. */
    static final class RuleRefusedException extends RuntimeException {
        RuleRefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /** A TZID nothing defines (yet: when streaming, its VTIMEZONE may still come). */
    static final class UnknownZoneException extends BrokenComponentException {
        UnknownZoneException(String message) {
            super(message);
        }
    }

    private final class EventReader {

        private final TimeZoneResolver zones;
        private final ZoneId floatingZone;
        boolean floatingSeen;
        /** Set while reading the last time: no VTIMEZONE can come any more. */
        private boolean unknownZoneAsFloating;
        private List<String> lenient;
        private String label;

        EventReader(TimeZoneResolver zones, ZoneId floatingZone) {
            this.zones = zones;
            this.floatingZone = floatingZone;
        }

        Outcome read(int position, IcsComponent vevent, boolean lastReading) {
            floatingSeen = false;
            unknownZoneAsFloating = lastReading;
            lenient = new ArrayList<>(0);
            label = label(vevent);
            List<String> lost = new ArrayList<>(0);
            IcsProperty dtStart = vevent.first("DTSTART").orElseThrow(() -> new BrokenComponentException("no DTSTART"));
            EventTime start = time(dtStart, "DTSTART", null);
            boolean floatingStart = floatingSeen;
            EventTime end = end(vevent, start, floatingStart);
            String uid = vevent.value("UID").map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
            if (uid == null) {
                uid = derivedUid(vevent);
                lenient.add(label + " without UID: identity derived from its content");
            }

            EventTime recurrenceId = null;
            boolean thisAndFuture = false;
            Optional<IcsProperty> recurrenceIdProperty = vevent.first("RECURRENCE-ID");
            if (recurrenceIdProperty.isPresent()) {
                recurrenceId = time(recurrenceIdProperty.get(), "RECURRENCE-ID", zoneOf(start, floatingStart));
                thisAndFuture = "THISANDFUTURE".equalsIgnoreCase(recurrenceIdProperty.get().parameter("RANGE"));
            }
            List<String> recurrence = List.of();
            if (recurrenceId == null) {
                try {
                    recurrence = recurrence(vevent, start, floatingStart);
                } catch (RuleRefusedException refused) {
                    lost.add(label + ": " + refused.getMessage() + ": the series is refused, its first occurrence kept as a single event");
                }
            }

            NormalizedEvent event = new NormalizedEvent(
                    text(vevent, "SUMMARY"),
                    text(vevent, "DESCRIPTION"),
                    text(vevent, "LOCATION"),
                    vevent.value("URL").map(String::strip).filter(s -> !s.isEmpty()).orElse(null),
                    start,
                    end,
                    recurrence,
                    status(vevent),
                    "TRANSPARENT".equalsIgnoreCase(vevent.value("TRANSP").map(String::strip).orElse(""))
                            ? Transparency.TRANSPARENT : Transparency.OPAQUE,
                    visibility(vevent),
                    sequence(vevent),
                    reminders(vevent));
            return new Outcome(position, vevent, new ParsedEvent(uid, recurrenceId, event), thisAndFuture, lost, lenient);
        }

        /**
         * A UID for an event that has none (optional in RFC 2445): the same content gives the same UID on
         * every fetch, so the event is updated in place; a change of its start or summary makes it a new
         * event, which FeedDiff's unstable-UID handling matches by content.
         */
        private String derivedUid(IcsComponent vevent) {
            StringBuilder content = new StringBuilder();
            for (String name : List.of("DTSTART", "DTEND", "DURATION", "SUMMARY", "RRULE", "RECURRENCE-ID", "LOCATION")) {
                for (IcsProperty property : vevent.all(name)) {
                    content.append(name).append(property.parameters().getOrDefault("TZID", "")).append(':')
                            .append(property.value().strip()).append('\n');
                }
            }
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(content.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return "calsync-derived-" + java.util.HexFormat.of().formatHex(digest, 0, 16);
            } catch (java.security.NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible); // every JVM has SHA-256
            }
        }

        /** The zone a floating value of this event is read in when its start has one (null: the floating zone). */
        private String zoneOf(EventTime start, boolean floatingStart) {
            return !floatingStart && start instanceof EventTime.Zoned zoned ? zoned.timeZone() : null;
        }

        private EventTime end(IcsComponent vevent, EventTime start, boolean floatingStart) {
            Optional<IcsProperty> dtEnd = vevent.first("DTEND");
            EventTime end;
            if (dtEnd.isPresent()) {
                String startZone = zoneOf(start, floatingStart);
                if (startZone != null && isFloating(dtEnd.get())) {
                    lenient.add(label + ": floating DTEND of a zoned DTSTART read in the start's zone " + startZone);
                }
                end = time(dtEnd.get(), "DTEND", startZone);
                if (start instanceof EventTime.UtcDateTime && isFloating(dtEnd.get()) && end instanceof EventTime.Zoned floatingEnd) {
                    lenient.add(label + ": floating DTEND of a UTC DTSTART read as UTC");
                    end = new EventTime.UtcDateTime(floatingEnd.localDateTime().toInstant(ZoneOffset.UTC));
                }
                if ((start instanceof EventTime.AllDay) != (end instanceof EventTime.AllDay)) {
                    end = inKindOf(start, end);
                }
                if (start instanceof EventTime.AllDay day && end.equals(start)) {
                    // exporters write DTEND = DTSTART for one-day events; the end is exclusive, Google rejects it
                    return new EventTime.AllDay(day.date().plusDays(1));
                }
            } else {
                Optional<String> duration = vevent.value("DURATION");
                if (duration.isEmpty()) {
                    return null;
                }
                end = plus(start, duration.get().strip());
            }
            if (compare(end, start) < 0) {
                throw new BrokenComponentException("ends before it starts");
            }
            return end;
        }

        /**
         * RFC 5545 wants DTEND of DTSTART's kind, Google refuses a mix: DTSTART decides. A date-time end of
         * an all-day event ends on its date (the day after, when it ends after midnight); a date end of a
         * timed event ends at that midnight in the start's zone.
         */
        private EventTime inKindOf(EventTime start, EventTime end) {
            EventTime converted;
            if (start instanceof EventTime.AllDay day) {
                LocalDateTime local = end instanceof EventTime.Zoned zoned ? zoned.localDateTime()
                        : LocalDateTime.ofInstant(instant(end), ZoneOffset.UTC);
                LocalDate date = local.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
                converted = new EventTime.AllDay(date.isAfter(day.date()) ? date : day.date().plusDays(1));
            } else {
                LocalDate date = ((EventTime.AllDay) end).date();
                converted = start instanceof EventTime.Zoned zoned ? new EventTime.Zoned(date.atStartOfDay(), zoned.timeZone())
                        : new EventTime.UtcDateTime(date.atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            lenient.add(label + ": DTEND " + end.canonical() + " is not of DTSTART's kind (date or date-time): read as " + converted.canonical());
            return converted;
        }

        /** A date-time with neither TZID nor Z. */
        private boolean isFloating(IcsProperty property) {
            String value = property.value().strip();
            return property.parameter("TZID") == null && !"DATE".equalsIgnoreCase(property.parameter("VALUE"))
                    && value.length() > 8 && !value.endsWith("Z") && !value.endsWith("z");
        }

        private EventTime plus(EventTime start, String icsDuration) {
            Matcher m = ICS_DURATION.matcher(icsDuration.toUpperCase(Locale.ROOT));
            if (!m.matches() || icsDuration.length() < 3) {
                throw new BrokenComponentException("DURATION '" + TimeZoneResolver.abbreviate(icsDuration) + "' is not a duration");
            }
            if ("-".equals(m.group(1))) {
                throw new BrokenComponentException("negative DURATION");
            }
            long days = number(m.group(2)) * 7 + number(m.group(3));
            Duration exact = Duration.ofHours(number(m.group(4))).plusMinutes(number(m.group(5))).plusSeconds(number(m.group(6)));
            // RFC 5545: days and weeks are nominal (wall-clock), hours and smaller are exact
            if (start instanceof EventTime.AllDay allDay) {
                return new EventTime.AllDay(allDay.date().plusDays(days + exact.toDays()));
            }
            if (start instanceof EventTime.UtcDateTime utc) {
                return new EventTime.UtcDateTime(utc.instant().plus(Duration.ofDays(days)).plus(exact));
            }
            if (start instanceof EventTime.Zoned zoned) {
                Instant endInstant = zoned.localDateTime().plusDays(days).atZone(zoned.zoneId()).toInstant().plus(exact);
                return new EventTime.Zoned(LocalDateTime.ofInstant(endInstant, zoned.zoneId()), zoned.timeZone());
            }
            EventTime.Floating floatingStart = (EventTime.Floating) start;
            return new EventTime.Floating(floatingStart.localDateTime().plusDays(days).plus(exact));
        }

        private long number(String group) {
            return group == null ? 0 : Long.parseLong(group);
        }

        private int compare(EventTime a, EventTime b) {
            if (a instanceof EventTime.AllDay x && b instanceof EventTime.AllDay y) {
                return x.date().compareTo(y.date());
            }
            return instant(a).compareTo(instant(b));
        }

        private Instant instant(EventTime time) {
            return SeriesAdjustments.instant(time, floatingZone);
        }

        /**
         * DTSTART, DTEND, RECURRENCE-ID: a date, a UTC time, a zoned time or a floating time.
         *
         * @param floatingIn the zone a floating value is read in (the start's), null for the feed's floating zone
         */
        private EventTime time(IcsProperty property, String what, String floatingIn) {
            return time(property.value().strip(), property.parameter("VALUE"), property.parameter("TZID"), what, floatingIn);
        }

        private EventTime time(String value, String valueType, String tzid, String what, String floatingIn) {
            try {
                if ("DATE".equalsIgnoreCase(valueType) || value.length() == 8) {
                    return new EventTime.AllDay(LocalDate.parse(value, DATE));
                }
                if (value.endsWith("Z") || value.endsWith("z")) {
                    LocalDateTime utc = LocalDateTime.parse(value.substring(0, value.length() - 1), LOCAL_DATE_TIME);
                    return new EventTime.UtcDateTime(utc.toInstant(ZoneOffset.UTC));
                }
                LocalDateTime local = LocalDateTime.parse(value, LOCAL_DATE_TIME);
                if (tzid != null && !tzid.isBlank()) {
                    Optional<String> zone = zones.resolve(tzid);
                    if (zone.isPresent()) {
                        return new EventTime.Zoned(local, zone.get());
                    }
                    if (!unknownZoneAsFloating) {
                        throw new UnknownZoneException(what + " names TZID '" + TimeZoneResolver.abbreviate(tzid) + "'");
                    }
                    String rule = label + ": TZID '" + TimeZoneResolver.abbreviate(tzid)
                            + "' is no known zone and has no VTIMEZONE: read as floating, in " + floatingZone;
                    if (!lenient.contains(rule)) {
                        lenient.add(rule);
                    }
                } else if (floatingIn != null) {
                    return new EventTime.Zoned(local, floatingIn);
                }
                // floating: the same wall-clock time wherever one is; Google needs a zone for it
                floatingSeen = true;
                return new EventTime.Zoned(local, floatingZone.getId());
            } catch (DateTimeException impossible) {
                throw new BrokenComponentException(what + " '" + TimeZoneResolver.abbreviate(value) + "' is not a valid date or time");
            }
        }

        /** RRULE, RDATE and EXDATE as Google takes them: rules checked, zones made IANA, lines sorted so the hash is stable. */
        private List<String> recurrence(IcsComponent vevent, EventTime start, boolean floatingStart) {
            List<String> lines = new ArrayList<>();
            for (IcsProperty rrule : vevent.all("RRULE")) {
                lines.add("RRULE:" + RecurrenceRules.forGoogle(rrule.value().strip(), start, label, lenient));
            }
            if (lines.size() > 1) {
                lenient.add(label + ": " + lines.size() + " RRULEs, Google takes them together as their union");
            }
            TreeSet<String> dates = new TreeSet<>();
            for (String name : List.of("RDATE", "EXDATE")) {
                for (IcsProperty property : vevent.all(name)) {
                    try {
                        dates.add(dateListLine(name, property, zoneOf(start, floatingStart)));
                    } catch (EmptyDateListException empty) {
                        lenient.add(label + ": " + name + " without a value ignored");
                    }
                }
            }
            lines.addAll(dates);
            return lines;
        }

        private String dateListLine(String name, IcsProperty property, String floatingIn) {
            boolean periods = "PERIOD".equalsIgnoreCase(property.parameter("VALUE"));
            if (periods) {
                lenient.add(label + ": " + name + " of periods read as their starts (Google takes no periods)");
            }
            List<EventTime> times = new ArrayList<>();
            for (String value : property.value().split(",")) {
                if (!value.isBlank()) {
                    String at = periods ? value.strip().split("/")[0] : value.strip();
                    times.add(time(at, periods ? null : property.parameter("VALUE"), property.parameter("TZID"), name, floatingIn));
                }
            }
            if (times.isEmpty()) {
                throw new EmptyDateListException();
            }
            EventTime first = times.get(0);
            StringBuilder line = new StringBuilder(name);
            if (first instanceof EventTime.AllDay) {
                line.append(";VALUE=DATE");
            } else if (first instanceof EventTime.Zoned zoned) {
                line.append(";TZID=").append(zoned.timeZone());
            }
            line.append(':');
            for (int i = 0; i < times.size(); i++) {
                EventTime time = times.get(i);
                String canonical = time.canonical();
                // Zoned canonical is "Zone:value"; the line carries the zone once, in TZID
                line.append(i == 0 ? "" : ",").append(time instanceof EventTime.Zoned z
                        ? canonical.substring(z.timeZone().length() + 1) : canonical);
            }
            return line.toString();
        }

        private String text(IcsComponent vevent, String name) {
            return vevent.value(name).map(Strings::unescape).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        }

        private EventStatus status(IcsComponent vevent) {
            String status = vevent.value("STATUS").map(s -> s.strip().toUpperCase(Locale.ROOT)).orElse("");
            return switch (status) {
                case "CANCELLED" -> EventStatus.CANCELLED;
                case "TENTATIVE" -> EventStatus.TENTATIVE;
                default -> EventStatus.CONFIRMED;
            };
        }

        private Visibility visibility(IcsComponent vevent) {
            String classification = vevent.value("CLASS").map(s -> s.strip().toUpperCase(Locale.ROOT)).orElse("");
            return switch (classification) {
                case "PUBLIC" -> Visibility.PUBLIC;
                case "PRIVATE" -> Visibility.PRIVATE;
                case "CONFIDENTIAL" -> Visibility.CONFIDENTIAL;
                default -> Visibility.DEFAULT;
            };
        }

        private Integer sequence(IcsComponent vevent) {
            try {
                int sequence = Integer.parseInt(vevent.value("SEQUENCE").map(String::strip).orElse("0"));
                return Math.max(sequence, 0);
            } catch (NumberFormatException notANumber) {
                return 0;
            }
        }

        /**
         * VALARMs that Google can express: a display, audio or email alarm some minutes before the start
         * (at most four weeks, at most five). Alarms after the start or relative to the end are dropped.
         */
        private Reminders reminders(IcsComponent vevent) {
            List<Reminder> reminders = new ArrayList<>();
            boolean anyAlarm = false;
            for (IcsComponent alarm : vevent.children) {
                if (!alarm.name.equals("VALARM")) {
                    continue;
                }
                anyAlarm = true;
                Optional<IcsProperty> trigger = alarm.first("TRIGGER");
                if (trigger.isEmpty() || "END".equalsIgnoreCase(trigger.get().parameter("RELATED"))
                        || "DATE-TIME".equalsIgnoreCase(trigger.get().parameter("VALUE"))) {
                    continue;
                }
                String value = trigger.get().value().strip().toUpperCase(Locale.ROOT);
                Matcher m = ICS_DURATION.matcher(value);
                if (!m.matches() || value.length() < 3) {
                    continue;
                }
                long minutes = (number(m.group(2)) * 7 + number(m.group(3))) * 1440 + number(m.group(4)) * 60
                        + number(m.group(5)) + number(m.group(6)) / 60;
                boolean before = "-".equals(m.group(1));
                if (!before && minutes != 0) {
                    continue;
                }
                if (minutes > Reminder.MAX_MINUTES_BEFORE) {
                    continue;
                }
                String action = alarm.value("ACTION").map(s -> s.strip().toUpperCase(Locale.ROOT)).orElse("DISPLAY");
                Reminder reminder = new Reminder("EMAIL".equals(action) ? ReminderMethod.EMAIL : ReminderMethod.POPUP, (int) minutes);
                if (!reminders.contains(reminder) && reminders.size() < Reminders.MAX_OVERRIDES) {
                    reminders.add(reminder);
                }
            }
            if (!anyAlarm || reminders.isEmpty()) {
                return null;
            }
            return new Reminders(reminders);
        }
    }
}
