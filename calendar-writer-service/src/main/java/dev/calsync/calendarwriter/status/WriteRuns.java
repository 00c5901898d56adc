package dev.calsync.calendarwriter.status;

import dev.calsync.calendarwriter.map.EventMap;
import dev.calsync.calendarwriter.write.ChangeExecutor;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.status.SyncCounts;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.support.messaging.EventPublisher;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The feed's write status, one per feed-ingest run rather than one per change: each change is counted once
 * in its run ({@code write_run_change}), and when the run's last change is done one {@link SyncStatus} says
 * what the run added, changed, deleted and skipped and how many events the feed's calendar holds now. A change
 * sent to the dead-letter topic stays on the feed's status as a failure ({@code write_dead_letter}) until a
 * newer write of the same event or the feed's removal replaces it, so no later success can hide it.
 */
@Component
public class WriteRuns {

    private enum Column { ADDED, CHANGED, DELETED, UNCHANGED, FAILED }

    private record Run(int expected, int added, int changed, int deleted, int unchanged, int failed, String error,
                       boolean reported) {

        static Run ofOne(Column column, String error) {
            return new Run(1, column == Column.ADDED ? 1 : 0, column == Column.CHANGED ? 1 : 0, column == Column.DELETED ? 1 : 0,
                    column == Column.UNCHANGED ? 1 : 0, column == Column.FAILED ? 1 : 0, error, false);
        }
    }

    private final JdbcClient db;
    private final TransactionTemplate transaction;
    private final EventMap map;
    private final EventPublisher publisher;
    private final Clock clock;

    public WriteRuns(JdbcClient db, TransactionTemplate transaction, EventMap map, EventPublisher publisher, Clock clock) {
        this.db = db;
        this.transaction = transaction;
        this.map = map;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The change was written (or needed no write): its map entry is saved in the same transaction as its count. */
    public void written(EventChanged change, ChangeExecutor.Written written) {
        Column column = switch (written.result()) {
            case ADDED -> Column.ADDED;
            case CHANGED -> Column.CHANGED;
            case DELETED -> Column.DELETED;
            case UNCHANGED, FEED_REMOVED -> Column.UNCHANGED;
        };
        count(change, column, null, false, written.entry());
    }

    /** The change cannot be written now and is not retried (its grant was revoked): a failure of its run. */
    public void failed(EventChanged change, String reason) {
        count(change, Column.FAILED, reason, false, Optional.empty());
    }

    /** The change went to the dead-letter topic: a failure of its run and of the feed until something replaces it. */
    public void deadLettered(EventChanged change, String reason) {
        count(change, Column.FAILED, reason, true, Optional.empty());
    }

    /** The change failed for a passing reason and is retried later: said at once, outside its run. */
    public void retrying(EventChanged change, String reason) {
        paused(change.subscriberId(), change.feedId(), reason);
    }

    /** Writing the feed waits (a retry, its subscriber parked): said at once, outside any run. */
    public void paused(String subscriberId, String feedId, String reason) {
        publisher.publish(new SyncStatus(subscriberId, feedId, SyncStage.WRITE, SyncOutcome.PAUSED, SyncCounts.ZERO, reason,
                clock.instant(), null, null));
    }

    /**
     * Counts the change in its run once; a change counted as failed that is written later (the operator replayed
     * its dead letter) moves to what it did. The run is reported when its last change is done, and again when a
     * replayed dead letter changed what it says.
     */
    private void count(EventChanged change, Column column, String error, boolean deadLetter,
                       Optional<EventMap.Entry> entry) {
        if (change.runId() == null) {
            // an older producer's change, a run of its own: reported at once, as such changes always were, without
            // run rows (a replay of it reports again, which is all an older producer's records can tell)
            transaction.executeWithoutResult(status -> {
                entry.ifPresent(map::save);
                keepDeadLetters(change, column, error, deadLetter);
            });
            if (change.changeType() != ChangeType.FEED_REMOVED) {
                report(change, Run.ofOne(column, deadLetter ? null : error));
            }
            return;
        }
        long runId = change.runId();
        int size = change.runSize();
        String counter = column.name().toLowerCase();
        Optional<Run> toReport = transaction.execute(status -> {
            entry.ifPresent(map::save);
            Optional<String> previous = db.sql("""
                            SELECT outcome FROM write_run_change WHERE subscriber_id = :s AND feed_id = :f AND version = :v""")
                    .param("s", change.subscriberId()).param("f", change.feedId()).param("v", change.version())
                    .query(String.class).optional();
            boolean recounted = false;
            if (previous.isEmpty()) {
                db.sql("""
                                INSERT INTO write_run_change (subscriber_id, feed_id, version, run_id, outcome)
                                VALUES (:s, :f, :v, :r, :o)""")
                        .param("s", change.subscriberId()).param("f", change.feedId()).param("v", change.version())
                        .param("r", runId).param("o", column.name()).update();
                // a dead letter's reason is the feed's while it waits (write_dead_letter), not the run's
                db.sql("INSERT INTO write_run (subscriber_id, feed_id, run_id, expected, " + counter + ", error) "
                                + "VALUES (:s, :f, :r, :n, 1, :e) ON CONFLICT (subscriber_id, feed_id, run_id) DO UPDATE SET "
                                + counter + " = write_run." + counter + " + 1, error = COALESCE(write_run.error, EXCLUDED.error), "
                                + "updated_at = now()")
                        .param("s", change.subscriberId()).param("f", change.feedId()).param("r", runId).param("n", size)
                        .param("e", deadLetter ? null : error).update();
            } else if (previous.get().equals(Column.FAILED.name()) && column != Column.FAILED) {
                db.sql("UPDATE write_run_change SET outcome = :o WHERE subscriber_id = :s AND feed_id = :f AND version = :v")
                        .param("o", column.name()).param("s", change.subscriberId()).param("f", change.feedId())
                        .param("v", change.version()).update();
                db.sql("UPDATE write_run SET failed = failed - 1, " + counter + " = " + counter + " + 1, updated_at = now() "
                                + "WHERE subscriber_id = :s AND feed_id = :f AND run_id = :r")
                        .param("s", change.subscriberId()).param("f", change.feedId()).param("r", runId).update();
                recounted = true;
            }
            boolean cleared = keepDeadLetters(change, column, error, deadLetter);
            boolean changedItsStory = recounted || cleared;
            return db.sql("SELECT * FROM write_run WHERE subscriber_id = :s AND feed_id = :f AND run_id = :r")
                    .param("s", change.subscriberId()).param("f", change.feedId()).param("r", runId)
                    .query((row, n) -> new Run(row.getInt("expected"), row.getInt("added"), row.getInt("changed"),
                            row.getInt("deleted"), row.getInt("unchanged"), row.getInt("failed"), row.getString("error"),
                            row.getBoolean("reported")))
                    .optional()
                    .filter(run -> (!run.reported() || changedItsStory) && run.added() + run.changed() + run.deleted()
                            + run.unchanged() + run.failed() >= run.expected());
        });
        if (toReport != null && toReport.isPresent() && change.changeType() != ChangeType.FEED_REMOVED) {
            report(change, toReport.get());
            // marked after the publish: a crash in between publishes the status again, never not at all
            db.sql("UPDATE write_run SET reported = TRUE WHERE subscriber_id = :s AND feed_id = :f AND run_id = :r")
                    .param("s", change.subscriberId()).param("f", change.feedId()).param("r", runId).update();
        }
    }

    /** @return whether a dead letter of the feed was cleared */
    private boolean keepDeadLetters(EventChanged change, Column column, String error, boolean deadLetter) {
        if (change.changeType() == ChangeType.FEED_REMOVED) {
            return db.sql("DELETE FROM write_dead_letter WHERE subscriber_id = :s AND feed_id = :f")
                    .param("s", change.subscriberId()).param("f", change.feedId()).update() > 0;
        }
        String recurrenceKey = change.recurrenceId() == null ? "" : change.recurrenceId().canonical();
        if (deadLetter) {
            db.sql("""
                            INSERT INTO write_dead_letter (subscriber_id, feed_id, uid, recurrence_id, version, reason)
                            VALUES (:s, :f, :u, :r, :v, :reason)
                            ON CONFLICT (subscriber_id, feed_id, uid, recurrence_id) DO UPDATE SET
                              version = GREATEST(write_dead_letter.version, EXCLUDED.version), reason = EXCLUDED.reason, at = now()""")
                    .param("s", change.subscriberId()).param("f", change.feedId()).param("u", change.uid())
                    .param("r", recurrenceKey).param("v", change.version()).param("reason", error).update();
            return false;
        }
        if (column == Column.FAILED) {
            return false;
        }
        // written now: this version (its dead letter replayed) or a newer one replaces what waited
        return db.sql("""
                        DELETE FROM write_dead_letter
                        WHERE subscriber_id = :s AND feed_id = :f AND uid = :u AND recurrence_id = :r AND version <= :v""")
                .param("s", change.subscriberId()).param("f", change.feedId()).param("u", change.uid())
                .param("r", recurrenceKey).param("v", change.version()).update() > 0;
    }

    private void report(EventChanged change, Run run) {
        /** The feed's changes waiting in the dead-letter topic (the newest one's reason) and its calendar's events. */
        record Feed(int waiting, String reason, int calendarEvents) {
        }
        // one round trip: this runs once per run, but once per change for an older producer's records
        Feed feed = db.sql("""
                        SELECT (SELECT count(*) FROM write_dead_letter WHERE subscriber_id = :s AND feed_id = :f) AS waiting,
                               (SELECT reason FROM write_dead_letter WHERE subscriber_id = :s AND feed_id = :f
                                ORDER BY at DESC LIMIT 1) AS reason,
                               (SELECT count(*) FROM google_event_map WHERE subscriber_id = :s AND feed_id = :f
                                AND recurrence_id = '' AND NOT deleted) AS calendar_events""")
                .param("s", change.subscriberId()).param("f", change.feedId())
                .query((row, n) -> new Feed(row.getInt("waiting"), row.getString("reason"), row.getInt("calendar_events")))
                .single();
        String error = run.error();
        if (feed.waiting() > 0) {
            error = feed.waiting() + (feed.waiting() == 1 ? " change" : " changes") + " of this feed could not be written and "
                    + (feed.waiting() == 1 ? "waits" : "wait") + " for an operator in " + Topics.EVENT_CHANGED_DLQ + ": "
                    + feed.reason();
        }
        // a revoked grant (the run's error) or a change still waiting in the dead-letter topic
        boolean failed = run.error() != null || feed.waiting() > 0;
        publisher.publish(new SyncStatus(change.subscriberId(), change.feedId(), SyncStage.WRITE,
                failed ? SyncOutcome.FAILED : SyncOutcome.SUCCESS,
                new SyncCounts(run.added(), run.changed(), run.deleted(), run.unchanged(), run.failed()), failed ? error : null,
                clock.instant(), feed.calendarEvents(), null));
    }
}
