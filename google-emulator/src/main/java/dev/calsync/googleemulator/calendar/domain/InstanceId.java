package dev.calsync.googleemulator.calendar.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of one occurrence of a series (GOOGLE.md §5, observed): {@code <seriesId>_<YYYYMMDD>T<HHMMSS>Z}
 * with the original start in UTC, or {@code <seriesId>_<YYYYMMDD>} for all-day series. Client ids are
 * base32hex, so the underscore cannot occur in them and the split is unambiguous.
 *
 * @param originalStart the occurrence's original start: an {@link Instant}, or a {@link LocalDate} if all-day
 */
public record InstanceId(String seriesId, Object originalStart) {

    private static final Pattern FORM = Pattern.compile("^(.+)_(\\d{8})(?:T(\\d{6})Z)?$");
    private static final DateTimeFormatter UTC_BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    public static String of(String seriesId, Instant originalStart) {
        return seriesId + "_" + UTC_BASIC.format(originalStart);
    }

    public static String of(String seriesId, LocalDate originalStart) {
        return seriesId + "_" + DATE_BASIC.format(originalStart);
    }

    public static Optional<InstanceId> parse(String eventId) {
        Matcher matcher = FORM.matcher(eventId);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate day = LocalDate.parse(matcher.group(2), DATE_BASIC);
            if (matcher.group(3) == null) {
                return Optional.of(new InstanceId(matcher.group(1), day));
            }
            LocalDateTime utc = LocalDateTime.parse(matcher.group(2) + "T" + matcher.group(3),
                    DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss"));
            return Optional.of(new InstanceId(matcher.group(1), utc.toInstant(ZoneOffset.UTC)));
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    public boolean allDay() {
        return originalStart instanceof LocalDate;
    }
}
