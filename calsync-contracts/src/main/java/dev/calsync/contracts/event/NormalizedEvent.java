package dev.calsync.contracts.event;

import static dev.calsync.contracts.internal.Checks.required;
import static dev.calsync.contracts.internal.Checks.textListOf;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * An ICS {@code VEVENT} reduced to what Google Calendar can hold. Only {@code start} is required;
 * absent optional values read as their ICS defaults, so a record always says what it means.
 *
 * @param summary nullable
 * @param description nullable
 * @param location nullable
 * @param url nullable
 * @param end nullable: an ICS event may have neither {@code DTEND} nor {@code DURATION}
 * @param recurrence {@code RRULE}, {@code RDATE} and {@code EXDATE} content lines as Google takes
 *     them, e.g. {@code RRULE:FREQ=WEEKLY;BYDAY=MO}; empty when the event does not repeat (null reads
 *     as empty)
 * @param status null reads as {@link EventStatus#CONFIRMED}
 * @param transparency null reads as {@link Transparency#OPAQUE}
 * @param visibility from ICS {@code CLASS}; null reads as {@link Visibility#DEFAULT}
 * @param sequence ICS {@code SEQUENCE}, not negative; null reads as 0
 * @param reminders null when the feed defines no reminders, so that the writer leaves alone any the
 *     person set in Google
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NormalizedEvent(
        String summary,
        String description,
        String location,
        String url,
        EventTime start,
        EventTime end,
        List<String> recurrence,
        EventStatus status,
        Transparency transparency,
        Visibility visibility,
        Integer sequence,
        Reminders reminders) {

    public NormalizedEvent {
        required(start, "NormalizedEvent.start");
        recurrence = recurrence == null ? List.of() : textListOf(recurrence, "NormalizedEvent.recurrence");
        status = status == null ? EventStatus.CONFIRMED : status;
        transparency = transparency == null ? Transparency.OPAQUE : transparency;
        visibility = visibility == null ? Visibility.DEFAULT : visibility;
        sequence = sequence == null ? Integer.valueOf(0) : sequence;
        if (sequence < 0) {
            throw new IllegalArgumentException("NormalizedEvent.sequence must not be negative");
        }
    }

    /**
     * Leaves out what people wrote (summary, description, location, url): feeds carry private meeting
     * links and personal notes, and records end up in log lines.
     */
    @Override
    public String toString() {
        return "NormalizedEvent[start=" + start.canonical() + ", end=" + (end == null ? null : end.canonical())
                + ", recurrenceLines=" + recurrence.size() + ", status=" + status + ", sequence=" + sequence
                + ", reminders=" + (reminders == null ? "feed defines none" : reminders.overrides().size()) + "]";
    }
}
