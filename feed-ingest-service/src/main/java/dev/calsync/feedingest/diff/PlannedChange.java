package dev.calsync.feedingest.diff;

import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;

/** A change to emit, before it has its version. {@code event} and {@code contentHash} are null for a delete. */
public record PlannedChange(ChangeType type, String uid, EventTime recurrenceId, String recurrenceKey,
                            String contentHash, NormalizedEvent event) {

    boolean isOverride() {
        return !recurrenceKey.isEmpty();
    }
}
