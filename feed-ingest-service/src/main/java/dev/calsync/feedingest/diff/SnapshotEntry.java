package dev.calsync.feedingest.diff;

/**
 * One row of {@code feed_event}: what the writer was last told about one event of a feed.
 *
 * @param recurrenceKey {@code EventTime.canonical()} of the RECURRENCE-ID, {@code ""} for a series or single event
 * @param eventJson the NormalizedEvent last emitted, null once deleted
 */
public record SnapshotEntry(String uid, String recurrenceKey, String contentHash, long version, boolean deleted,
                            String eventJson) {

    public String key() {
        return key(uid, recurrenceKey);
    }

    static String key(String uid, String recurrenceKey) {
        return uid + '\u0000' + recurrenceKey;
    }
}
