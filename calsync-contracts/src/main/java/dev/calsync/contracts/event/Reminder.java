package dev.calsync.contracts.event;

import static dev.calsync.contracts.internal.Checks.required;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One reminder, from an ICS {@code VALARM}.
 *
 * @param minutesBefore 0 to {@value #MAX_MINUTES_BEFORE} (four weeks, Google's limit); required on
 *     the wire, because a missing value would otherwise read as "at the start"
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Reminder(ReminderMethod method, @JsonProperty(required = true) int minutesBefore) {

    public static final int MAX_MINUTES_BEFORE = 40320;

    public Reminder {
        required(method, "Reminder.method");
        if (minutesBefore < 0 || minutesBefore > MAX_MINUTES_BEFORE) {
            throw new IllegalArgumentException(
                    "Reminder.minutesBefore must be between 0 and " + MAX_MINUTES_BEFORE);
        }
    }
}
