package dev.calsync.calendarwriter.quota;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** An answer's {@code Retry-After} (RFC 9110 §10.2.3): delay-seconds or an HTTP date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** How long the answer asks the caller to wait, if it says; a date in the past or an unreadable value says nothing. */
    public static Optional<Duration> of(GoogleJsonResponseException answer, Instant now) {
        String value = answer.getHeaders() == null ? null : answer.getHeaders().getRetryAfter();
        return parse(value, now);
    }

    static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (trimmed.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Optional.empty() : Optional.of(until);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
