package dev.calsync.googleemulator.calendar.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calsync.googleemulator.api.GoogleApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * An event's {@code start}, {@code end} or {@code originalStartTime}: either an all-day {@code date}
 * or a {@code dateTime} with an optional IANA {@code timeZone} (Calendar API reference: Events resource;
 * GOOGLE.md §6). A dateTime without offset is local time in {@code timeZone}, which is then required.
 */
public record EventTime(LocalDate date, OffsetDateTime dateTime, String timeZone) {

    private static final DateTimeFormatter RFC3339_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    public static EventTime ofDate(LocalDate date) {
        return new EventTime(date, null, null);
    }

    public static EventTime ofDateTime(OffsetDateTime dateTime, String timeZone) {
        return new EventTime(null, dateTime, timeZone);
    }

    /**
     * @param which "start" or "end": Google's messages name the field ("Missing end time.")
     */
    /** The JDK's zone ids, copied by every getAvailableZoneIds() call: asked once, not per event write. */
    private static final Set<String> ZONE_IDS = ZoneId.getAvailableZoneIds();

    static boolean isKnownZone(String timeZone) {
        return ZONE_IDS.contains(timeZone);
    }

    public static EventTime parse(JsonNode node, String which) {
        boolean hasDate = node != null && node.hasNonNull("date");
        boolean hasDateTime = node != null && node.hasNonNull("dateTime");
        if (!hasDate && !hasDateTime) {
            throw GoogleApiException.required("Missing " + which + " time.");
        }
        String timeZone = node.hasNonNull("timeZone") ? node.get("timeZone").asText() : null;
        if (timeZone != null && !isKnownZone(timeZone)) {
            throw GoogleApiException.invalid("Invalid time zone definition for " + which + " time.");
        }
        if (hasDate && hasDateTime) {
            throw GoogleApiException.invalid("Invalid " + which + " time.");
        }
        try {
            if (hasDate) {
                return new EventTime(LocalDate.parse(node.get("date").asText()), null, timeZone);
            }
            String text = node.get("dateTime").asText();
            try {
                return new EventTime(null, OffsetDateTime.parse(text), timeZone);
            } catch (DateTimeParseException noOffset) {
                LocalDateTime local = LocalDateTime.parse(text);
                if (timeZone == null) {
                    throw GoogleApiException.required("Missing time zone definition for " + which + " time.");
                }
                return new EventTime(null, local.atZone(ZoneId.of(timeZone)).toOffsetDateTime(), timeZone);
            }
        } catch (DateTimeParseException unparseable) {
            throw GoogleApiException.invalid("Invalid " + which + " time.");
        }
    }

    public boolean allDay() {
        return date != null;
    }

    /** The zone a series expands in: its {@code timeZone}, else the fixed offset of the dateTime. */
    public ZoneId zone() {
        return timeZone != null ? ZoneId.of(timeZone) : dateTime.getOffset();
    }

    /** All-day dates start at midnight of {@code allDayZone} (the calendar's zone). */
    public Instant instant(ZoneId allDayZone) {
        return allDay() ? date.atStartOfDay(allDayZone).toInstant() : dateTime.toInstant();
    }

    /** As Google echoes it: the dateTime in its timeZone's offset, seconds precision. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (allDay()) {
            node.put("date", date.toString());
        } else {
            OffsetDateTime shown = timeZone != null ? dateTime.atZoneSameInstant(ZoneId.of(timeZone)).toOffsetDateTime() : dateTime;
            node.put("dateTime", RFC3339_SECONDS.format(shown));
        }
        if (timeZone != null) {
            node.put("timeZone", timeZone);
        }
        return node;
    }
}
