package dev.calsync.local.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayPlanTest {

    @Test
    void reReadsWhatTheGroupHadReadFromTheNewOffsetOn() {
        ReplayPlan plan = ReplayPlan.of("writer", "topic", Map.of(0, 10L, 1, 4L), Map.of(0, 0L, 1, 0L),
                Map.of(0, 2L, 1, 0L), Map.of(0, 10L, 1, 6L));

        assertThat(plan.partitions()).extracting(ReplayPlan.Partition::toReread).containsExactly(8L, 4L);
        assertThat(plan.recordsToReread()).isEqualTo(12);
        assertThat(plan.newOffsets()).isEqualTo(Map.of(0, 2L, 1, 0L));
    }

    @Test
    void aTimeAfterThePartitionsLastRecordMovesToItsEnd() {
        // Kafka answers -1 when no record is at or after the time
        ReplayPlan plan = ReplayPlan.of("writer", "topic", Map.of(0, 7L), Map.of(0, 0L), Map.of(0, -1L), Map.of(0, 7L));

        assertThat(plan.newOffsets()).containsEntry(0, 7L);
        assertThat(plan.recordsToReread()).isZero();
    }

    @Test
    void neverBeforeWhatRetentionKeptNorPastTheEnd() {
        Map<Integer, Long> targets = new HashMap<>();
        targets.put(0, 0L);
        targets.put(1, 99L);
        ReplayPlan plan = ReplayPlan.of("writer", "topic", Map.of(0, 20L, 1, 5L), Map.of(0, 12L, 1, 0L), targets, Map.of(0, 20L, 1, 5L));

        assertThat(plan.newOffsets()).containsEntry(0, 12L).containsEntry(1, 5L);
        assertThat(plan.recordsToReread()).isEqualTo(8);
    }

    @Test
    void aPartitionWithoutCommittedOffsetIsResetAndReadFromTheTarget() {
        ReplayPlan plan = ReplayPlan.of("writer", "topic", Map.of(), Map.of(0, 0L), Map.of(0, 0L), Map.of(0, 3L));

        assertThat(plan.partitions().get(0).current()).isNull();
        assertThat(plan.partitions().get(0).toRead()).isEqualTo(3);
        assertThat(plan.newOffsets()).containsEntry(0, 0L);
        assertThat(plan.table()).contains("PARTITION", "-", "group writer re-reads 0 record(s) of topic");
    }
}
