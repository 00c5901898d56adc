package dev.calsync.calendarwriter.calendar;

import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** {@code google_calendar_map}: the feed's calendar, its creation intent, or its removal tombstone. */
@Repository
public class CalendarMap {

    public enum State { INTENT, ACTIVE, REMOVED }

    public record Entry(String subscriberId, String feedId, State state, String calendarId, String marker,
                        Long removedAtVersion) {
    }

    private final DatabaseClient db;

    public CalendarMap(DatabaseClient db) {
        this.db = db;
    }

    public Optional<Entry> find(String subscriberId, String feedId) {
        return Optional.ofNullable(db.sql("SELECT * FROM google_calendar_map WHERE subscriber_id = :s AND feed_id = :f")
                .bind("s", subscriberId).bind("f", feedId)
                .map((row, meta) -> new Entry(row.get("subscriber_id", String.class), row.get("feed_id", String.class),
                        State.valueOf(row.get("state", String.class)), row.get("calendar_id", String.class),
                        row.get("marker", String.class), row.get("removed_at_version", Long.class)))
                .one().block());
    }

    /** Intent first: the row exists before Google is asked to create the calendar. */
    public void saveIntent(String subscriberId, String feedId, String marker) {
        db.sql("""
                        INSERT INTO google_calendar_map (subscriber_id, feed_id, state, calendar_id, marker)
                        VALUES (:s, :f, 'INTENT', NULL, :m)
                        ON CONFLICT (subscriber_id, feed_id) DO UPDATE SET state = 'INTENT', calendar_id = NULL,
                          marker = EXCLUDED.marker, removed_at_version = NULL, updated_at = now()""")
                .bind("s", subscriberId).bind("f", feedId).bind("m", marker).fetch().rowsUpdated().block();
    }

    public void activate(String subscriberId, String feedId, String calendarId) {
        db.sql("""
                        UPDATE google_calendar_map SET state = 'ACTIVE', calendar_id = :c, updated_at = now()
                        WHERE subscriber_id = :s AND feed_id = :f""")
                .bind("s", subscriberId).bind("f", feedId).bind("c", calendarId).fetch().rowsUpdated().block();
    }

    public void tombstone(String subscriberId, String feedId, String marker, long version) {
        db.sql("""
                        INSERT INTO google_calendar_map (subscriber_id, feed_id, state, calendar_id, marker, removed_at_version)
                        VALUES (:s, :f, 'REMOVED', NULL, :m, :v)
                        ON CONFLICT (subscriber_id, feed_id) DO UPDATE SET state = 'REMOVED', calendar_id = NULL,
                          removed_at_version = GREATEST(COALESCE(google_calendar_map.removed_at_version, 0), EXCLUDED.removed_at_version),
                          updated_at = now()""")
                .bind("s", subscriberId).bind("f", feedId).bind("m", marker).bind("v", version).fetch().rowsUpdated().block();
    }
}
