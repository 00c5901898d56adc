package dev.calsync.systemtests.harness;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What the stack's broker says about a consumer group: its members, committed offsets and lag on a topic. */
public final class ConsumerGroups implements AutoCloseable {

    private final Admin admin;

    public ConsumerGroups(SystemStack stack) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }

    public Collection<MemberDescription> members(String group) throws ExecutionException, InterruptedException {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members();
    }

    /** Committed offset per partition of the topic (partitions without one are left out). */
    public Map<Integer, Long> committed(String group, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<Integer, Long> offsets = new TreeMap<>();
        all.forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                offsets.put(partition.partition(), offset.offset());
            }
        });
        return offsets;
    }

    /** Records of the topic the group has not committed yet, over all partitions. */
    public long lag(String group, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .stream().collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        Map<Integer, Long> committed = committed(group, topic);
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            lag += end.getValue().offset() - committed.getOrDefault(end.getKey().partition(), 0L);
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close();
    }
}
