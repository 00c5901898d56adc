package dev.calsync.calendarwriter.park;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.event.EventChanged;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code subscriber_park} and {@code parked_feed_removal}: who is parked, since when, until when and why. Plain JDBC.
 * Whether a subscriber is parked is asked for every change, so it is answered from a snapshot of the parks in force,
 * read at most once per {@link #SNAPSHOT_AGE} and dropped whenever this instance changes a park; another
 * instance's new park is seen within that age (meanwhile a change may still try Google, which answers with its
 * limit again and parks nothing twice).
 */
@Repository
public class SubscriberParks {

    public record Park(String subscriberId, Instant since, Instant until, String reason) {
    }

    static final Duration SNAPSHOT_AGE = Duration.ofSeconds(1);

    private record Snapshot(long takenNanos, Map<String, Instant> untilBySubscriber) {
    }

    private final JdbcClient db;
    private volatile Snapshot snapshot;

    public SubscriberParks(JdbcClient db) {
        this.db = db;
    }

    /** Whether the subscriber is parked at {@code now}, from the snapshot. */
    public boolean inForce(String subscriberId, Instant now) {
        Snapshot current = snapshot;
        if (current == null || System.nanoTime() - current.takenNanos() > SNAPSHOT_AGE.toNanos()) {
            Map<String, Instant> parks = db.sql("SELECT subscriber_id, until FROM subscriber_park WHERE until > :now")
                    .param("now", Timestamp.from(now))
                    .query((row, n) -> Map.entry(row.getString("subscriber_id"), row.getTimestamp("until").toInstant()))
                    .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            current = new Snapshot(System.nanoTime(), parks);
            snapshot = current;
        }
        Instant until = current.untilBySubscriber().get(subscriberId);
        return until != null && until.isAfter(now);
    }

    /**
     * Parks the subscriber unless a park is in force (another instance's, or this one's before a replay); a park
     * that ended and was not lifted yet is replaced (its resync comes with the new park's end).
     *
     * @return whether this call parked it
     */
    public boolean park(String subscriberId, Instant since, Instant until, String reason) {
        boolean parked = db.sql("""
                        INSERT INTO subscriber_park (subscriber_id, since, until, reason) VALUES (:s, :since, :until, :r)
                        ON CONFLICT (subscriber_id) DO UPDATE SET since = EXCLUDED.since, until = EXCLUDED.until,
                          reason = EXCLUDED.reason
                        WHERE subscriber_park.until <= EXCLUDED.since""")
                .param("s", subscriberId).param("since", Timestamp.from(since)).param("until", Timestamp.from(until))
                .param("r", reason).update() > 0;
        // the snapshot must see this park before the next change of the subscriber is taken
        snapshot = null;
        return parked;
    }

    /** The subscriber's park, ended or not (an ended one is lifted by {@link ParkSweeper} within its interval). */
    public Optional<Park> find(String subscriberId) {
        return db.sql("SELECT * FROM subscriber_park WHERE subscriber_id = :s").param("s", subscriberId)
                .query((row, n) -> new Park(row.getString("subscriber_id"), row.getTimestamp("since").toInstant(),
                        row.getTimestamp("until").toInstant(), row.getString("reason")))
                .optional();
    }

    /** Ends the subscriber's park now: {@link ParkSweeper} lifts it with its next pass. */
    public void endNow(String subscriberId, Instant now) {
        db.sql("UPDATE subscriber_park SET until = :now WHERE subscriber_id = :s AND until > :now")
                .param("s", subscriberId).param("now", Timestamp.from(now)).update();
        snapshot = null;
    }

    /** Keeps a feed's removal until the park ends (the newest one per feed). */
    public void holdRemoval(EventChanged removal) {
        db.sql("""
                        INSERT INTO parked_feed_removal (subscriber_id, feed_id, change_json) VALUES (:s, :f, :c)
                        ON CONFLICT (subscriber_id, feed_id) DO UPDATE SET change_json = EXCLUDED.change_json""")
                .param("s", removal.subscriberId()).param("f", removal.feedId()).param("c", ContractJson.encode(removal))
                .update();
    }

    /** A revocation: the park and what it held go (nothing can be written without a grant, and a new grant resyncs). */
    public boolean clear(String subscriberId) {
        db.sql("DELETE FROM parked_feed_removal WHERE subscriber_id = :s").param("s", subscriberId).update();
        boolean cleared = db.sql("DELETE FROM subscriber_park WHERE subscriber_id = :s").param("s", subscriberId).update() > 0;
        snapshot = null;
        return cleared;
    }

    /** Parks that ended, locked for the caller's transaction (another instance skips them). */
    List<String> endedForUpdate(Instant now, int limit) {
        return db.sql("""
                        SELECT subscriber_id FROM subscriber_park WHERE until <= :now ORDER BY until
                        LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("now", Timestamp.from(now)).param("limit", limit).query(String.class).list();
    }

    /** Takes the removals held for the subscriber (deleted in the caller's transaction). */
    List<EventChanged> takeRemovals(String subscriberId) {
        List<EventChanged> removals = db.sql("SELECT change_json FROM parked_feed_removal WHERE subscriber_id = :s")
                .param("s", subscriberId).query((row, n) -> ContractJson.decode(row.getBytes("change_json"), EventChanged.class))
                .list();
        db.sql("DELETE FROM parked_feed_removal WHERE subscriber_id = :s").param("s", subscriberId).update();
        return removals;
    }

    void lift(String subscriberId) {
        db.sql("DELETE FROM subscriber_park WHERE subscriber_id = :s").param("s", subscriberId).update();
        snapshot = null;
    }
}
