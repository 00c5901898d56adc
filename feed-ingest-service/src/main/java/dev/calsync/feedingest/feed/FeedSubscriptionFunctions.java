package dev.calsync.feedingest.feed;

import dev.calsync.contracts.feed.FeedSubscription;
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
public class FeedSubscriptionFunctions {

    /** Binding feedSubscriptions-in-0: consumes calsync.feed-subscription.v1. */
    @Bean
    public Consumer<Message<byte[]>> feedSubscriptions(InboundHandler<FeedSubscription> feedSubscriptionsHandler) {
        return ContractConsumers.of(FeedSubscription.class, feedSubscriptionsHandler::handle);
    }

    @Bean
    public InboundHandler<FeedSubscription> feedSubscriptionsHandler(MeterRegistry meters) {
        return new AcknowledgeOnlyHandler<>(meters);
    }
}
