package dev.calsync.contracts.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.ContractSamples;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncStatusTest {

    @Test
    void absentCountsReadAsZero() {
        SyncStatus status = new SyncStatus(ContractSamples.SUBSCRIBER_ID, null, SyncStage.TOKEN, SyncOutcome.FAILED,
                null, "Google no longer accepts the grant; please reconnect", ContractSamples.OCCURRED_AT);

        assertThat(status.counts()).isEqualTo(SyncCounts.ZERO);
        assertThat(SyncCounts.ZERO).isEqualTo(new SyncCounts(0, 0, 0, 0, 0));
    }

    @Test
    void countsAreNeverNegative() {
        assertThatThrownBy(() -> new SyncCounts(1, 0, -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SyncCounts.deleted must not be negative");
        assertThatThrownBy(() -> new SyncCounts(0, 0, 0, 0, -2))
                .hasMessage("SyncCounts.failed must not be negative");
    }

    @Test
    void aFeedIdIsEitherAbsentOrReal() {
        assertThatThrownBy(() -> new SyncStatus(ContractSamples.SUBSCRIBER_ID, "", SyncStage.FETCH, SyncOutcome.SUCCESS,
                SyncCounts.ZERO, null, ContractSamples.OCCURRED_AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SyncStatus.feedId must not be blank when present");
    }

    @Test
    void aStatusOfAnOlderProducerReadsWithoutCalendarCountOrWarnings() {
        String older = """
                {"subscriberId":"sub-7f3a9c","feedId":"feed-42","stage":"WRITE","outcome":"SUCCESS",
                 "counts":{"added":1,"changed":0,"deleted":0,"unchanged":0,"failed":0},"at":"2026-11-23T10:15:30.123Z"}""";

        SyncStatus read = ContractJson.decode(older.getBytes(StandardCharsets.UTF_8), SyncStatus.class);

        assertThat(read.calendarEvents()).isNull();
        assertThat(read.warnings()).isEmpty();
        assertThat(new String(ContractJson.encode(read), StandardCharsets.UTF_8)).doesNotContain("warnings", "calendarEvents");
    }

    @Test
    void warningsAreTextAndTheCalendarCountIsNeverNegative() {
        assertThatThrownBy(() -> new SyncStatus(ContractSamples.SUBSCRIBER_ID, "f", SyncStage.WRITE, SyncOutcome.SUCCESS,
                SyncCounts.ZERO, null, ContractSamples.OCCURRED_AT, -1, null))
                .hasMessage("SyncStatus.calendarEvents must not be negative");
        assertThatThrownBy(() -> new SyncStatus(ContractSamples.SUBSCRIBER_ID, "f", SyncStage.EMIT, SyncOutcome.SUCCESS,
                SyncCounts.ZERO, null, ContractSamples.OCCURRED_AT, null, List.of(" ")))
                .hasMessage("SyncStatus.warnings must not contain blank entries");
    }
}
