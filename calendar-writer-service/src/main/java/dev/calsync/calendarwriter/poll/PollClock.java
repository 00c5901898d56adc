package dev.calsync.calendarwriter.poll;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A Kafka consumer interceptor that notes when the consumer thread last returned from {@code poll}: Kafka calls
 * {@link #onConsume} on the thread that polls, which is the thread that then hands the records to the writer.
 * Kafka creates it from {@code interceptor.classes}, so it talks to {@link PollBudget} through the thread only.
 */
public class PollClock<K, V> implements ConsumerInterceptor<K, V> {

    private static final ThreadLocal<Long> LAST_POLL_NANOS = new ThreadLocal<>();

    /** {@link System#nanoTime()} of this thread's last poll, or null if this thread does not poll. */
    static Long lastPollNanos() {
        return LAST_POLL_NANOS.get();
    }

    @Override
    public ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records) {
        LAST_POLL_NANOS.set(System.nanoTime());
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
