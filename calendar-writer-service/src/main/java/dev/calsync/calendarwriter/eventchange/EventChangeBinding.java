package dev.calsync.calendarwriter.eventchange;

import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.calendarwriter.google.GoogleCircuit;
import dev.calsync.calendarwriter.lanes.RecordLanes;
import dev.calsync.contracts.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.converter.MessagingMessageConverter;
import org.springframework.messaging.Message;
import org.springframework.util.backoff.BackOff;

/**
 * The Kafka binding {@code eventChanges-in-0} on calsync.event-changed.v1, still a Spring Cloud Stream binding
 * (an operator stops and starts it through {@code /actuator/bindings}; stopped, it leaves the consumer group),
 * whose records are written by {@link RecordLanes}: in parallel across subscribers, in order within one, offsets
 * committed only up to each partition's lowest unfinished record (container ack mode {@code MANUAL}). The
 * binding's function only hands each record over; retries and dead letters are the lanes' ({@link EventChangeWork}),
 * so the binder's own retry and dead-letter queue are off for this binding. When Google fails for everyone
 * ({@link GoogleCircuit}) every partition is paused until the circuit lets calls through again.
 */
@Configuration(proxyBeanMethods = false)
public class EventChangeBinding {

    static final String BINDING = "eventChanges-in-0";

    /** Records of calsync.event-changed.v1 handed to the lanes and not committed yet. */
    public static final String IN_FLIGHT_METRIC = "calsync.writer.in-flight";

    @Bean(destroyMethod = "close")
    RecordLanes eventChangeLanes(WriterProperties properties, RecordLanes.Work work, GoogleCircuit circuit, MeterRegistry meters) {
        RecordLanes lanes = new RecordLanes(properties.workers(), properties.batchSize(), properties.maxInFlightPerPartition(),
                properties.revokeDrainTimeout(), work);
        circuit.onOpenChange(lanes::pauseAll);
        Gauge.builder(IN_FLIGHT_METRIC, lanes, RecordLanes::inFlight).register(meters);
        Gauge.builder("calsync.writer.lanes", lanes, RecordLanes::activeLanes)
                .description("subscribers with changes queued, being written or waiting to be tried again").register(meters);
        Gauge.builder("calsync.writer.paused-partitions", lanes, RecordLanes::pausedPartitions).register(meters);
        return lanes;
    }

    /** Binding eventChanges-in-0: hands each record, as it came from Kafka, to its subscriber's lane. */
    @Bean
    public Consumer<Message<byte[]>> eventChanges(RecordLanes eventChangeLanes) {
        return message -> {
            ConsumerRecord<?, ?> record = message.getHeaders().get(KafkaHeaders.RAW_DATA, ConsumerRecord.class);
            Acknowledgment acknowledgment = message.getHeaders().get(KafkaHeaders.ACKNOWLEDGMENT, Acknowledgment.class);
            if (record == null || acknowledgment == null) {
                throw new IllegalStateException(BINDING + " needs its record converter (eventChangeRecordConverter) and ack "
                        + "mode MANUAL: see application.yml");
            }
            eventChangeLanes.accept(record, acknowledgment);
        };
    }

    /** Named by the binding's {@code converter-bean-name}: puts the Kafka record itself in each message. */
    @Bean
    MessagingMessageConverter eventChangeRecordConverter() {
        MessagingMessageConverter converter = new MessagingMessageConverter();
        converter.setRawRecordHeader(true);
        return converter;
    }

    @Bean
    ListenerContainerWithDlqAndRetryCustomizer eventChangeContainer(RecordLanes eventChangeLanes) {
        return new ListenerContainerWithDlqAndRetryCustomizer() {
            @Override
            public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
                                  BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                                  BackOff backOff) {
                if (Topics.EVENT_CHANGED.equals(destinationName)) {
                    container.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
                    eventChangeLanes.attach(container);
                }
            }

            @Override
            public boolean retryAndDlqInBinding(String destinationName, String group) {
                return !Topics.EVENT_CHANGED.equals(destinationName);
            }
        };
    }

    /** The binder's rebalance hook (all bindings; only this one's partitions concern the lanes). */
    @Bean
    KafkaBindingRebalanceListener eventChangeRebalance(RecordLanes eventChangeLanes) {
        return new KafkaBindingRebalanceListener() {
            @Override
            public void onPartitionsRevokedBeforeCommit(String bindingName, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                                        Collection<TopicPartition> partitions) {
                if (BINDING.equals(bindingName)) {
                    eventChangeLanes.revoked(partitions);
                }
            }

            @Override
            public void onPartitionsAssigned(String bindingName, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                             Collection<TopicPartition> partitions, boolean initial) {
                if (BINDING.equals(bindingName)) {
                    eventChangeLanes.assigned(partitions);
                }
            }
        };
    }
}
