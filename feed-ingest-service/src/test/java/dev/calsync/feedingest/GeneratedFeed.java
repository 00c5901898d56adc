package dev.calsync.feedingest;

import java.util.Set;

/**
 * Feeds of any size shaped like real exports (~600 bytes an event: zoned singles, all-day events,
 * weekly series with EXDATEs and a moved occurrence, alarms, folded CRLF lines).
 */
public final class GeneratedFeed {

    private GeneratedFeed() {
    }

    public static String of(int events) {
        return of(events, -1, Set.of());
    }

    /**
     * @param changedIndex this event gets a different summary (or -1)
     * @param removed these events are left out
     */
    public static String of(int events, int changedIndex, Set<Integer> removed) {
        StringBuilder ics = new StringBuilder(events * 640 + 1024);
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//calsync//generated//EN");
        line(ics, "X-WR-TIMEZONE:Europe/Berlin");
        for (int i = 0; i < events; i++) {
            if (removed.contains(i)) {
                continue;
            }
            String uid = "gen-" + i + "@calsync.test";
            int day = 1 + i % 28;
            int month = 1 + (i / 28) % 12;
            String date = String.format("2027%02d%02d", month, day);
            line(ics, "BEGIN:VEVENT");
            line(ics, "UID:" + uid);
            line(ics, "DTSTAMP:20261120T101010Z");
            line(ics, "CREATED:20261101T080000Z");
            line(ics, "LAST-MODIFIED:20261110T080000Z");
            switch (i % 4) {
                case 0 -> {
                    line(ics, "DTSTART;TZID=Europe/Berlin:" + date + "T090000");
                    line(ics, "DTEND;TZID=Europe/Berlin:" + date + "T100000");
                }
                case 1 -> {
                    line(ics, "DTSTART;VALUE=DATE:" + date);
                    line(ics, "DTEND;VALUE=DATE:" + date.substring(0, 6) + String.format("%02d", day + 1));
                }
                case 2 -> {
                    line(ics, "DTSTART;TZID=America/New_York:" + date + "T140000");
                    line(ics, "DURATION:PT45M");
                    line(ics, "RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO,WE");
                    line(ics, "EXDATE;TZID=America/New_York:" + date + "T140000");
                }
                default -> {
                    line(ics, "DTSTART:" + date + "T160000Z");
                    line(ics, "DTEND:" + date + "T170000Z");
                }
            }
            line(ics, "SUMMARY:" + (i == changedIndex ? "Changed meeting " : "Meeting number ") + i
                    + " with a title long enough that exporters fold it onto a second line of text");
            line(ics, "DESCRIPTION:Agenda\\, notes and links for meeting " + i + "\\nSecond line\\; with escapes");
            line(ics, "LOCATION:Room " + (i % 50));
            line(ics, "STATUS:CONFIRMED");
            line(ics, "SEQUENCE:" + (i % 3));
            line(ics, "BEGIN:VALARM");
            line(ics, "ACTION:DISPLAY");
            line(ics, "TRIGGER:-PT15M");
            line(ics, "END:VALARM");
            line(ics, "END:VEVENT");
            if (i % 40 == 2) {
                // a moved occurrence of the series above
                line(ics, "BEGIN:VEVENT");
                line(ics, "UID:" + uid);
                line(ics, "RECURRENCE-ID;TZID=America/New_York:" + date + "T140000");
                line(ics, "DTSTART;TZID=America/New_York:" + date + "T150000");
                line(ics, "DURATION:PT45M");
                line(ics, "SUMMARY:Moved occurrence of " + i);
                line(ics, "END:VEVENT");
            }
        }
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    /** Folds at 75 characters as RFC 5545 asks (ASCII content, so characters are octets). */
    private static void line(StringBuilder ics, String content) {
        int start = 0;
        while (content.length() - start > 75) {
            ics.append(content, start, start + 75).append("\r\n ");
            start += 75;
        }
        ics.append(content, start, content.length()).append("\r\n");
    }
}
