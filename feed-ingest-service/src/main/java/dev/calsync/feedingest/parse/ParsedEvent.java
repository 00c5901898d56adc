package dev.calsync.feedingest.parse;

import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;

/**
 * One VEVENT of a feed, normalized.
 *
 * @param recurrenceId null for a single event or a series, set for an override of one occurrence
 */
public record ParsedEvent(String uid, EventTime recurrenceId, NormalizedEvent event) {

    /** The snapshot key's second half: {@code ""} for a series or single event. */
    public String recurrenceKey() {
        return recurrenceId == null ? "" : recurrenceId.canonical();
    }
}
