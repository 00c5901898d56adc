package dev.calsync.local.dlq;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./calsync dlq list | show TOPIC [--limit N] | replay TOPIC [--dry-run]}: what waits in the dead-letter
 * topics, why, and sending it back to the topic it came from once the cause is fixed.
 *
 * <p>What was sent back is remembered as the committed offsets of the consumer group {@value #REPLAYED_GROUP}
 * (no member ever joins it: records are read by assignment), so {@code list} tells waiting records from
 * replayed ones and a second {@code replay} sends only what arrived since. Sending a record twice would be
 * harmless anyway: every consumer dedupes by state (docs/architecture.md 3.7).
 */
public final class DlqCommand {

    /** The group whose committed offsets mark what {@code replay} has sent back. */
    public static final String REPLAYED_GROUP = "calsync-dlq-replay";
    static final String DLQ_SUFFIX = ".dlq";
    static final int REFUSED = 1;
    static final int USAGE = 2;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final String USAGE_TEXT = """
            usage: ./calsync dlq list
                   ./calsync dlq show TOPIC [--limit N]
                   ./calsync dlq replay TOPIC [--dry-run]
              list    every dead-letter topic (*.dlq): records in it, records waiting (not replayed yet)
              show    the records waiting in TOPIC (at most N, default 20): where from, when, why; never the payload
              replay  sends every waiting record of TOPIC back to its x-original-topic, with its key and own headers,
                      and marks it replayed; --dry-run only lists what it would send""";

    private final String bootstrapServers;
    private final PrintStream out;

    DlqCommand(String bootstrapServers, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.out = out;
    }

    /** {@code DlqCommand <bootstrap servers> list|show|replay …} (the script passes the broker first). */
    public static void main(String[] args) {
        // the Kafka client's own lines (a "could not connect" per retry) would bury the answer; the command says what failed
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("calsync.dlq.log.level", "error"));
        if (args.length < 2) {
            usage("no command given");
        }
        DlqCommand command = new DlqCommand(args[0], System.out);
        String topic = args.length > 2 && !args[2].startsWith("--") ? args[2] : null;
        List<String> options = List.of(args).subList(Math.min(args.length, topic == null ? 2 : 3), args.length);
        try {
            switch (args[1]) {
                case "list" -> command.list();
                case "show" -> command.show(requireDlq(topic), limit(options));
                case "replay" -> command.replay(requireDlq(topic), flag(options, "--dry-run"));
                default -> usage("unknown command " + args[1]);
            }
            System.exit(0);
        } catch (Refused e) {
            System.err.println("calsync dlq: refused: " + e.getMessage());
            System.exit(REFUSED);
        } catch (org.apache.kafka.common.KafkaException e) {
            // the broker unreachable, a timeout: the operator needs the reason, not the stack
            System.err.println("calsync dlq: failed: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
            System.exit(REFUSED);
        }
    }

    /** A step was refused or failed: the message says why, the exit code is non-zero. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    void list() throws Refused {
        try (Admin admin = admin()) {
            List<String> topics = admin.listTopics().names().get().stream().filter(name -> name.endsWith(DLQ_SUFFIX)).sorted().toList();
            if (topics.isEmpty()) {
                out.println("no dead-letter topic on " + bootstrapServers);
                return;
            }
            Map<TopicPartition, Long> earliest = offsets(admin, topics, OffsetSpec.earliest());
            Map<TopicPartition, Long> latest = offsets(admin, topics, OffsetSpec.latest());
            Map<TopicPartition, OffsetAndMetadata> replayed = admin.listConsumerGroupOffsets(REPLAYED_GROUP)
                    .partitionsToOffsetAndMetadata().get();
            out.printf("%-64s %8s %8s%n", "TOPIC", "RECORDS", "WAITING");
            for (String topic : topics) {
                long records = 0;
                long waiting = 0;
                for (Map.Entry<TopicPartition, Long> end : latest.entrySet()) {
                    if (end.getKey().topic().equals(topic)) {
                        long first = earliest.get(end.getKey());
                        OffsetAndMetadata done = replayed.get(end.getKey());
                        records += end.getValue() - first;
                        waiting += end.getValue() - Math.max(first, done == null ? 0 : done.offset());
                    }
                }
                out.printf("%-64s %8d %8d%n", topic, records, waiting);
            }
        } catch (ExecutionException e) {
            throw new Refused("the broker at " + bootstrapServers + " did not answer: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
    }

    void show(String topic, int limit) throws Refused {
        List<ConsumerRecord<String, byte[]>> waiting = waiting(topic);
        out.println(waiting.size() + " record(s) waiting in " + topic + (waiting.size() > limit ? ", the first " + limit + ":" : ""));
        waiting.stream().limit(limit).map(DeadLetter::of).map(DeadLetter::describe).forEach(out::print);
    }

    void replay(String topic, boolean dryRun) throws Refused {
        List<ConsumerRecord<String, byte[]>> waiting = waiting(topic);
        for (ConsumerRecord<String, byte[]> record : waiting) {
            if (DeadLetter.of(record).originalTopic() == null) {
                throw new Refused(topic + " " + record.partition() + "/" + record.offset() + " has no " + DeadLetter.ORIGINAL_TOPIC
                        + " header: where it belongs is unknown. Nothing was sent.");
            }
        }
        if (waiting.isEmpty()) {
            out.println("nothing waits in " + topic);
            return;
        }
        if (dryRun) {
            waiting.forEach(record -> out.println("would send " + record.partition() + "/" + record.offset() + " back to "
                    + DeadLetter.of(record).originalTopic() + " (key " + record.key() + ")"));
            out.println("dry run: nothing was sent, nothing marked replayed");
            return;
        }
        try (KafkaProducer<String, byte[]> producer = producer(); KafkaConsumer<String, byte[]> marker = consumer()) {
            for (ConsumerRecord<String, byte[]> record : waiting) {
                String original = DeadLetter.of(record).originalTopic();
                // the record's own partitioner decision (by key), as its producer made it: one subscriber's order holds
                producer.send(new ProducerRecord<>(original, null, record.key(), record.value(),
                        DeadLetter.headersToSendBack(record.headers()))).get();
                marker.commitSync(Map.of(new TopicPartition(topic, record.partition()), new OffsetAndMetadata(record.offset() + 1)));
                out.println("sent " + record.partition() + "/" + record.offset() + " back to " + original + " (key " + record.key() + ")");
            }
        } catch (ExecutionException e) {
            throw new Refused("sending back failed: " + e.getCause().getMessage() + "; what was sent is marked replayed,"
                    + " run replay again for the rest");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
        out.println(waiting.size() + " record(s) sent back from " + topic);
    }

    /** The topic's records after what was replayed, up to its end when asked. */
    private List<ConsumerRecord<String, byte[]>> waiting(String topic) throws Refused {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new Refused("the topic " + topic + " does not exist on " + bootstrapServers + " (./calsync dlq list)");
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> done = consumer.committed(new java.util.HashSet<>(partitions));
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata replayed = done.get(partition);
                long from = Math.max(beginnings.get(partition), replayed == null ? 0 : replayed.offset());
                consumer.seek(partition, from);
                if (from < ends.get(partition)) {
                    remaining.put(partition, ends.get(partition));
                }
            }
            Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> records = new TreeMap<>(
                    java.util.Comparator.comparingInt(TopicPartition::partition));
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long end = remaining.get(partition);
                    if (end != null && record.offset() < end) {
                        records.computeIfAbsent(partition, ignored -> new ArrayList<>()).add(record);
                    }
                }
                remaining.keySet().removeIf(partition -> consumer.position(partition) >= remaining.get(partition));
            }
            return records.values().stream().flatMap(List::stream).collect(Collectors.toList());
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "calsync-dlq", AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, REPLAYED_GROUP);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "calsync-dlq");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "calsync-dlq");
        // as every calsync producer: a send returns once the broker holds the record
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<String> topics, OffsetSpec spec)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().values().forEach(description -> description.partitions()
                .forEach(partition -> request.put(new TopicPartition(description.name(), partition.partition()), spec)));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private static String requireDlq(String topic) {
        if (topic == null) {
            usage("name the dead-letter topic (./calsync dlq list shows them)");
        }
        if (!topic.endsWith(DLQ_SUFFIX)) {
            usage(topic + " is not a dead-letter topic (they end in " + DLQ_SUFFIX + ")");
        }
        return topic;
    }

    private static int limit(List<String> options) {
        int index = options.indexOf("--limit");
        if (index < 0) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(options.get(index + 1));
            if (limit > 0) {
                return limit;
            }
        } catch (IndexOutOfBoundsException | NumberFormatException ignored) {
            // falls through to the usage
        }
        usage("--limit needs a positive number");
        return 0;
    }

    private static boolean flag(List<String> options, String flag) {
        for (String option : options) {
            if (!option.equals(flag)) {
                usage("unknown option " + option);
            }
        }
        return options.contains(flag);
    }

    private static void usage(String problem) {
        System.err.println("calsync dlq: " + problem);
        System.err.println(USAGE_TEXT);
        System.exit(USAGE);
    }
}
