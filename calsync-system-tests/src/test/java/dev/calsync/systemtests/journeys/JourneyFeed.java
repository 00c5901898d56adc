package dev.calsync.systemtests.journeys;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journey's feed as its publisher edits it: a weekly series of six with its second occurrence moved,
 * and single events. Each edit answers a new text for {@link dev.calsync.systemtests.actors.FeedServer#publish}.
 */
final class JourneyFeed {

    static final Instant SERIES_START = Instant.parse("2030-01-07T10:00:00Z");
    static final Instant MOVED_OCCURRENCE = SERIES_START.plus(java.time.Duration.ofDays(7));
    static final Instant MOVED_TO = MOVED_OCCURRENCE.plus(java.time.Duration.ofHours(5));
    static final Instant CANCELLED_OCCURRENCE = SERIES_START.plus(java.time.Duration.ofDays(14));

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String name;
    private final Map<String, String> singles = new LinkedHashMap<>();
    private final List<Instant> exdates = new ArrayList<>();

    private JourneyFeed(String name) {
        this.name = name;
    }

    /** The feed as first published: the series with its moved occurrence, "Dentist" and "Offsite". */
    static JourneyFeed initial(String name) {
        JourneyFeed feed = new JourneyFeed(name);
        feed.singles.put("dentist", "Dentist");
        feed.singles.put("offsite", "Offsite");
        return feed;
    }

    String seriesUid() {
        return "series@" + name;
    }

    String uid(String single) {
        return single + "@" + name;
    }

    JourneyFeed rename(String single, String summary) {
        singles.replace(single, summary);
        return this;
    }

    JourneyFeed remove(String single) {
        singles.remove(single);
        return this;
    }

    JourneyFeed cancelOccurrence(Instant occurrence) {
        exdates.add(occurrence);
        return this;
    }

    /** Events Google stores for this text: the series, its moved occurrence, each single. */
    int storedEvents() {
        return 1 + overrides() + singles.size();
    }

    /** Overrides of the series' occurrences (the moved one). */
    int overrides() {
        return 1;
    }

    /** The feed's iCalendar UIDs: the series (with its override) and each single. */
    int uids() {
        return 1 + singles.size();
    }

    String ics() {
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calsync journeys//EN\r\n");
        ics.append("BEGIN:VEVENT\r\nUID:").append(seriesUid()).append("\r\nDTSTAMP:20300101T000000Z\r\n")
                .append("DTSTART:").append(UTC.format(SERIES_START)).append("\r\n")
                .append("DTEND:").append(UTC.format(SERIES_START.plusSeconds(3600))).append("\r\n")
                .append("RRULE:FREQ=WEEKLY;COUNT=6\r\n");
        for (Instant exdate : exdates) {
            ics.append("EXDATE:").append(UTC.format(exdate)).append("\r\n");
        }
        ics.append("SUMMARY:Weekly sync\r\nEND:VEVENT\r\n");
        ics.append("BEGIN:VEVENT\r\nUID:").append(seriesUid()).append("\r\nDTSTAMP:20300101T000000Z\r\n")
                .append("RECURRENCE-ID:").append(UTC.format(MOVED_OCCURRENCE)).append("\r\n")
                .append("DTSTART:").append(UTC.format(MOVED_TO)).append("\r\n")
                .append("DTEND:").append(UTC.format(MOVED_TO.plusSeconds(3600))).append("\r\n")
                .append("SUMMARY:Weekly sync (moved)\r\nEND:VEVENT\r\n");
        Instant start = Instant.parse("2030-01-08T09:00:00Z");
        for (Map.Entry<String, String> single : singles.entrySet()) {
            ics.append("BEGIN:VEVENT\r\nUID:").append(uid(single.getKey())).append("\r\nDTSTAMP:20300101T000000Z\r\n")
                    .append("DTSTART:").append(UTC.format(start)).append("\r\n")
                    .append("DTEND:").append(UTC.format(start.plusSeconds(1800))).append("\r\n")
                    .append("SUMMARY:").append(single.getValue()).append("\r\nEND:VEVENT\r\n");
            start = start.plus(java.time.Duration.ofDays(1));
        }
        return ics.append("END:VCALENDAR\r\n").toString();
    }
}
