package dev.calsync.calendarwriter.eventchange;

import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.calendarwriter.google.GrantNotKnownYetException;
import dev.calsync.calendarwriter.google.InvalidEventException;
import dev.calsync.calendarwriter.poll.PollBudget;
import dev.calsync.calendarwriter.poll.PollClock;
import dev.calsync.calendarwriter.status.WriteRuns;
import dev.calsync.calendarwriter.write.SeriesNotWrittenException;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.EventChanged;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Properties;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and dead letters of {@code eventChanges-in-0}, in the listener container rather than the binder
 * (Spring Cloud Stream's {@link ListenerContainerWithDlqAndRetryCustomizer}), because the container retries a
 * record by seeking back and polling again: however long a change keeps failing, Kafka's
 * {@code max.poll.interval.ms} (set here from {@link WriterProperties}) is never outlived.
 * <ul>
 *   <li>a transient failure (Google's or the writer's own database's): retried after {@code redelivery-initial-backoff}, doubling up to
 *       {@code redelivery-max-backoff}, without end (nothing transient is ever dead-lettered);</li>
 *   <li>a poll whose budget is used up: the record comes back with the next poll at once;</li>
 *   <li>an override before its series: {@code series-wait-attempts} attempts, then dead-lettered;</li>
 *   <li>a subscriber token-service does not know yet (its first grant on the way): {@value #GRANT_WAIT_RETRIES}
 *       redeliveries over 15 s, then dead-lettered;</li>
 *   <li>anything else (unreadable, rejected by Google): dead-lettered at once.</li>
 * </ul>
 * A dead letter goes to calsync.event-changed.v1.dlq with the headers the binder used to write
 * ({@code x-original-topic}, {@code x-exception-message}, …), and is counted on its feed's status first.
 * Other bindings keep the binder's own retry and dead letters.
 */
@Configuration(proxyBeanMethods = false)
public class EventChangeErrorHandling {

    /** Changes sent to calsync.event-changed.v1.dlq, by reason. */
    public static final String DEAD_LETTER_METRIC = "calsync.writer.dead-lettered";

    /** Redeliveries of a change whose subscriber token-service does not know yet. */
    static final int GRANT_WAIT_RETRIES = 4;

    private static final Logger log = LoggerFactory.getLogger(EventChangeErrorHandling.class);

    @Bean
    EventChangeContainer eventChangeContainer(WriterProperties properties, KafkaProperties kafka, WriteRuns runs,
                                              MeterRegistry meters) {
        return new EventChangeContainer(properties, kafka, runs, meters);
    }

    /** Configures the container of {@code eventChanges-in-0}; owns the producer of its dead letters. */
    static final class EventChangeContainer implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

        private final WriterProperties properties;
        private final WriteRuns runs;
        private final MeterRegistry meters;
        private final DefaultKafkaProducerFactory<String, byte[]> producers;

        EventChangeContainer(WriterProperties properties, KafkaProperties kafka, WriteRuns runs, MeterRegistry meters) {
            this.properties = properties;
            this.runs = runs;
            this.meters = meters;
            this.producers = new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(null), new StringSerializer(),
                    new ByteArraySerializer());
        }

        @Override
        public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
                              BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                              BackOff backOff) {
            if (!Topics.EVENT_CHANGED.equals(destinationName)) {
                return;
            }
            Properties consumer = new Properties();
            consumer.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, String.valueOf(properties.maxPollInterval().toMillis()));
            consumer.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, PollClock.class.getName());
            container.getContainerProperties().setKafkaConsumerProperties(consumer);
            // the dead letter keeps the record's partition, as the binder's did
            container.setCommonErrorHandler(errorHandler(properties, new KafkaTemplate<>(producers),
                    (record, exception) -> new TopicPartition(Topics.EVENT_CHANGED_DLQ, record.partition()), runs, meters));
        }

        @Override
        public boolean retryAndDlqInBinding(String destinationName, String group) {
            return !Topics.EVENT_CHANGED.equals(destinationName);
        }

        @Override
        public void destroy() {
            producers.destroy();
        }
    }

    static DefaultErrorHandler errorHandler(WriterProperties properties, KafkaTemplate<String, byte[]> template,
                                            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination,
                                            WriteRuns runs, MeterRegistry meters) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template, destination);
        publisher.excludeHeader(HeadersToAdd.values());
        publisher.setHeadersFunction(EventChangeErrorHandling::binderHeaders);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            Throwable cause = cause(exception);
            String reason = reason(cause);
            meters.counter(DEAD_LETTER_METRIC, "reason", reasonTag(cause)).increment();
            EventChanged change = readable(record);
            if (change != null) {
                // counted on the feed's status before the dead letter is sent: a retry after a failed send counts nothing twice
                runs.deadLettered(change, reason);
            }
            log.warn("change at {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
                    Topics.EVENT_CHANGED_DLQ, reason);
            publisher.accept(record, exception);
        });
        handler.setBackOffFunction((record, exception) -> backOffFor(cause(exception), properties));
        handler.setLogLevel(KafkaException.Level.WARN);
        return handler;
    }

    static BackOff backOffFor(Throwable cause, WriterProperties properties) {
        if (cause instanceof PollBudget.Exhausted) {
            return new FixedBackOff(0, FixedBackOff.UNLIMITED_ATTEMPTS);
        }
        if (cause instanceof TransientWriteException || isDatabaseOutage(cause)) {
            ExponentialBackOff backOff = new ExponentialBackOff(properties.redeliveryInitialBackoff().toMillis(), 2.0);
            backOff.setMaxInterval(properties.redeliveryMaxBackoff().toMillis());
            return backOff;
        }
        if (cause instanceof GrantNotKnownYetException) {
            // the subscriber's first grant on its way to token-service (which consumes the same topic as feed-ingest,
            // usually within a second): 1 + 2 + 4 + 8 s, then the dead-letter topic; the partition waits meanwhile
            ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(GRANT_WAIT_RETRIES);
            backOff.setInitialInterval(1_000);
            backOff.setMultiplier(2.0);
            return backOff;
        }
        if (cause instanceof SeriesNotWrittenException) {
            ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.seriesWaitAttempts() - 1);
            backOff.setInitialInterval(500);
            backOff.setMultiplier(2.0);
            return backOff;
        }
        return new FixedBackOff(0, 0);
    }

    /**
     * The writer's own database unreachable or failing for a passing reason (a restart, a failover, the pool
     * exhausted): retried like Google's outages, never dead-lettered — the change itself is fine.
     */
    static boolean isDatabaseOutage(Throwable cause) {
        for (Throwable error = cause; error != null; error = error.getCause()) {
            if (error instanceof DataAccessResourceFailureException || error instanceof TransientDataAccessException
                    || error instanceof RecoverableDataAccessException || error instanceof SQLTransientException
                    || error instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    /** The handler's exception inside the container's and the binding's wrappers. */
    static Throwable cause(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && (cause instanceof org.springframework.kafka.listener.ListenerExecutionFailedException
                || cause instanceof org.springframework.messaging.MessagingException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** What the person reads on the feed's status: no URL, no token. */
    static String reason(Throwable cause) {
        if (cause instanceof InvalidEventException invalid) {
            return invalid.getMessage();
        }
        if (cause instanceof SeriesNotWrittenException) {
            return "an exception to a recurring event arrived without its series";
        }
        if (cause instanceof GrantNotKnownYetException) {
            return "token-service never learned of the Google connection this change was made for";
        }
        return "the change could not be written (" + cause.getClass().getSimpleName() + ")";
    }

    private static String reasonTag(Throwable cause) {
        if (cause instanceof InvalidEventException) {
            return "invalid_event";
        }
        if (cause instanceof SeriesNotWrittenException) {
            return "series_missing";
        }
        if (cause instanceof GrantNotKnownYetException) {
            return "grant_unknown";
        }
        return cause instanceof dev.calsync.contracts.MalformedMessageException ? "malformed" : "other";
    }

    private static EventChanged readable(ConsumerRecord<?, ?> record) {
        try {
            return record.value() instanceof byte[] bytes ? ContractJson.decode(bytes, EventChanged.class) : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** The headers Spring Cloud Stream's Kafka binder writes on a dead letter, which operators' tools read. */
    static Headers binderHeaders(ConsumerRecord<?, ?> record, Exception exception) {
        Throwable cause = cause(exception);
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        RecordHeaders headers = new RecordHeaders();
        headers.add("x-original-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("x-original-partition", ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
        headers.add("x-original-offset", ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
        headers.add("x-original-timestamp", ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
        headers.add("x-original-timestamp-type", record.timestampType().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("x-exception-fqcn", cause.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add("x-exception-message", String.valueOf(cause.getMessage()).getBytes(StandardCharsets.UTF_8));
        headers.add("x-exception-stacktrace", trace.toString().getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
