package dev.calsync.feedingest.flow;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.testsupport.KafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what feed-ingest published, as the writer and oauth-service would. A status follows every
 * change of its fetch (both sends are synchronous), so waiting for the n-th status of a feed means
 * every change of that fetch is on the broker.
 */
final class OutputTopics implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    final List<EventChanged> changes = new ArrayList<>();
    final List<SyncStatus> statuses = new ArrayList<>();

    OutputTopics(KafkaBroker kafka) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "feed-ingest-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.EVENT_CHANGED, Topics.SYNC_STATUS));
    }

    /** The statuses of a feed once there are at least {@code count}, with every change emitted before them. */
    synchronized List<SyncStatus> awaitStatuses(String feedId, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (statusesOf(feedId).size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("feed " + feedId + " has " + statusesOf(feedId).size() + " statuses, not " + count
                        + ": " + statusesOf(feedId));
            }
            pollOnce(Duration.ofMillis(200));
        }
        readChangesToEnd();
        return statusesOf(feedId);
    }

    /**
     * Reads the changes' partitions up to their end offsets as of now (as {@code TopicRecords.readToEnd} does;
     * not reused: this consumer already holds everything read so far), so every change published before the
     * status just seen is in {@link #changes}.
     */
    private void readChangesToEnd() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENT_CHANGED).stream()
                .map(partition -> new TopicPartition(Topics.EVENT_CHANGED, partition.partition())).toList();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Instant deadline = Instant.now().plusSeconds(30);
        while (!consumer.assignment().containsAll(partitions)
                || partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("could not read " + Topics.EVENT_CHANGED + " to its end within 30 s");
            }
            pollOnce(Duration.ofMillis(100));
        }
    }

    /** The changes of a feed once there are at least {@code count}. */
    synchronized List<EventChanged> awaitChanges(String feedId, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (changesOf(feedId).size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("feed " + feedId + " has " + changesOf(feedId).size() + " changes, not " + count);
            }
            pollOnce(Duration.ofMillis(200));
        }
        return changesOf(feedId);
    }

    /** The changes of a feed once one of them matches. */
    synchronized List<EventChanged> awaitChange(String feedId, Predicate<EventChanged> matching) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (changesOf(feedId).stream().noneMatch(matching)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no matching change of feed " + feedId + " among " + changesOf(feedId));
            }
            pollOnce(Duration.ofMillis(200));
        }
        return changesOf(feedId);
    }

    synchronized List<EventChanged> changesOf(String feedId) {
        return changes.stream().filter(c -> c.feedId().equals(feedId)).toList();
    }

    synchronized List<SyncStatus> statusesOf(String feedId) {
        return statuses.stream().filter(s -> feedId.equals(s.feedId())).toList();
    }

    private void pollOnce(Duration timeout) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            if (record.topic().equals(Topics.EVENT_CHANGED)) {
                changes.add(ContractJson.decode(record.value(), EventChanged.class));
            } else {
                statuses.add(ContractJson.decode(record.value(), SyncStatus.class));
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
