package dev.calsync.feedingest.diff;

import dev.calsync.contracts.event.EventTime;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Reads an {@link EventTime#canonical()} back, so a delete of an override that vanished from the feed
 * can name its RECURRENCE-ID from the snapshot alone.
 */
final class RecurrenceKeys {

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuuMMdd'T'HHmmss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();

    private RecurrenceKeys() {
    }

    static EventTime toTime(String key) {
        if (key.isEmpty()) {
            return null;
        }
        int colon = key.lastIndexOf(':');
        if (colon > 0) {
            return new EventTime.Zoned(LocalDateTime.parse(key.substring(colon + 1), DATE_TIME), key.substring(0, colon));
        }
        if (key.endsWith("Z")) {
            return new EventTime.UtcDateTime(LocalDateTime.parse(key.substring(0, key.length() - 1), DATE_TIME).toInstant(ZoneOffset.UTC));
        }
        if (key.length() == 8) {
            return new EventTime.AllDay(LocalDate.parse(key, DateTimeFormatter.BASIC_ISO_DATE));
        }
        return new EventTime.Floating(LocalDateTime.parse(key, DATE_TIME));
    }
}
