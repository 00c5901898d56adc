package dev.calsync.calendarwriter.eventchange;

import dev.calsync.calendarwriter.poll.PollBudget;
import dev.calsync.calendarwriter.status.WriteRuns;
import dev.calsync.calendarwriter.write.ChangeExecutor;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.support.messaging.ContractConsumers;
import dev.calsync.support.messaging.InboundHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The Kafka binding of this feature: an imperative consumer. Records are decoded by the shared codec and
 * handed to {@link EventChangeHandler}; what it throws is retried or dead-lettered by the listener
 * container ({@link EventChangeErrorHandling}).
 */
@Configuration(proxyBeanMethods = false)
public class EventChangeFunctions {

    /** Binding eventChanges-in-0: consumes calsync.event-changed.v1. */
    @Bean
    public Consumer<Message<byte[]>> eventChanges(InboundHandler<EventChanged> eventChangesHandler) {
        return ContractConsumers.of(EventChanged.class, eventChangesHandler::handle);
    }

    @Bean
    public InboundHandler<EventChanged> eventChangesHandler(ChangeExecutor executor, WriteRuns runs, PollBudget pollBudget,
                                                            MeterRegistry meters) {
        return new EventChangeHandler(executor, runs, pollBudget, meters);
    }
}
