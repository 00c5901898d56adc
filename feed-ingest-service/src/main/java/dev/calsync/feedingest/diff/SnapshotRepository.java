package dev.calsync.feedingest.diff;

import static dev.calsync.feedingest.feed.FeedRepository.utc;

import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.ContractJson;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * {@code feed_event} and the version sequence. A snapshot is committed in one transaction, together
 * with the feed's fetch state, and only while this instance still holds the feed's lease.
 */
@Repository
public class SnapshotRepository {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final java.time.Clock clock;

    public SnapshotRepository(DatabaseClient db, TransactionalOperator transaction, java.time.Clock clock) {
        this.db = db;
        this.transaction = transaction;
        this.clock = clock;
    }

    public List<SnapshotEntry> load(String feedId) {
        return db.sql("SELECT uid, recurrence_id, content_hash, version, deleted, event_json FROM feed_event WHERE feed_id = :f")
                .bind("f", feedId)
                .map(row -> new SnapshotEntry(row.get("uid", String.class), row.get("recurrence_id", String.class),
                        row.get("content_hash", String.class), row.get("version", Long.class),
                        Boolean.TRUE.equals(row.get("deleted", Boolean.class)), row.get("event_json", String.class)))
                .all().collectList().block();
    }

    /** {@code count} new versions, ascending: from the PostgreSQL sequence, so they only grow across crashes and instances. */
    public List<Long> nextVersions(int count) {
        if (count == 0) {
            return List.of();
        }
        return db.sql("SELECT nextval('event_version_seq') AS v FROM generate_series(1, :n) ORDER BY 1")
                .bind("n", count).map(row -> row.get("v", Long.class)).all().collectList().block();
    }

    /** What the fetch changed in the feed's row, committed with its snapshot. */
    public record FeedUpdate(String etag, String lastModified, Instant nextFetchAt, Instant lastSuccessAt,
                             String lastError, int consecutiveFailures, int suspectFetches, boolean contentIdentity,
                             boolean resyncDone) {
    }

    /**
     * Writes the emitted changes into the snapshot and the feed's fetch state in one transaction.
     *
     * @return false when the lease was lost meanwhile (nothing written; the next holder fetches again)
     */
    public boolean commit(String feedId, String leaseOwner, List<EventChanged> emitted, FeedUpdate update) {
        int n = emitted.size();
        String[] uids = new String[n];
        String[] recurrenceIds = new String[n];
        String[] hashes = new String[n];
        Long[] versions = new Long[n];
        Boolean[] deleted = new Boolean[n];
        String[] json = new String[n];
        for (int i = 0; i < n; i++) {
            EventChanged change = emitted.get(i);
            uids[i] = change.uid();
            recurrenceIds[i] = change.recurrenceId() == null ? "" : change.recurrenceId().canonical();
            boolean isDelete = change.changeType() == ChangeType.DELETE;
            hashes[i] = isDelete ? "" : change.contentHash();
            versions[i] = change.version();
            deleted[i] = isDelete;
            json[i] = isDelete ? null : toJson(change);
        }
        Mono<Long> feedRow = bindFeedUpdate(db.sql("""
                UPDATE feed_state SET etag = :etag, last_modified = :lastModified,
                    -- unsubscribed while this run went on: its removal stays due now, not after the next fetch's delay
                    next_fetch_at = CASE WHEN subscribed THEN :next ELSE LEAST(next_fetch_at, :next) END,
                    last_fetch_at = :now, last_success_at = COALESCE(:success, last_success_at), last_error = :error,
                    consecutive_failures = :failures, suspect_fetches = :suspect, content_identity = :contentIdentity,
                    resync_requested = resync_requested AND NOT :resyncDone
                WHERE feed_id = :f AND lease_owner = :owner
                """).bind("f", feedId).bind("owner", leaseOwner), update)
                .bind("now", utc(clock.instant()))
                .fetch().rowsUpdated();
        Mono<Long> events = n == 0 ? Mono.just(0L) : db.sql("""
                INSERT INTO feed_event (feed_id, uid, recurrence_id, content_hash, version, deleted, event_json)
                SELECT :f, * FROM unnest(:uids::text[], :rids::text[], :hashes::text[], :versions::bigint[],
                                         :deleted::boolean[], :json::text[])
                ON CONFLICT (feed_id, uid, recurrence_id) DO UPDATE SET content_hash = EXCLUDED.content_hash,
                    version = EXCLUDED.version, deleted = EXCLUDED.deleted, event_json = EXCLUDED.event_json
                """).bind("f", feedId).bind("uids", uids).bind("rids", recurrenceIds).bind("hashes", hashes)
                .bind("versions", versions).bind("deleted", deleted).bind("json", json)
                .fetch().rowsUpdated();
        Boolean committed = feedRow
                .flatMap(rows -> rows == 1 ? events.thenReturn(true)
                        : Mono.error(new LeaseLostException()))
                .as(transaction::transactional)
                .onErrorResume(LeaseLostException.class, lost -> Mono.just(false))
                .block();
        return Boolean.TRUE.equals(committed);
    }

    /** Only the feed row (a 304, a failure, a suspect fetch): the snapshot stays as it is. */
    public boolean updateFeedOnly(String feedId, String leaseOwner, FeedUpdate update) {
        return commit(feedId, leaseOwner, List.of(), update);
    }

    /** After FEED_REMOVED: the feed's events are gone for the writer too. */
    public void removeFeed(String feedId, String leaseOwner) {
        Mono<Long> clear = db.sql("DELETE FROM feed_event WHERE feed_id = :f").bind("f", feedId).fetch().rowsUpdated();
        db.sql("""
                UPDATE feed_state SET removal_emitted = true, etag = NULL, last_modified = NULL, resync_requested = false,
                    content_identity = false, suspect_fetches = 0
                WHERE feed_id = :f AND lease_owner = :owner AND NOT subscribed
                """).bind("f", feedId).bind("owner", leaseOwner).fetch().rowsUpdated()
                .flatMap(rows -> rows == 1 ? clear : Mono.just(0L))
                .as(transaction::transactional).block();
    }

    private static org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec bindFeedUpdate(
            org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec spec, FeedUpdate update) {
        spec = bindNullable(spec, "etag", update.etag());
        spec = bindNullable(spec, "lastModified", update.lastModified());
        spec = bindNullable(spec, "error", update.lastError());
        spec = spec.bind("next", utc(update.nextFetchAt()));
        spec = update.lastSuccessAt() == null ? spec.bindNull("success", java.time.OffsetDateTime.class)
                : spec.bind("success", utc(update.lastSuccessAt()));
        return spec.bind("failures", update.consecutiveFailures()).bind("suspect", update.suspectFetches())
                .bind("contentIdentity", update.contentIdentity()).bind("resyncDone", update.resyncDone());
    }

    private static org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec bindNullable(
            org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    private static String toJson(EventChanged change) {
        try {
            return ContractJson.objectMapper().writeValueAsString(change.event());
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static final class LeaseLostException extends RuntimeException {
        LeaseLostException() {
            super("the feed's lease was lost", null, false, false);
        }
    }
}
