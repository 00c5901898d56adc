package dev.calsync.calendarwriter.eventchange;

import java.util.List;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * {@code google_event_map}: per event of a feed the derived Google id, its generation, the last written
 * version and content hash. Blocking wrappers: used from the binder's thread.
 */
@Repository
public class EventMap {

    /** @param recurrenceId '' for a single event or series master */
    public record Entry(String subscriberId, String feedId, String uid, String recurrenceId, String googleId, int generation,
                        long version, String contentHash, String seriesTiming, boolean deleted, String overrideChange) {
    }

    private final DatabaseClient db;

    public EventMap(DatabaseClient db) {
        this.db = db;
    }

    public Optional<Entry> find(String subscriberId, String feedId, String uid, String recurrenceId) {
        return Optional.ofNullable(db.sql("""
                        SELECT * FROM google_event_map
                        WHERE subscriber_id = :s AND feed_id = :f AND uid = :u AND recurrence_id = :r""")
                .bind("s", subscriberId).bind("f", feedId).bind("u", uid).bind("r", recurrenceId)
                .map((row, meta) -> entry(row)).one().block());
    }

    public List<Entry> overridesOf(String subscriberId, String feedId, String uid) {
        return db.sql("""
                        SELECT * FROM google_event_map
                        WHERE subscriber_id = :s AND feed_id = :f AND uid = :u AND recurrence_id <> '' AND NOT deleted""")
                .bind("s", subscriberId).bind("f", feedId).bind("u", uid)
                .map((row, meta) -> entry(row)).all().collectList().block();
    }

    public void save(Entry entry) {
        var spec = db.sql("""
                        INSERT INTO google_event_map (subscriber_id, feed_id, uid, recurrence_id, google_id, generation,
                                                      version, content_hash, series_timing, deleted, override_change, updated_at)
                        VALUES (:s, :f, :u, :r, :g, :gen, :v, :h, :t, :d, :o, now())
                        ON CONFLICT (subscriber_id, feed_id, uid, recurrence_id) DO UPDATE SET
                          google_id = EXCLUDED.google_id, generation = EXCLUDED.generation,
                          version = GREATEST(google_event_map.version, EXCLUDED.version),
                          content_hash = EXCLUDED.content_hash, series_timing = EXCLUDED.series_timing,
                          deleted = EXCLUDED.deleted, override_change = EXCLUDED.override_change, updated_at = now()""")
                .bind("s", entry.subscriberId()).bind("f", entry.feedId()).bind("u", entry.uid())
                .bind("r", entry.recurrenceId()).bind("g", entry.googleId()).bind("gen", entry.generation())
                .bind("v", entry.version()).bind("d", entry.deleted());
        spec = entry.contentHash() == null ? spec.bindNull("h", String.class) : spec.bind("h", entry.contentHash());
        spec = entry.seriesTiming() == null ? spec.bindNull("t", String.class) : spec.bind("t", entry.seriesTiming());
        spec = entry.overrideChange() == null ? spec.bindNull("o", String.class) : spec.bind("o", entry.overrideChange());
        spec.fetch().rowsUpdated().block();
    }

    public void clearFeed(String subscriberId, String feedId) {
        db.sql("DELETE FROM google_event_map WHERE subscriber_id = :s AND feed_id = :f")
                .bind("s", subscriberId).bind("f", feedId).fetch().rowsUpdated().block();
    }

    private static Entry entry(io.r2dbc.spi.Readable row) {
        return new Entry(row.get("subscriber_id", String.class), row.get("feed_id", String.class), row.get("uid", String.class),
                row.get("recurrence_id", String.class), row.get("google_id", String.class),
                row.get("generation", Integer.class), row.get("version", Long.class), row.get("content_hash", String.class),
                row.get("series_timing", String.class), Boolean.TRUE.equals(row.get("deleted", Boolean.class)),
                row.get("override_change", String.class));
    }
}
