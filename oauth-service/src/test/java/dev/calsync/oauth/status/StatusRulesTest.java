package dev.calsync.oauth.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.status.SyncCounts;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.oauth.status.StatusRules.ErrorChange;
import dev.calsync.oauth.status.StatusRules.StageColumns;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What one status changes on the person's page: its stage's columns and the error shown. */
class StatusRulesTest {

    static SyncStatus status(SyncStage stage, SyncOutcome outcome, SyncCounts counts, String error) {
        return new SyncStatus("sub-1", "feed-1", stage, outcome, counts, error, Instant.parse("2026-12-01T08:00:00Z"));
    }

    @Test
    void everyFeedIngestStageFillsTheFetchColumnsWritesTheWriteColumnsTheRestNeither() {
        assertThat(StatusRules.stageColumns(SyncStage.FETCH)).isEqualTo(StageColumns.FETCH);
        assertThat(StatusRules.stageColumns(SyncStage.PARSE)).isEqualTo(StageColumns.FETCH);
        assertThat(StatusRules.stageColumns(SyncStage.EMIT)).isEqualTo(StageColumns.FETCH);
        assertThat(StatusRules.stageColumns(SyncStage.WRITE)).isEqualTo(StageColumns.WRITE);
        assertThat(StatusRules.stageColumns(SyncStage.TOKEN)).isEqualTo(StageColumns.NONE);
        assertThat(StatusRules.stageColumns(SyncStage.UNKNOWN)).as("a stage a newer producer added").isEqualTo(StageColumns.NONE);
    }

    @Test
    void theFetchOutcomeTellsNotModifiedFromARead() {
        assertThat(StatusRules.fetchOutcome(status(SyncStage.FETCH, SyncOutcome.SUCCESS, null, null))).isEqualTo("NOT_MODIFIED");
        assertThat(StatusRules.fetchOutcome(status(SyncStage.FETCH, SyncOutcome.FAILED, null, "404"))).isEqualTo("FETCH_FAILED");
        assertThat(StatusRules.fetchOutcome(status(SyncStage.PARSE, SyncOutcome.FAILED, null, "no calendar"))).isEqualTo("UNREADABLE");
        assertThat(StatusRules.fetchOutcome(status(SyncStage.EMIT, SyncOutcome.SUCCESS, null, null))).isEqualTo("SUCCESS");
        assertThat(StatusRules.fetchOutcome(status(SyncStage.EMIT, SyncOutcome.PARTIAL, null, "1 left out"))).isEqualTo("PARTIAL");
        assertThat(StatusRules.fetchOutcome(status(SyncStage.EMIT, SyncOutcome.FAILED, null, "broker"))).isEqualTo("SEND_FAILED");
    }

    @Test
    void onlyAFetchThatReadTheFeedReplacesItsWarnings() {
        assertThat(StatusRules.replacesWarnings(status(SyncStage.EMIT, SyncOutcome.SUCCESS, null, null))).isTrue();
        assertThat(StatusRules.replacesWarnings(status(SyncStage.FETCH, SyncOutcome.SUCCESS, null, null)))
                .as("a 304: the last reading's warnings still hold").isFalse();
        assertThat(StatusRules.replacesWarnings(status(SyncStage.FETCH, SyncOutcome.FAILED, null, "timeout"))).isFalse();
    }

    @Test
    void aFailureRecordsItsMessageOrElseItsOutcome() {
        assertThat(StatusRules.errorChange(status(SyncStage.FETCH, SyncOutcome.FAILED, null, "the feed answered 404")))
                .isEqualTo(ErrorChange.record("the feed answered 404"));
        assertThat(StatusRules.errorChange(status(SyncStage.FETCH, SyncOutcome.FAILED, null, null))).isEqualTo(ErrorChange.record("failed"));
        assertThat(StatusRules.errorChange(status(SyncStage.FETCH, SyncOutcome.SUSPECT, null, null))).isEqualTo(ErrorChange.record("suspect"));
        assertThat(StatusRules.errorChange(status(SyncStage.WRITE, SyncOutcome.PARTIAL, null, null))).isEqualTo(ErrorChange.record("partial"));
        assertThat(StatusRules.errorChange(status(SyncStage.WRITE, SyncOutcome.PAUSED, null, null))).isEqualTo(ErrorChange.record("paused"));
    }

    @Test
    void aSuccessWithAWarningRecordsTheWarning() {
        assertThat(StatusRules.errorChange(status(SyncStage.FETCH, SyncOutcome.SUCCESS, null, "2 event(s) skipped")))
                .isEqualTo(ErrorChange.record("2 event(s) skipped"));
    }

    @Test
    void aSuccessClearsItsStagesErrorButAWriteThatOnlySkippedProvesNothing() {
        assertThat(StatusRules.errorChange(status(SyncStage.FETCH, SyncOutcome.SUCCESS, SyncCounts.ZERO, null)))
                .as("a fetch that found nothing new still fetched").isEqualTo(ErrorChange.CLEAR_OWN_STAGE);
        assertThat(StatusRules.errorChange(status(SyncStage.WRITE, SyncOutcome.SUCCESS, new SyncCounts(0, 0, 1, 0, 0), null)))
                .isEqualTo(ErrorChange.CLEAR_OWN_STAGE);
        assertThat(StatusRules.errorChange(status(SyncStage.WRITE, SyncOutcome.SUCCESS, new SyncCounts(0, 0, 0, 12, 0), null)))
                .as("a replay: every change skipped, no Google call; it only ends a wait").isEqualTo(ErrorChange.CLEAR_WAIT);
        assertThat(StatusRules.errorChange(status(SyncStage.WRITE, SyncOutcome.UNKNOWN, new SyncCounts(3, 0, 0, 0, 0), null)))
                .as("an outcome a newer producer added").isEqualTo(ErrorChange.KEEP);
    }

    @Test
    void aWritesWaitIsRecordedApartSoThatAnyWriteThatGotThroughEndsIt() {
        assertThat(StatusRules.errorStage(status(SyncStage.WRITE, SyncOutcome.PAUSED, null, "parked until 18:05 UTC")))
                .isEqualTo(StatusRules.WRITE_WAIT);
        assertThat(StatusRules.errorStage(status(SyncStage.WRITE, SyncOutcome.FAILED, null, "1 change waits in the DLQ")))
                .isEqualTo("WRITE");
        assertThat(StatusRules.errorStage(status(SyncStage.FETCH, SyncOutcome.FAILED, null, "404"))).isEqualTo("FETCH");
    }

    @Test
    void aLongErrorIsCutToWhatThePageKeeps() {
        ErrorChange change = StatusRules.errorChange(status(SyncStage.WRITE, SyncOutcome.FAILED, null, "x".repeat(800)));
        assertThat(change.error()).hasSize(StatusRules.MAX_ERROR_LENGTH + 1).endsWith("…");
        assertThat(StatusRules.errorChange(status(SyncStage.WRITE, SyncOutcome.FAILED, null, "y".repeat(500))).error())
                .isEqualTo("y".repeat(500));
    }
}
