package dev.calsync.support.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.calsync.contracts.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicPlanTest {

    @Test
    void configuredPartitionsAndRetentionReachEveryTopic() {
        Map<String, NewTopic> plan = TopicPlan.topics(new CalsyncTopicsProperties(24, (short) 3,
                        Duration.ofDays(3), Duration.ofDays(2), Duration.ofHours(12)))
                .stream().collect(Collectors.toMap(NewTopic::name, topic -> topic));

        assertThat(plan).hasSize(7);
        assertThat(plan.values()).allSatisfy(topic -> {
            assertThat(topic.numPartitions()).isEqualTo(24);
            assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        });
        assertThat(plan.get(Topics.EVENT_CHANGED).configs()).containsEntry("retention.ms", "259200000");
        assertThat(plan.get(Topics.RESYNC_REQUESTED).configs()).containsEntry("retention.ms", "172800000");
        assertThat(plan.get(Topics.SYNC_STATUS).configs()).containsEntry("retention.ms", "43200000");
        assertThat(plan.get(Topics.EVENT_CHANGED_DLQ).configs()).containsEntry("retention.ms", "-1");
    }

    @Test
    void nonsenseIsRejectedAtStart() {
        assertThatThrownBy(() -> new CalsyncTopicsProperties(0, (short) 1, Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)))
                .hasMessageContaining("partitions");
        assertThatThrownBy(() -> TopicPlan.topics(new CalsyncTopicsProperties(1, (short) 1, Duration.ZERO, Duration.ofDays(1), Duration.ofDays(1))))
                .hasMessageContaining("retention");
    }
}
