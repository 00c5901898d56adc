package dev.calsync.local.replay;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** One consumer group's view of one topic through Kafka's Admin API: members, offsets, the reset itself. */
final class ConsumerGroupOffsets implements AutoCloseable {

    /** The group's membership as the coordinator reports it. */
    record Membership(ConsumerGroupState state, Collection<MemberDescription> members) {
        /** Not in the middle of a rebalance: the members listed are the ones that stay. */
        boolean settled() {
            return state == ConsumerGroupState.EMPTY || state == ConsumerGroupState.STABLE || state == ConsumerGroupState.DEAD;
        }
    }

    private final Admin admin;
    private final String group;
    private final String topic;

    ConsumerGroupOffsets(String bootstrapServers, String group, String topic) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "calsync-replay",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
        this.group = group;
        this.topic = topic;
    }

    Membership membership() throws ReplayRefused {
        ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group),
                "describing the consumer group " + group);
        return new Membership(description.state(), description.members());
    }

    List<TopicPartition> partitions() throws ReplayRefused {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ReplayRefused("the topic " + topic + " does not exist on the broker");
            }
            throw new ReplayRefused("describing the topic " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayRefused("interrupted", e);
        }
    }

    /** The group's committed offsets of the topic's partitions (absent: none committed). */
    Map<Integer, Long> committed() throws ReplayRefused {
        Map<TopicPartition, OffsetAndMetadata> all = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                "reading the committed offsets of " + group);
        Map<Integer, Long> offsets = new HashMap<>();
        all.forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                offsets.put(partition.partition(), offset.offset());
            }
        });
        return offsets;
    }

    Map<Integer, Long> earliest(List<TopicPartition> partitions) throws ReplayRefused {
        return offsets(partitions, OffsetSpec.earliest());
    }

    Map<Integer, Long> ends(List<TopicPartition> partitions) throws ReplayRefused {
        return offsets(partitions, OffsetSpec.latest());
    }

    /** Per partition, the first offset whose record's time is at or after {@code time}; -1 where there is none. */
    Map<Integer, Long> at(List<TopicPartition> partitions, Instant time) throws ReplayRefused {
        return offsets(partitions, OffsetSpec.forTimestamp(time.toEpochMilli()));
    }

    /** Sets the group's offsets; the broker refuses it while the group has members. */
    void reset(Map<Integer, Long> offsets) throws ReplayRefused {
        Map<TopicPartition, OffsetAndMetadata> target = offsets.entrySet().stream().collect(Collectors.toMap(
                entry -> new TopicPartition(topic, entry.getKey()), entry -> new OffsetAndMetadata(entry.getValue())));
        get(admin.alterConsumerGroupOffsets(group, target).all(), "resetting the offsets of " + group);
    }

    /** Records between the group's committed offsets and {@code ends} (the ends the plan was made with). */
    long lag(Map<Integer, Long> ends) throws ReplayRefused {
        Map<Integer, Long> committed = committed();
        return ends.entrySet().stream()
                .mapToLong(end -> Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L))).sum();
    }

    private Map<Integer, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws ReplayRefused {
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(partition -> partition, ignored -> spec));
        Map<Integer, Long> offsets = new HashMap<>();
        get(admin.listOffsets(request).all(), "listing the offsets of " + topic)
                .forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
        return offsets;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) throws ReplayRefused {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new ReplayRefused(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayRefused("interrupted while " + what, e);
        }
    }

    static Set<String> describe(Collection<MemberDescription> members) {
        return members.stream().map(member -> "client id " + member.clientId() + " on host " + member.host()
                + " (member " + member.consumerId() + ")").collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Override
    public void close() {
        admin.close();
    }
}
