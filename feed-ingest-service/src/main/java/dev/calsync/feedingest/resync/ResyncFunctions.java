package dev.calsync.feedingest.resync;

import dev.calsync.contracts.resync.ResyncRequested;
import dev.calsync.support.messaging.ContractConsumers;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Kafka binding of resync requests: an imperative consumer, so the binder's retry and dead-letter handling apply. */
@Configuration(proxyBeanMethods = false)
public class ResyncFunctions {

    /** Binding resyncRequests-in-0: consumes calsync.resync-requested.v1. */
    @Bean
    public Consumer<Message<byte[]>> resyncRequests(ResyncHandler resyncs) {
        return ContractConsumers.of(ResyncRequested.class, resyncs::handle);
    }
}
