package dev.calsync.contracts;

/**
 * Kafka topic names. Every topic is keyed by subscriber id so that one person's changes stay in
 * order. The version is part of the name: an incompatible contract change gets a new topic rather
 * than a new meaning for old records.
 */
public final class Topics {

    public static final String TOKEN_GRANTED = "calsync.token-granted.v1";
    public static final String TOKEN_REVOKED = "calsync.token-revoked.v1";
    public static final String FEED_SUBSCRIPTION = "calsync.feed-subscription.v1";
    public static final String EVENT_CHANGED = "calsync.event-changed.v1";
    /** Carries the original {@code EventChanged} record plus the permanent error; it has no record of its own. */
    public static final String EVENT_CHANGED_DLQ = "calsync.event-changed.v1.dlq";
    public static final String RESYNC_REQUESTED = "calsync.resync-requested.v1";
    public static final String SYNC_STATUS = "calsync.sync-status.v1";

    private Topics() {
    }
}
