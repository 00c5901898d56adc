package dev.calsync.contracts.event;

/**
 * No default for unknown values on purpose: a consumer that guessed would either write or delete
 * events it should not. An unknown change type is a permanent error (the DLQ), not a skip.
 */
public enum ChangeType {
    /** The event is new or changed; the record carries it. */
    UPSERT,
    /** The event left the feed or was cancelled. */
    DELETE,
    /** The person unsubscribed from the feed: its calendar goes, with all its events. */
    FEED_REMOVED
}
