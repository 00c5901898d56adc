package dev.calsync.oauth.status;

import dev.calsync.contracts.status.SyncStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The small read model of sync status behind the page; see V3__sync_status_view.sql. One status is applied in
 * one transaction, so the page never shows its stage columns without its error columns or the other way round.
 *
 * <p>{@code last_error} is shared by the stages (fetch, parse, emit, write, token); {@code last_error_stage}
 * records which one set it, and only a success of that same stage clears it: a fetch that succeeded, even
 * one that found nothing new, says nothing about a failed write. A write clears a write error only when it
 * wrote something (added + changed + deleted > 0): a write that only skipped (replay, unchanged content)
 * made no Google call, so it proves nothing about the calendar. A write's wait ({@code PAUSED}: a change retried,
 * the subscriber parked at Google's usage limit) is kept as stage {@code WRITE_WAIT}, which any later write
 * clears, one that only skipped included: the writer got through. An error recorded before the stage was kept
 * (stage NULL) is cleared by any such success, as before. Whether the person must reconnect is not kept here
 * but on the account row (google_account's revocation, see {@code Accounts.Account#reconnectNeeded}), which
 * no status changes.
 */
@Component
public class SyncStatusView {

    /** What the page shows for one feed. */
    /**
     * @param lastFetchOutcome see {@link StatusRules#fetchOutcome}: NOT_MODIFIED, SUCCESS, PARTIAL, SUSPECT,
     *     FETCH_FAILED, UNREADABLE, SEND_FAILED
     * @param calendarEvents events the feed's Google calendar holds after the last write; null until known
     * @param warnings what the last reading of the feed read leniently or left out, one line each (docs/feeds.md)
     */
    public record FeedStatus(Instant lastFetchAt, String lastFetchOutcome, Instant lastWriteAt, String lastWriteOutcome,
                             int added, int changed, int deleted, int unchanged, Integer calendarEvents, String lastError,
                             Instant lastErrorAt, List<String> warnings) {
    }

    public record SubscriberStatus(Map<String, FeedStatus> feeds, FeedStatus subscriber) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    public SyncStatusView(DatabaseClient db, TransactionalOperator transaction) {
        this.db = db;
        this.transaction = transaction;
    }

    public Mono<Void> apply(SyncStatus status) {
        String feedKey = status.feedId() == null ? "" : status.feedId();
        Mono<Void> ensureRow = db.sql("INSERT INTO sync_status_view (subscriber_id, feed_key, updated_at) VALUES (:s, :f, :at) "
                        + "ON CONFLICT DO NOTHING")
                .bind("s", status.subscriberId()).bind("f", feedKey).bind("at", status.at()).then();
        Mono<Void> stage = switch (StatusRules.stageColumns(status.stage())) {
            case FETCH -> StatusRules.replacesWarnings(status)
                    ? update("last_fetch_at = :at, last_fetch_outcome = :outcome, last_fetch_warnings = :warnings",
                            "last_fetch_at", status, StatusRules.fetchOutcome(status), feedKey)
                            .bind("warnings", status.warnings().toArray(String[]::new)).then()
                    : update("last_fetch_at = :at, last_fetch_outcome = :outcome", "last_fetch_at", status,
                            StatusRules.fetchOutcome(status), feedKey).then();
            case WRITE -> {
                // an older writer sends no calendar count: the last known one stays
                DatabaseClient.GenericExecuteSpec write = update("last_write_at = :at, last_write_outcome = :outcome, "
                        + "added = :added, changed = :changed, deleted = :deleted, unchanged = :unchanged, "
                        + "calendar_events = COALESCE(:calendarEvents, calendar_events)", "last_write_at", status,
                        status.outcome().name(), feedKey)
                        .bind("added", status.counts().added()).bind("changed", status.counts().changed())
                        .bind("deleted", status.counts().deleted()).bind("unchanged", status.counts().unchanged());
                yield (status.calendarEvents() == null ? write.bindNull("calendarEvents", Integer.class)
                        : write.bind("calendarEvents", status.calendarEvents())).then();
            }
            case NONE -> Mono.empty();
        };
        StatusRules.ErrorChange errorChange = StatusRules.errorChange(status);
        Mono<Void> errorColumns = switch (errorChange.kind()) {
            case RECORD -> db.sql("UPDATE sync_status_view SET last_error = :error, "
                            + "last_error_stage = :stage, last_error_at = :at, updated_at = :at "
                            + "WHERE subscriber_id = :s AND feed_key = :f AND (last_error_at IS NULL OR last_error_at <= :at)")
                    .bind("error", errorChange.error()).bind("stage", StatusRules.errorStage(status)).bind("at", status.at())
                    .bind("s", status.subscriberId()).bind("f", feedKey).then();
            case CLEAR_OWN_STAGE -> db.sql("UPDATE sync_status_view SET last_error = NULL, "
                            + "last_error_stage = NULL, last_error_at = :at, updated_at = :at WHERE subscriber_id = :s AND feed_key = :f "
                            + "AND (last_error_stage IS NULL OR last_error_stage = :stage OR last_error_stage = :wait) "
                            + "AND (last_error_at IS NULL OR last_error_at <= :at)")
                    .bind("at", status.at()).bind("s", status.subscriberId()).bind("f", feedKey)
                    .bind("stage", status.stage().name()).bind("wait", StatusRules.WRITE_WAIT).then();
            case CLEAR_WAIT -> db.sql("UPDATE sync_status_view SET last_error = NULL, "
                            + "last_error_stage = NULL, last_error_at = :at, updated_at = :at WHERE subscriber_id = :s AND feed_key = :f "
                            + "AND last_error_stage = :wait AND last_error_at <= :at")
                    .bind("at", status.at()).bind("s", status.subscriberId()).bind("f", feedKey)
                    .bind("wait", StatusRules.WRITE_WAIT).then();
            case KEEP -> Mono.empty();
        };
        return transaction.transactional(ensureRow.then(stage).then(errorColumns));
    }

    private DatabaseClient.GenericExecuteSpec update(String set, String atColumn, SyncStatus status, String outcome, String feedKey) {
        return db.sql("UPDATE sync_status_view SET " + set + ", updated_at = :at WHERE subscriber_id = :s AND feed_key = :f "
                        + "AND (" + atColumn + " IS NULL OR " + atColumn + " <= :at)")
                .bind("at", status.at()).bind("outcome", outcome)
                .bind("s", status.subscriberId()).bind("f", feedKey);
    }

    private static List<String> warnings(String[] stored) {
        return stored == null ? List.of() : List.of(stored);
    }

    public Mono<SubscriberStatus> forSubscriber(String subscriberId) {
        return db.sql("SELECT * FROM sync_status_view WHERE subscriber_id = :s").bind("s", subscriberId)
                .map(row -> Map.entry(row.get("feed_key", String.class), new FeedStatus(
                        row.get("last_fetch_at", Instant.class), row.get("last_fetch_outcome", String.class),
                        row.get("last_write_at", Instant.class), row.get("last_write_outcome", String.class),
                        row.get("added", Integer.class), row.get("changed", Integer.class),
                        row.get("deleted", Integer.class), row.get("unchanged", Integer.class),
                        row.get("calendar_events", Integer.class), row.get("last_error", String.class),
                        row.get("last_error_at", Instant.class), warnings(row.get("last_fetch_warnings", String[].class)))))
                .all()
                .collectList()
                .map(entries -> {
                    Map<String, FeedStatus> feeds = new HashMap<>();
                    FeedStatus subscriber = null;
                    for (var entry : entries) {
                        if (entry.getKey().isEmpty()) {
                            subscriber = entry.getValue();
                        } else {
                            feeds.put(entry.getKey(), entry.getValue());
                        }
                    }
                    return new SubscriberStatus(feeds, subscriber);
                });
    }
}
