package dev.calsync.feedingest.feed;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * {@code feed_state}. Blocking on purpose: callers are Kafka binder threads and the fetch workers,
 * never an event-loop thread.
 */
@Repository
public class FeedRepository {

    static final String SELECT = """
            SELECT f.*, g.grant_id AS current_grant_id, g.revoked AS grant_revoked
            FROM feed_state f LEFT JOIN subscriber_grant g ON g.subscriber_id = f.subscriber_id
            """;

    private static final String REQUEST_RESYNC =
            "UPDATE feed_state SET resync_requested = true, next_fetch_at = LEAST(next_fetch_at, :now) WHERE subscribed";

    private final DatabaseClient db;

    public FeedRepository(DatabaseClient db) {
        this.db = db;
    }

    public Optional<FeedState> find(String feedId) {
        return Optional.ofNullable(db.sql(SELECT + " WHERE f.feed_id = :feedId").bind("feedId", feedId)
                .map(FeedRepository::feedState).one().block());
    }

    /**
     * Applies a subscription record unless a newer one was applied already (replays and reordering
     * change nothing). A feed subscribed again after its removal starts from an empty snapshot.
     */
    public void subscribe(String feedId, String subscriberId, String displayName, String encryptedUrl, Instant at,
                          Instant now) {
        db.sql("""
                INSERT INTO feed_state (feed_id, subscriber_id, display_name, encrypted_url, subscribed, subscription_at,
                                        next_fetch_at)
                VALUES (:feedId, :subscriberId, :displayName, :url, true, :at, :now)
                ON CONFLICT (feed_id) DO UPDATE SET
                    display_name = EXCLUDED.display_name,
                    encrypted_url = EXCLUDED.encrypted_url,
                    subscribed = true,
                    subscription_at = EXCLUDED.subscription_at,
                    removal_emitted = false,
                    next_fetch_at = CASE WHEN feed_state.subscribed THEN feed_state.next_fetch_at ELSE EXCLUDED.next_fetch_at END,
                    etag = CASE WHEN feed_state.subscribed AND feed_state.encrypted_url = EXCLUDED.encrypted_url
                                THEN feed_state.etag END,
                    last_modified = CASE WHEN feed_state.subscribed AND feed_state.encrypted_url = EXCLUDED.encrypted_url
                                THEN feed_state.last_modified END
                WHERE feed_state.subscription_at < EXCLUDED.subscription_at
                """)
                .bind("feedId", feedId).bind("subscriberId", subscriberId).bind("displayName", displayName)
                .bind("url", encryptedUrl).bind("at", utc(at)).bind("now", utc(now))
                .fetch().rowsUpdated().block();
    }

    /** Marks the feed for removal; the worker emits FEED_REMOVED under the feed's lease. */
    public void unsubscribe(String feedId, String subscriberId, Instant at, Instant now) {
        db.sql("""
                INSERT INTO feed_state (feed_id, subscriber_id, subscribed, subscription_at, next_fetch_at, removal_emitted)
                VALUES (:feedId, :subscriberId, false, :at, :now, true)
                ON CONFLICT (feed_id) DO UPDATE SET subscribed = false, subscription_at = EXCLUDED.subscription_at,
                    next_fetch_at = EXCLUDED.next_fetch_at
                WHERE feed_state.subscription_at < EXCLUDED.subscription_at AND feed_state.subscribed
                """)
                .bind("feedId", feedId).bind("subscriberId", subscriberId).bind("at", utc(at)).bind("now", utc(now))
                .fetch().rowsUpdated().block();
    }

    /** Asks for a resync (and makes the feed due), done by whichever instance next holds the lease. */
    public boolean requestResync(String feedId, Instant now) {
        Long updated = db.sql(REQUEST_RESYNC + " AND feed_id = :feedId")
                .bind("feedId", feedId).bind("now", utc(now)).fetch().rowsUpdated().block();
        return updated != null && updated > 0;
    }

    /** {@link #requestResync(String, Instant)} when the feed is subscribed and belongs to {@code subscriberId}. */
    public boolean requestResync(String feedId, String subscriberId, Instant now) {
        Long updated = db.sql(REQUEST_RESYNC + " AND feed_id = :feedId AND subscriber_id = :s")
                .bind("feedId", feedId).bind("s", subscriberId).bind("now", utc(now)).fetch().rowsUpdated().block();
        return updated != null && updated > 0;
    }

    /** Asks for a resync of every subscribed feed of the subscriber, in one statement; returns how many. */
    public long requestResyncOfSubscriber(String subscriberId, Instant now) {
        Long updated = db.sql(REQUEST_RESYNC + " AND subscriber_id = :s")
                .bind("s", subscriberId).bind("now", utc(now)).fetch().rowsUpdated().block();
        return updated == null ? 0 : updated;
    }

    public boolean makeDue(String feedId, Instant now) {
        Long updated = db.sql("UPDATE feed_state SET next_fetch_at = LEAST(next_fetch_at, :now) WHERE feed_id = :feedId AND subscribed")
                .bind("feedId", feedId).bind("now", utc(now)).fetch().rowsUpdated().block();
        return updated != null && updated > 0;
    }

    static FeedState feedState(Readable row) {
        return new FeedState(
                row.get("feed_id", String.class),
                row.get("subscriber_id", String.class),
                row.get("display_name", String.class),
                row.get("encrypted_url", String.class),
                Boolean.TRUE.equals(row.get("subscribed", Boolean.class)),
                Boolean.TRUE.equals(row.get("removal_emitted", Boolean.class)),
                // paused = no current grant (none ever seen, or the stored one revoked)
                row.get("current_grant_id", UUID.class) == null || Boolean.TRUE.equals(row.get("grant_revoked", Boolean.class)),
                Boolean.TRUE.equals(row.get("resync_requested", Boolean.class)),
                row.get("etag", String.class),
                row.get("last_modified", String.class),
                instant(row.get("next_fetch_at", OffsetDateTime.class)),
                instant(row.get("last_success_at", OffsetDateTime.class)),
                row.get("last_error", String.class),
                row.get("consecutive_failures", Integer.class),
                row.get("suspect_fetches", Integer.class),
                Boolean.TRUE.equals(row.get("content_identity", Boolean.class)),
                row.get("current_grant_id", UUID.class));
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
