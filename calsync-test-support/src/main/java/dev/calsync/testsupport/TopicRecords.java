package dev.calsync.testsupport;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes topics as any Kafka tool would: plain clients, string keys, raw bytes. */
public final class TopicRecords {

    private TopicRecords() {
    }

    /** The first record of {@code topic} (from the earliest offset) that matches, or an AssertionError. */
    public static ConsumerRecord<String, byte[]> awaitFirst(KafkaBroker kafka, String topic,
                                                            Predicate<ConsumerRecord<String, byte[]>> matching,
                                                            Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (matching.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout);
    }

    /**
     * Every matching record of {@code topic} the broker holds now, in offset order per partition: read from the
     * earliest offset up to each partition's end offset as of this call, without a consumer group. For "exactly
     * these records" and "no such record": a record whose send the broker acknowledged before the call is in.
     * Fails if the end is not reached within 30 s.
     */
    public static List<ConsumerRecord<String, byte[]>> readToEnd(KafkaBroker kafka, String topic,
                                                                 Predicate<ConsumerRecord<String, byte[]>> matching) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + topic + " to its end within 30 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition())) && matching.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /**
     * Waits until consumer group {@code group} has committed, on every partition of {@code topic}, the end
     * offset as of this call: every record the broker held then has been processed. The positive signal a
     * "nothing more happened" assertion waits for, instead of a fixed sleep.
     */
    public static void awaitConsumed(KafkaBroker kafka, String group, String topic, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                    .all().get().forEach((partition, end) -> ends.put(partition, end.offset()));
            await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .alias("group " + group + " has consumed " + topic + " to " + ends)
                    .until(() -> {
                        Map<TopicPartition, OffsetAndMetadata> committed =
                                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                                || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue());
                    });
        }
    }

    public static ConsumerRecord<String, byte[]> awaitFirstWithKey(KafkaBroker kafka, String topic, String key) {
        return awaitFirst(kafka, topic, record -> key.equals(record.key()), Duration.ofSeconds(30));
    }

    /** A header's value as text, if present. */
    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    /** Sends raw bytes, as a foreign or broken producer would. */
    public static void send(KafkaBroker kafka, ProducerRecord<String, byte[]> record) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }
}
