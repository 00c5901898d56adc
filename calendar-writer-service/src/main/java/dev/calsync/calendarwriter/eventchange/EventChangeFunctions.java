package dev.calsync.calendarwriter.eventchange;

import dev.calsync.contracts.event.EventChanged;
import dev.calsync.support.messaging.AcknowledgeOnlyHandler;
import dev.calsync.support.messaging.ContractConsumers;
import dev.calsync.support.messaging.InboundHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The Kafka bindings of this feature: imperative consumers, so the binder's retry and dead-letter
 * handling apply. Records are decoded by the shared codec and handed to the feature's handler.
 */
@Configuration(proxyBeanMethods = false)
public class EventChangeFunctions {

    /** Binding eventChanges-in-0: consumes calsync.event-changed.v1. */
    @Bean
    public Consumer<Message<byte[]>> eventChanges(InboundHandler<EventChanged> eventChangesHandler) {
        return ContractConsumers.of(EventChanged.class, eventChangesHandler::handle);
    }

    @Bean
    public InboundHandler<EventChanged> eventChangesHandler(MeterRegistry meters) {
        return new AcknowledgeOnlyHandler<>(meters);
    }
}
