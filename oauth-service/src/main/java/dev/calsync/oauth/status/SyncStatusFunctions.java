package dev.calsync.oauth.status;

import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.support.messaging.ContractConsumers;
import dev.calsync.support.messaging.InboundHandler;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The Kafka bindings of this feature: imperative consumers, so the binder's retry and dead-letter
 * handling apply. Records are decoded by the shared codec and handed to the feature's handler.
 */
@Configuration(proxyBeanMethods = false)
public class SyncStatusFunctions {

    /** Binding syncStatuses-in-0: consumes calsync.sync-status.v1. */
    @Bean
    public Consumer<Message<byte[]>> syncStatuses(InboundHandler<SyncStatus> syncStatusesHandler) {
        return ContractConsumers.of(SyncStatus.class, syncStatusesHandler::handle);
    }

    @Bean
    public InboundHandler<SyncStatus> syncStatusesHandler(SyncStatusView view) {
        // the binder thread may block; a failure is retried by the binder, then dead-lettered
        return event -> view.apply(event.payload()).block(java.time.Duration.ofSeconds(30));
    }
}
