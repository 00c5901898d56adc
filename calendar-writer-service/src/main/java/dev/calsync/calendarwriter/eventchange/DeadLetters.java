package dev.calsync.calendarwriter.eventchange;

import dev.calsync.calendarwriter.status.WriteRuns;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.EventChanged;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.stereotype.Component;

/**
 * Sends a change that can never be written to calsync.event-changed.v1.dlq, record by record from the lane that
 * gave up on it (Spring Kafka's {@link DeadLetterPublishingRecoverer}, which waits for the broker's answer): the
 * record's partition, key, value and headers, plus the headers Spring Cloud Stream's binder writes on a dead
 * letter ({@code x-original-topic}, {@code x-exception-message}, …), which operators' tools read. The change
 * is counted as failed on its feed's status first, so a send that fails and is tried again counts nothing twice.
 */
@Component
public class DeadLetters implements DisposableBean {

    /** Changes sent to calsync.event-changed.v1.dlq, by reason. */
    public static final String DEAD_LETTER_METRIC = "calsync.writer.dead-lettered";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final DeadLetterPublishingRecoverer publisher;
    private final WriteRuns runs;
    private final MeterRegistry meters;

    public DeadLetters(KafkaProperties kafka, WriteRuns runs, MeterRegistry meters) {
        this.producers = new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(null), new StringSerializer(),
                new ByteArraySerializer());
        // the dead letter keeps the record's partition, as the binder's did
        this.publisher = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers),
                (record, exception) -> new TopicPartition(Topics.EVENT_CHANGED_DLQ, record.partition()));
        publisher.excludeHeader(HeadersToAdd.values());
        publisher.setHeadersFunction(DeadLetters::binderHeaders);
        this.runs = runs;
        this.meters = meters;
    }

    /**
     * @param change the record's change, or null when it could not be read
     * @throws org.springframework.kafka.KafkaException the broker did not take it (the lane tries again later)
     */
    public void send(ConsumerRecord<?, ?> record, EventChanged change, Exception failure) {
        String reason = FailurePolicy.reason(failure);
        if (change != null) {
            runs.deadLettered(change, reason);
        }
        publisher.accept(record, failure);
        meters.counter(DEAD_LETTER_METRIC, "reason", FailurePolicy.reasonTag(failure)).increment();
        log.warn("change at {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
                Topics.EVENT_CHANGED_DLQ, reason);
    }

    @Override
    public void destroy() {
        producers.destroy();
    }

    /** The headers Spring Cloud Stream's Kafka binder writes on a dead letter. */
    static Headers binderHeaders(ConsumerRecord<?, ?> record, Exception exception) {
        StringWriter trace = new StringWriter();
        exception.printStackTrace(new PrintWriter(trace));
        RecordHeaders headers = new RecordHeaders();
        headers.add("x-original-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("x-original-partition", ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
        headers.add("x-original-offset", ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
        headers.add("x-original-timestamp", ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
        headers.add("x-original-timestamp-type", record.timestampType().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("x-exception-fqcn", exception.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add("x-exception-message", String.valueOf(exception.getMessage()).getBytes(StandardCharsets.UTF_8));
        headers.add("x-exception-stacktrace", trace.toString().getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
