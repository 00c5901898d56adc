package dev.calsync.calendarwriter.map;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code google_calendar_map}: the feed's calendar, its creation intent, or its removal tombstone. Plain JDBC. */
@Repository
public class CalendarMap {

    public enum State { INTENT, ACTIVE, REMOVED }

    public record Entry(String subscriberId, String feedId, State state, String calendarId, String marker,
                        Long removedAtVersion) {
    }

    private final JdbcClient db;

    public CalendarMap(JdbcClient db) {
        this.db = db;
    }

    public Optional<Entry> find(String subscriberId, String feedId) {
        return db.sql("SELECT * FROM google_calendar_map WHERE subscriber_id = :s AND feed_id = :f")
                .param("s", subscriberId).param("f", feedId)
                .query((row, n) -> new Entry(row.getString("subscriber_id"), row.getString("feed_id"),
                        State.valueOf(row.getString("state")), row.getString("calendar_id"), row.getString("marker"),
                        row.getObject("removed_at_version", Long.class)))
                .optional();
    }

    /** The highest version of the feed whose change is settled in Google; 0 when none is. */
    public long settledVersion(String subscriberId, String feedId) {
        return db.sql("SELECT settled_version FROM google_calendar_map WHERE subscriber_id = :s AND feed_id = :f")
                .param("s", subscriberId).param("f", feedId).query(Long.class).optional().orElse(0L);
    }

    /** The subscriber's feeds that have (or are getting) a calendar, removed ones not. */
    public List<String> feedsOf(String subscriberId) {
        return db.sql("SELECT feed_id FROM google_calendar_map WHERE subscriber_id = :s AND state <> 'REMOVED' ORDER BY feed_id")
                .param("s", subscriberId).query(String.class).list();
    }

    /** Intent first: the row exists before Google is asked to create the calendar. */
    public void saveIntent(String subscriberId, String feedId, String marker) {
        db.sql("""
                        INSERT INTO google_calendar_map (subscriber_id, feed_id, state, calendar_id, marker)
                        VALUES (:s, :f, 'INTENT', NULL, :m)
                        ON CONFLICT (subscriber_id, feed_id) DO UPDATE SET state = 'INTENT', calendar_id = NULL,
                          marker = EXCLUDED.marker, removed_at_version = NULL, updated_at = now()""")
                .param("s", subscriberId).param("f", feedId).param("m", marker).update();
    }

    public void activate(String subscriberId, String feedId, String calendarId) {
        db.sql("""
                        UPDATE google_calendar_map SET state = 'ACTIVE', calendar_id = :c, updated_at = now()
                        WHERE subscriber_id = :s AND feed_id = :f""")
                .param("s", subscriberId).param("f", feedId).param("c", calendarId).update();
    }

    public void tombstone(String subscriberId, String feedId, String marker, long version) {
        db.sql("""
                        INSERT INTO google_calendar_map (subscriber_id, feed_id, state, calendar_id, marker, removed_at_version)
                        VALUES (:s, :f, 'REMOVED', NULL, :m, :v)
                        ON CONFLICT (subscriber_id, feed_id) DO UPDATE SET state = 'REMOVED', calendar_id = NULL,
                          removed_at_version = GREATEST(COALESCE(google_calendar_map.removed_at_version, 0), EXCLUDED.removed_at_version),
                          updated_at = now()""")
                .param("s", subscriberId).param("f", feedId).param("m", marker).param("v", version).update();
    }
}
