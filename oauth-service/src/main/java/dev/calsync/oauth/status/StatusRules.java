package dev.calsync.oauth.status;

import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncStatus;

/**
 * What one status changes on the page, apart from the SQL that stores it (see {@link SyncStatusView}): which
 * stage columns it fills, and whether it records an error, clears its stage's error, or leaves it alone. Which
 * stage's error a success may clear, and that an older status never overwrites a newer one, is the SQL's part.
 */
final class StatusRules {

    /** The longest error text the page keeps; longer ones are cut and end in an ellipsis. */
    static final int MAX_ERROR_LENGTH = 500;

    /** The stage columns a status fills. */
    enum StageColumns { FETCH, WRITE, NONE }

    /**
     * What a status does to the error columns: record {@code error}, clear its own stage's error, clear only a
     * write's wait ({@code PAUSED}: a retry, a parked subscriber), or keep it.
     */
    record ErrorChange(Kind kind, String error) {
        enum Kind { RECORD, CLEAR_OWN_STAGE, CLEAR_WAIT, KEEP }

        static ErrorChange record(String error) {
            return new ErrorChange(Kind.RECORD, error);
        }

        static final ErrorChange CLEAR_OWN_STAGE = new ErrorChange(Kind.CLEAR_OWN_STAGE, null);
        static final ErrorChange CLEAR_WAIT = new ErrorChange(Kind.CLEAR_WAIT, null);
        static final ErrorChange KEEP = new ErrorChange(Kind.KEEP, null);
    }

    /** The stage a write's wait is recorded under, so that any later write that got through can clear it. */
    static final String WRITE_WAIT = "WRITE_WAIT";

    private StatusRules() {
    }

    /**
     * Every feed-ingest stage ends one fetch (FETCH: not modified or failed, PARSE: unreadable, EMIT: read and
     * sent), so each fills the fetch columns; only the writer's WRITE fills the write columns.
     */
    static StageColumns stageColumns(SyncStage stage) {
        return switch (stage) {
            case FETCH, PARSE, EMIT -> StageColumns.FETCH;
            case WRITE -> StageColumns.WRITE;
            default -> StageColumns.NONE;
        };
    }

    /**
     * The last fetch's outcome as the page names it. feed-ingest-service reports a 304 as FETCH/SUCCESS (its
     * only FETCH success, see its FeedStatusReporter), so that one reads NOT_MODIFIED; a fetch that read the
     * feed reads as its EMIT outcome (SUCCESS, PARTIAL, SUSPECT, or SEND_FAILED when the broker failed).
     */
    static String fetchOutcome(SyncStatus status) {
        SyncOutcome outcome = status.outcome();
        return switch (status.stage()) {
            case FETCH -> outcome == SyncOutcome.SUCCESS ? "NOT_MODIFIED" : "FETCH_" + outcome.name();
            case PARSE -> outcome == SyncOutcome.FAILED ? "UNREADABLE" : "PARSE_" + outcome.name();
            case EMIT -> outcome == SyncOutcome.FAILED ? "SEND_FAILED" : outcome.name();
            default -> outcome.name();
        };
    }

    /**
     * Whether the status replaces the warnings on the page: only a fetch that read the feed (EMIT) says what
     * is true of its content now; a 304 or a failed fetch leaves the last reading's warnings standing.
     */
    static boolean replacesWarnings(SyncStatus status) {
        return status.stage() == SyncStage.EMIT;
    }

    /** The stage an error is recorded under: its own, or {@link #WRITE_WAIT} for a write that waits. */
    static String errorStage(SyncStatus status) {
        return status.stage() == SyncStage.WRITE && status.outcome() == SyncOutcome.PAUSED ? WRITE_WAIT : status.stage().name();
    }

    /**
     * A failure records its message (its outcome's name when it has none); a success clears its stage's error,
     * except a write that only skipped (nothing added, changed or deleted): it made no Google call, so it proves
     * nothing about the calendar — but it does prove the writer got through, so it clears a wait (a retried change
     * written at last, a park ended and its resync found everything in place).
     */
    static ErrorChange errorChange(SyncStatus status) {
        String error = status.lastError() == null && isFailure(status.outcome()) ? status.outcome().name().toLowerCase() : status.lastError();
        if (error != null) {
            return ErrorChange.record(truncate(error));
        }
        // SyncStatus's constructor turns null counts into SyncCounts.ZERO, so counts() is never null
        boolean skippedOnly = status.stage() == SyncStage.WRITE
                && status.counts().added() + status.counts().changed() + status.counts().deleted() == 0;
        if (status.outcome() != SyncOutcome.SUCCESS) {
            return ErrorChange.KEEP;
        }
        return skippedOnly ? ErrorChange.CLEAR_WAIT : ErrorChange.CLEAR_OWN_STAGE;
    }

    private static boolean isFailure(SyncOutcome outcome) {
        return outcome == SyncOutcome.FAILED || outcome == SyncOutcome.SUSPECT || outcome == SyncOutcome.PARTIAL
                || outcome == SyncOutcome.PAUSED;
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}
