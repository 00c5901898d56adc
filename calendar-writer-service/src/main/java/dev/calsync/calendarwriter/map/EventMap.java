package dev.calsync.calendarwriter.map;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code google_event_map}: per event of a feed the derived Google id, its generation, the last written
 * version and content hash. Plain JDBC on the consumer's thread.
 */
@Repository
public class EventMap {

    /**
     * @param recurrenceId '' for a single event or series master
     * @param contentHash the hash of what was last written, cancelled content included; null once the event
     *     left the feed (a DELETE)
     * @param deleted the event left the feed (or, for a single event or series, was cancelled)
     */
    public record Entry(String subscriberId, String feedId, String uid, String recurrenceId, String googleId, int generation,
                        long version, String contentHash, String seriesTiming, boolean deleted, String overrideChange) {

        public Entry withVersion(long newVersion) {
            return new Entry(subscriberId, feedId, uid, recurrenceId, googleId, generation, newVersion, contentHash,
                    seriesTiming, deleted, overrideChange);
        }
    }

    private final JdbcClient db;

    public EventMap(JdbcClient db) {
        this.db = db;
    }

    public Optional<Entry> find(String subscriberId, String feedId, String uid, String recurrenceId) {
        return db.sql("""
                        SELECT * FROM google_event_map
                        WHERE subscriber_id = :s AND feed_id = :f AND uid = :u AND recurrence_id = :r""")
                .param("s", subscriberId).param("f", feedId).param("u", uid).param("r", recurrenceId)
                .query(EventMap::entry).optional();
    }

    public List<Entry> overridesOf(String subscriberId, String feedId, String uid) {
        return db.sql("""
                        SELECT * FROM google_event_map
                        WHERE subscriber_id = :s AND feed_id = :f AND uid = :u AND recurrence_id <> '' AND NOT deleted""")
                .param("s", subscriberId).param("f", feedId).param("u", uid)
                .query(EventMap::entry).list();
    }

    /**
     * Saves the entry and, in the same statement (one round trip on every change), raises the feed's settled
     * version: a saved entry is a settled change, and a repair dates the tombstones it finds by that version.
     */
    public void save(Entry entry) {
        db.sql("""
                        WITH saved AS (
                          INSERT INTO google_event_map (subscriber_id, feed_id, uid, recurrence_id, google_id, generation,
                                                        version, content_hash, series_timing, deleted, override_change, updated_at)
                          VALUES (:s, :f, :u, :r, :g, :gen, :v, :h, :t, :d, :o, now())
                          ON CONFLICT (subscriber_id, feed_id, uid, recurrence_id) DO UPDATE SET
                            google_id = EXCLUDED.google_id, generation = EXCLUDED.generation,
                            version = GREATEST(google_event_map.version, EXCLUDED.version),
                            content_hash = EXCLUDED.content_hash, series_timing = EXCLUDED.series_timing,
                            deleted = EXCLUDED.deleted, override_change = EXCLUDED.override_change, updated_at = now())
                        UPDATE google_calendar_map SET settled_version = GREATEST(settled_version, :v)
                        WHERE subscriber_id = :s AND feed_id = :f""")
                .param("s", entry.subscriberId()).param("f", entry.feedId()).param("u", entry.uid())
                .param("r", entry.recurrenceId()).param("g", entry.googleId()).param("gen", entry.generation())
                .param("v", entry.version()).param("h", entry.contentHash()).param("t", entry.seriesTiming())
                .param("d", entry.deleted()).param("o", entry.overrideChange())
                .update();
    }

    /** A cancelled id a repair found in the feed's calendar, whose change is settled up to {@code settledVersion}. */
    public void saveTombstone(String subscriberId, String feedId, String googleId, long settledVersion) {
        db.sql("""
                        INSERT INTO google_event_tombstone (subscriber_id, feed_id, google_id, settled_version)
                        VALUES (:s, :f, :g, :v)
                        ON CONFLICT (subscriber_id, feed_id, google_id) DO UPDATE SET
                          settled_version = GREATEST(google_event_tombstone.settled_version, EXCLUDED.settled_version)""")
                .param("s", subscriberId).param("f", feedId).param("g", googleId).param("v", settledVersion).update();
    }

    /** A cancelled id a repair found for an event, and the version up to which the event's changes are in Google. */
    public record Tombstone(String googleId, long settledVersion) {
    }

    /**
     * The tombstone a repair found for one event at {@code googleId} or, with {@code laterGenerations}, at its latest
     * generation ({@code <googleId>g<n>}). It is dated by the feed's settled version at the repair, or just before
     * the event's dead-lettered version if one waits for a replay, whichever is earlier.
     */
    public Optional<Tombstone> tombstone(String subscriberId, String feedId, String uid, String recurrenceId, String googleId,
                                         boolean laterGenerations) {
        // ids are base32hex, digits, 'T', 'Z' and '_': nothing a regular expression reads specially
        String pattern = "^" + googleId + (laterGenerations ? "(g[0-9]+)?$" : "$");
        return db.sql("""
                        SELECT t.google_id, LEAST(t.settled_version, COALESCE(d.version - 1, t.settled_version)) AS settled
                        FROM google_event_tombstone t
                        LEFT JOIN write_dead_letter d ON d.subscriber_id = t.subscriber_id AND d.feed_id = t.feed_id
                          AND d.uid = :u AND d.recurrence_id = :r
                        WHERE t.subscriber_id = :s AND t.feed_id = :f AND t.google_id ~ :pattern
                        ORDER BY length(t.google_id) DESC, t.google_id DESC
                        LIMIT 1""")
                .param("s", subscriberId).param("f", feedId).param("u", uid).param("r", recurrenceId)
                .param("pattern", pattern)
                .query((row, n) -> new Tombstone(row.getString("google_id"), row.getLong("settled")))
                .optional();
    }

    public void clearFeed(String subscriberId, String feedId) {
        db.sql("DELETE FROM google_event_map WHERE subscriber_id = :s AND feed_id = :f")
                .param("s", subscriberId).param("f", feedId).update();
        db.sql("DELETE FROM google_event_tombstone WHERE subscriber_id = :s AND feed_id = :f")
                .param("s", subscriberId).param("f", feedId).update();
    }

    private static Entry entry(ResultSet row, int rowNumber) throws SQLException {
        return new Entry(row.getString("subscriber_id"), row.getString("feed_id"), row.getString("uid"),
                row.getString("recurrence_id"), row.getString("google_id"), row.getInt("generation"), row.getLong("version"),
                row.getString("content_hash"), row.getString("series_timing"), row.getBoolean("deleted"),
                row.getString("override_change"));
    }
}
