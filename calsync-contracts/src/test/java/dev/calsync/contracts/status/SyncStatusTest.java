package dev.calsync.contracts.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.calsync.contracts.ContractSamples;
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
}
