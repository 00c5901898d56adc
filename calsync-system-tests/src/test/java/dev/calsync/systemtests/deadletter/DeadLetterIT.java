package dev.calsync.systemtests.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.NormalizedEvent;
import dev.calsync.systemtests.actors.FeedServer;
import dev.calsync.systemtests.actors.GoogleEmulatorAdmin;
import dev.calsync.systemtests.actors.Person;
import dev.calsync.systemtests.harness.CalsyncScript;
import dev.calsync.systemtests.harness.SystemStack;
import dev.calsync.systemtests.harness.WithSystemStack;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@code ./calsync dlq list | show | replay} against the running system: a record a consumer could not read
 * lands in its dead-letter topic and is listed and shown with its reason; a change dead-lettered by the writer
 * is sent back to {@code calsync.event-changed.v1} once "fixed" and then reaches Google.
 */
@WithSystemStack
class DeadLetterIT {

    private static final String ALICE = "alice@example.com";
    private static final String FEED_SUBSCRIPTIONS_DLQ = Topics.FEED_SUBSCRIPTION + ".feed-ingest-service.dlq";
    private static final String EVENT_CHANGES_DLQ = Topics.EVENT_CHANGED + ".dlq";
    private static final Duration COMMAND_WITHIN = Duration.ofMinutes(2);

    @Test
    void anUnreadableRecordIsListedAndShownWithWhereItCameFromAndWhy(SystemStack stack) throws Exception {
        String key = "sub-" + UUID.randomUUID();
        send(stack, new ProducerRecord<>(Topics.FEED_SUBSCRIPTION, null, key, "{not json".getBytes(StandardCharsets.UTF_8),
                List.of(new RecordHeader("ce_type", "dev.calsync.feed-subscription.v1".getBytes(StandardCharsets.UTF_8)))));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !readAll(stack, FEED_SUBSCRIPTIONS_DLQ, record -> key.equals(record.key())).isEmpty());
        CalsyncScript calsync = new CalsyncScript(stack);

        CalsyncScript.Result list = calsync.run(COMMAND_WITHIN, "dlq", "list");
        assertThat(list.exitCode()).as("%s", list).isZero();
        assertThat(list.out()).containsPattern(FEED_SUBSCRIPTIONS_DLQ.replace(".", "\\.") + " +[1-9]\\d* +[1-9]\\d*");

        CalsyncScript.Result show = calsync.run(COMMAND_WITHIN, "dlq", "show", FEED_SUBSCRIPTIONS_DLQ, "--limit", "1000");
        assertThat(show.exitCode()).as("%s", show).isZero();
        String shown = show.out().substring(show.out().indexOf("key " + key));
        assertThat(shown).as("%s", show).contains("from      " + Topics.FEED_SUBSCRIPTION + " (partition", "type      dev.calsync.feed-subscription.v1")
                .contains("reason    ").contains("cannot read FeedSubscription: not valid JSON");
        assertThat(show.out()).as("the payload is never printed").doesNotContain("{not json");
    }

    @Test
    void aDeadLetteredChangeSentBackReachesGoogleOnceAndIsNotSentTwice(SystemStack stack) throws Exception {
        GoogleEmulatorAdmin google = new GoogleEmulatorAdmin(stack.emulatorUrl());
        String feed = "rescued-" + UUID.randomUUID();
        try (FeedServer publisher = FeedServer.start()) {
            Person.connect(stack, ALICE).addFeed(publisher.publish(feed, FeedServer.simpleFeed(feed, List.of("Written"))), feed);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> google.liveEventSummaries(ALICE, feed), List.of("Written")::equals);
        }
        // a change of that feed as the writer dead-letters one (its listener container's headers), waiting for an operator
        ConsumerRecord<String, byte[]> written = readAll(stack, Topics.EVENT_CHANGED,
                record -> feed.equals(ContractJson.decode(record.value(), EventChanged.class).feedDisplayName())).get(0);
        EventChanged original = ContractJson.decode(written.value(), EventChanged.class);
        NormalizedEvent event = original.event();
        EventChanged rescued = new EventChanged(original.subscriberId(), original.feedId(), original.feedDisplayName(), original.grantId(),
                "rescued@" + feed, null, original.changeType(), original.version() + 1_000_000, "rescued-" + original.contentHash(), false,
                new NormalizedEvent("Rescued", event.description(), event.location(), event.url(), event.start(), event.end(),
                        event.recurrence(), event.status(), event.transparency(), event.visibility(), event.sequence(), event.reminders()),
                Instant.now());
        List<Header> headers = new ArrayList<>();
        written.headers().forEach(headers::add);
        headers.add(new RecordHeader("x-original-topic", Topics.EVENT_CHANGED.getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("x-exception-message", "simulated: Google answered 400".getBytes(StandardCharsets.UTF_8)));
        send(stack, new ProducerRecord<>(EVENT_CHANGES_DLQ, null, written.key(), ContractJson.encode(rescued), headers));
        CalsyncScript calsync = new CalsyncScript(stack);

        CalsyncScript.Result dryRun = calsync.run(COMMAND_WITHIN, "dlq", "replay", EVENT_CHANGES_DLQ, "--dry-run");
        assertThat(dryRun.exitCode()).as("%s", dryRun).isZero();
        assertThat(dryRun.out()).contains("back to " + Topics.EVENT_CHANGED + " (key " + written.key() + ")", "dry run: nothing was sent");
        assertThat(calsync.run(COMMAND_WITHIN, "dlq", "list").out()).as("still waiting after the dry run")
                .containsPattern(EVENT_CHANGES_DLQ.replace(".", "\\.") + " +[1-9]\\d* +[1-9]\\d*");

        CalsyncScript.Result replay = calsync.run(COMMAND_WITHIN, "dlq", "replay", EVENT_CHANGES_DLQ);
        assertThat(replay.exitCode()).as("%s", replay).isZero();
        assertThat(replay.out()).contains("sent ", "back to " + Topics.EVENT_CHANGED + " (key " + written.key() + ")");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> google.liveEventSummaries(ALICE, feed), List.of("Rescued", "Written")::equals);
        List<ConsumerRecord<String, byte[]>> back = readAll(stack, Topics.EVENT_CHANGED,
                record -> ("rescued@" + feed).equals(ContractJson.decode(record.value(), EventChanged.class).uid()));
        assertThat(back).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(written.key());
            assertThat(record.headers().lastHeader("ce_type")).isNotNull();
            assertThat(record.headers().lastHeader("x-original-topic")).as("dead-letter headers stay behind").isNull();
        });

        assertThat(calsync.run(COMMAND_WITHIN, "dlq", "list").out()).containsPattern(EVENT_CHANGES_DLQ.replace(".", "\\.") + " +[1-9]\\d* +0\\b");
        CalsyncScript.Result again = calsync.run(COMMAND_WITHIN, "dlq", "replay", EVENT_CHANGES_DLQ);
        assertThat(again.out()).as("%s", again).contains("nothing waits in " + EVENT_CHANGES_DLQ);
    }

    @Test
    void aTopicThatIsNoDeadLetterTopicIsRefused(SystemStack stack) {
        CalsyncScript.Result result = new CalsyncScript(stack).run(COMMAND_WITHIN, "dlq", "replay", Topics.EVENT_CHANGED);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is not a dead-letter topic");
    }

    private static void send(SystemStack stack, ProducerRecord<String, byte[]> record) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }

    /** Every record of the topic up to its end offsets that the filter keeps (no consumer group). */
    private static List<ConsumerRecord<String, byte[]>> readAll(SystemStack stack, String topic,
                                                                Predicate<ConsumerRecord<String, byte[]>> filter) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (filter.test(record)) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }
}
