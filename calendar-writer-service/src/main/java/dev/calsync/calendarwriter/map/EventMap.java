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

    public void save(Entry entry) {
        db.sql("""
                        INSERT INTO google_event_map (subscriber_id, feed_id, uid, recurrence_id, google_id, generation,
                                                      version, content_hash, series_timing, deleted, override_change, updated_at)
                        VALUES (:s, :f, :u, :r, :g, :gen, :v, :h, :t, :d, :o, now())
                        ON CONFLICT (subscriber_id, feed_id, uid, recurrence_id) DO UPDATE SET
                          google_id = EXCLUDED.google_id, generation = EXCLUDED.generation,
                          version = GREATEST(google_event_map.version, EXCLUDED.version),
                          content_hash = EXCLUDED.content_hash, series_timing = EXCLUDED.series_timing,
                          deleted = EXCLUDED.deleted, override_change = EXCLUDED.override_change, updated_at = now()""")
                .param("s", entry.subscriberId()).param("f", entry.feedId()).param("u", entry.uid())
                .param("r", entry.recurrenceId()).param("g", entry.googleId()).param("gen", entry.generation())
                .param("v", entry.version()).param("h", entry.contentHash()).param("t", entry.seriesTiming())
                .param("d", entry.deleted()).param("o", entry.overrideChange())
                .update();
    }

    public void clearFeed(String subscriberId, String feedId) {
        db.sql("DELETE FROM google_event_map WHERE subscriber_id = :s AND feed_id = :f")
                .param("s", subscriberId).param("f", feedId).update();
    }

    private static Entry entry(ResultSet row, int rowNumber) throws SQLException {
        return new Entry(row.getString("subscriber_id"), row.getString("feed_id"), row.getString("uid"),
                row.getString("recurrence_id"), row.getString("google_id"), row.getInt("generation"), row.getLong("version"),
                row.getString("content_hash"), row.getString("series_timing"), row.getBoolean("deleted"),
                row.getString("override_change"));
    }
}
