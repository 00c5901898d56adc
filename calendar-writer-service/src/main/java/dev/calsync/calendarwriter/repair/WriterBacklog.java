package dev.calsync.calendarwriter.repair;

import dev.calsync.contracts.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * How many change records the writer's consumer group has not committed yet. Below its committed offsets every
 * change is settled (written, skipped or dead-lettered); above them a change may be open although a later one of
 * the same feed is saved. A map repair dates what it cannot read from Google by the feed's highest saved
 * version, which is only right when nothing is open.
 */
@Component
public class WriterBacklog {

    private final KafkaAdmin kafka;
    private final String group;

    public WriterBacklog(KafkaAdmin kafka, Environment environment) {
        this.kafka = kafka;
        this.group = environment.getProperty("spring.cloud.stream.bindings.eventChanges-in-0.group",
                environment.getRequiredProperty("spring.application.name"));
    }

    public long unsettled() {
        try (Admin admin = Admin.create(kafka.getConfigurationProperties())) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(Topics.EVENT_CHANGED)).allTopicNames().get()
                    .get(Topics.EVENT_CHANGED).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.EVENT_CHANGED, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            long open = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                open += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return open;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the writer's consumer group " + group + " from Kafka", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the writer's consumer group", e);
        }
    }
}
