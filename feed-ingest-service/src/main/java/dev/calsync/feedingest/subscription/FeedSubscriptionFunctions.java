package dev.calsync.feedingest.subscription;

import dev.calsync.contracts.feed.FeedSubscription;
import dev.calsync.support.messaging.ContractConsumers;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Kafka binding of subscriptions: an imperative consumer, so the binder's retry and dead-letter handling apply. */
@Configuration(proxyBeanMethods = false)
public class FeedSubscriptionFunctions {

    /** Binding feedSubscriptions-in-0: consumes calsync.feed-subscription.v1. */
    @Bean
    public Consumer<Message<byte[]>> feedSubscriptions(FeedSubscriptionHandler subscriptions) {
        return ContractConsumers.of(FeedSubscription.class, subscriptions::handle);
    }
}
