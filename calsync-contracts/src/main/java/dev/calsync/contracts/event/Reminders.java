package dev.calsync.contracts.event;

import static dev.calsync.contracts.internal.Checks.listOf;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The reminders a feed sets on an event. An empty list means the event gets no reminders at all
 * (not even the calendar's default ones).
 *
 * @param overrides at most {@value #MAX_OVERRIDES}, Google's limit; producers choose which to keep
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Reminders(List<Reminder> overrides) {

    public static final int MAX_OVERRIDES = 5;

    public Reminders {
        overrides = listOf(overrides, "Reminders.overrides");
        if (overrides.size() > MAX_OVERRIDES) {
            throw new IllegalArgumentException("Reminders.overrides must not hold more than " + MAX_OVERRIDES
                    + " reminders, Google's limit");
        }
    }
}
