package dev.calsync.feedingest.resync;

import dev.calsync.contracts.resync.ResyncRequested;
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
public class ResyncFunctions {

    /** Binding resyncRequests-in-0: consumes calsync.resync-requested.v1. */
    @Bean
    public Consumer<Message<byte[]>> resyncRequests(InboundHandler<ResyncRequested> resyncRequestsHandler) {
        return ContractConsumers.of(ResyncRequested.class, resyncRequestsHandler::handle);
    }

    @Bean
    public InboundHandler<ResyncRequested> resyncRequestsHandler(MeterRegistry meters) {
        return new AcknowledgeOnlyHandler<>(meters);
    }
}
