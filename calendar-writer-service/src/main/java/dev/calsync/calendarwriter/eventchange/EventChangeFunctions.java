package dev.calsync.calendarwriter.eventchange;

import dev.calsync.calendarwriter.calendar.FeedCalendars;
import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.calendarwriter.google.GoogleCalendarClient;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.support.messaging.ContractConsumers;
import dev.calsync.support.messaging.EventPublisher;
import dev.calsync.support.messaging.InboundHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The Kafka bindings of this feature: imperative consumers, so the binder's dead-letter handling applies.
 * Records are decoded by the shared codec and handed to {@link EventChangeWriter}, which retries transient
 * failures itself; what it throws is permanent and goes to calsync.event-changed.v1.dlq.
 */
@Configuration(proxyBeanMethods = false)
public class EventChangeFunctions {

    /** Binding eventChanges-in-0: consumes calsync.event-changed.v1. */
    @Bean
    public Consumer<Message<byte[]>> eventChanges(InboundHandler<EventChanged> eventChangesHandler) {
        return ContractConsumers.of(EventChanged.class, eventChangesHandler::handle);
    }

    @Bean
    public InboundHandler<EventChanged> eventChangesHandler(FeedCalendars calendars, EventMap map, GoogleCalendarClient google,
                                                            EventPublisher publisher, MeterRegistry meters, Clock clock,
                                                            WriterProperties properties) {
        return new EventChangeWriter(calendars, map, google, publisher, meters, clock, properties);
    }
}
