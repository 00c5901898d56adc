package dev.calsync.feedingest.schedule;

import static dev.calsync.feedingest.feed.FeedRepository.utc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Leases on feeds, so any number of instances share the work and none fetches a feed another holds.
 * Claiming is one statement: due rows are locked with {@code FOR UPDATE SKIP LOCKED} (a concurrent
 * claimer skips them instead of waiting) and stamped with this instance and an expiry; a crashed
 * instance's leases simply expire.
 */
@Repository
public class FeedLeases {

    private final DatabaseClient db;

    public FeedLeases(DatabaseClient db) {
        this.db = db;
    }

    /** Feeds that are due (a fetch, a resync or a removal), now leased to {@code owner}. */
    public List<String> claimDue(String owner, int limit, Instant now, Duration lease) {
        return db.sql("""
                UPDATE feed_state SET lease_owner = :owner, lease_until = :until
                WHERE feed_id IN (
                    SELECT feed_id FROM feed_state f
                    WHERE (lease_until IS NULL OR lease_until < :now)
                      AND next_fetch_at <= :now
                      -- paused (no current grant) is read from the grant table
                      AND ((subscribed AND EXISTS (SELECT 1 FROM subscriber_grant g
                                                   WHERE g.subscriber_id = f.subscriber_id AND NOT g.revoked))
                           OR (NOT subscribed AND NOT removal_emitted))
                    ORDER BY next_fetch_at
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                RETURNING feed_id
                """)
                .bind("owner", owner).bind("until", utc(now.plus(lease))).bind("now", utc(now)).bind("limit", limit)
                .map(row -> row.get("feed_id", String.class)).all().collectList().block();
    }

    /** Keeps a long run's lease (a first fetch of a big feed sends thousands of changes one by one). */
    public boolean extend(String feedId, String owner, Instant now, Duration lease) {
        Long rows = db.sql("UPDATE feed_state SET lease_until = :until WHERE feed_id = :f AND lease_owner = :owner")
                .bind("until", utc(now.plus(lease))).bind("f", feedId).bind("owner", owner).fetch().rowsUpdated().block();
        return rows != null && rows == 1;
    }

    public void release(String feedId, String owner) {
        db.sql("UPDATE feed_state SET lease_owner = NULL, lease_until = NULL WHERE feed_id = :f AND lease_owner = :owner")
                .bind("f", feedId).bind("owner", owner).fetch().rowsUpdated().block();
    }
}
