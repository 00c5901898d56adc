package dev.calsync.contracts.event;

import static dev.calsync.contracts.internal.Checks.required;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * A point in time as an ICS feed states it. The four kinds stay apart because Google treats them
 * differently: an all-day event has a date and no time, a zoned time must keep its IANA zone for
 * recurrences to cross daylight saving correctly, and a floating time is the same wall-clock time
 * wherever the person is.
 *
 * <p>On the wire the kind is the property {@code "kind"}: {@code date}, {@code utc}, {@code zoned},
 * {@code floating}. An unknown kind is rejected: there is no safe guess for a time.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = EventTime.AllDay.class, name = "date"),
    @JsonSubTypes.Type(value = EventTime.UtcDateTime.class, name = "utc"),
    @JsonSubTypes.Type(value = EventTime.Zoned.class, name = "zoned"),
    @JsonSubTypes.Type(value = EventTime.Floating.class, name = "floating")
})
public sealed interface EventTime {

    /**
     * A stable, unambiguous text for this time, fit for a map or database key: {@code 20261201},
     * {@code 20261201T080000Z}, {@code Europe/Berlin:20261201T090000}, {@code 20261201T090000}.
     * Fractions of a second, which ICS cannot express, appear only when present
     * ({@code 20261201T080000.5Z}), so two different times never share a key.
     */
    String canonical();

    /**
     * Reads a {@link #canonical()} text back: {@code fromCanonical(t.canonical())} equals {@code t}. Lets a
     * stored key (a snapshot's RECURRENCE-ID) name its time without storing the time itself.
     *
     * @return null for {@code ""}, the key of "no time" (a series or single event)
     * @throws java.time.format.DateTimeParseException when the text is no canonical time
     */
    static EventTime fromCanonical(String key) {
        if (key.isEmpty()) {
            return null;
        }
        int colon = key.lastIndexOf(':');
        if (colon > 0) {
            return new Zoned(LocalDateTime.parse(key.substring(colon + 1), CanonicalFormat.DATE_TIME), key.substring(0, colon));
        }
        if (key.endsWith("Z")) {
            return new UtcDateTime(LocalDateTime.parse(key.substring(0, key.length() - 1), CanonicalFormat.DATE_TIME)
                    .toInstant(ZoneOffset.UTC));
        }
        if (key.length() == 8) {
            return new AllDay(LocalDate.parse(key, DateTimeFormatter.BASIC_ISO_DATE));
        }
        return new Floating(LocalDateTime.parse(key, CanonicalFormat.DATE_TIME));
    }

    /** An all-day value ({@code VALUE=DATE}); as an end it is exclusive, as in ICS and Google. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AllDay(LocalDate date) implements EventTime {

        public AllDay {
            required(date, "EventTime.AllDay.date");
        }

        @Override
        public String canonical() {
            return CanonicalFormat.DATE.format(date);
        }
    }

    /** An absolute instant ({@code DTSTART:20261201T080000Z}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UtcDateTime(Instant instant) implements EventTime {

        public UtcDateTime {
            required(instant, "EventTime.UtcDateTime.instant");
        }

        @Override
        public String canonical() {
            return CanonicalFormat.DATE_TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "Z";
        }
    }

    /**
     * A wall-clock time in a named zone ({@code DTSTART;TZID=Europe/Berlin:20261201T090000}).
     *
     * @param timeZone an IANA region id such as {@code Europe/Berlin}, as Google requires; producers
     *     map Windows names and custom VTIMEZONEs to one before they publish. Offsets such as
     *     {@code +01:00} are rejected: they lose daylight saving.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Zoned(LocalDateTime localDateTime, String timeZone) implements EventTime {

        public Zoned {
            required(localDateTime, "EventTime.Zoned.localDateTime");
            required(timeZone, "EventTime.Zoned.timeZone");
            if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
                throw new IllegalArgumentException("EventTime.Zoned.timeZone is not an IANA time zone id: "
                        + printable(timeZone));
            }
        }

        /** The zone as a {@link ZoneId}; always valid, the constructor checked it. */
        public ZoneId zoneId() {
            return ZoneId.of(timeZone);
        }

        @Override
        public String canonical() {
            return timeZone + ":" + CanonicalFormat.DATE_TIME.format(localDateTime);
        }

        // A wrong zone id is worth showing (it is usually an unmapped Windows name), but it must not
        // be able to break a one-line log message or flood it.
        private static String printable(String value) {
            String oneLine = value.replaceAll("\\p{Cntrl}", "?");
            return oneLine.length() <= 64 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 64) + "...'";
        }
    }

    /** A wall-clock time without a zone ({@code DTSTART:20261201T090000}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Floating(LocalDateTime localDateTime) implements EventTime {

        public Floating {
            required(localDateTime, "EventTime.Floating.localDateTime");
        }

        @Override
        public String canonical() {
            return CanonicalFormat.DATE_TIME.format(localDateTime);
        }
    }
}

/**
 * Interfaces cannot hold private constants; the formatters of {@link EventTime#canonical()} and
 * {@link EventTime#fromCanonical(String)} live here.
 */
final class CanonicalFormat {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

    static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuuMMdd'T'HHmmss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();

    private CanonicalFormat() {
    }
}
