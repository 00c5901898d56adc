package dev.calsync.support.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.Topics;
import dev.calsync.testsupport.CalsyncServiceTest;
import dev.calsync.testsupport.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** Reads the topic configuration back from the broker after a service started. */
@CalsyncServiceTest
class TopicsCreatedAtStartIT {

    private static final List<String> ALL = List.of(Topics.TOKEN_GRANTED, Topics.TOKEN_REVOKED, Topics.FEED_SUBSCRIPTION,
            Topics.EVENT_CHANGED, Topics.EVENT_CHANGED_DLQ, Topics.RESYNC_REQUESTED, Topics.SYNC_STATUS);

    @Test
    void everyTopicHasTwelvePartitionsAndTheRetentionOfTheDesign(KafkaBroker kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(ALL).allTopicNames().get();
            assertThat(descriptions.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(12));

            Map<String, Config> configs = admin.describeConfigs(ALL.stream()
                            .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(entry -> entry.getKey().name(), Map.Entry::getValue));
            Function<String, String> retention = topic -> configs.get(topic).get(TopicConfig.RETENTION_MS_CONFIG).value();

            assertThat(retention.apply(Topics.TOKEN_GRANTED)).isEqualTo("-1");
            assertThat(retention.apply(Topics.TOKEN_REVOKED)).isEqualTo("-1");
            assertThat(retention.apply(Topics.FEED_SUBSCRIPTION)).isEqualTo("-1");
            assertThat(retention.apply(Topics.EVENT_CHANGED_DLQ)).isEqualTo("-1");
            assertThat(retention.apply(Topics.EVENT_CHANGED)).isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));
            assertThat(retention.apply(Topics.RESYNC_REQUESTED)).isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));
            assertThat(retention.apply(Topics.SYNC_STATUS)).isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
        }
    }
}
