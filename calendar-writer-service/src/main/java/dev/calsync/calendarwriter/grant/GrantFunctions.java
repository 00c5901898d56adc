package dev.calsync.calendarwriter.grant;

import dev.calsync.calendarwriter.park.SubscriberParks;
import dev.calsync.contracts.token.TokenRevoked;
import dev.calsync.support.messaging.ContractConsumers;
import dev.calsync.support.messaging.InboundHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The Kafka binding of this feature: an imperative consumer, so the binder's retry and dead-letter handling
 * apply. A revoked grant lifts its subscriber's park: nothing can be written without a grant, and the new grant
 * that may follow resyncs every feed anyway (feed-ingest-service asks for that).
 */
@Configuration(proxyBeanMethods = false)
public class GrantFunctions {

    private static final Logger log = LoggerFactory.getLogger(GrantFunctions.class);

    /** Binding tokenRevocations-in-0: consumes calsync.token-revoked.v1. */
    @Bean
    public Consumer<Message<byte[]>> tokenRevocations(InboundHandler<TokenRevoked> tokenRevocationsHandler) {
        return ContractConsumers.of(TokenRevoked.class, tokenRevocationsHandler::handle);
    }

    @Bean
    public InboundHandler<TokenRevoked> tokenRevocationsHandler(SubscriberParks parks, MeterRegistry meters) {
        return received -> {
            String subscriber = received.payload().subscriberId();
            meters.counter("calsync.inbound.acknowledged", "type", TokenRevoked.class.getSimpleName()).increment();
            if (parks.clear(subscriber)) {
                log.info("grant of subscriber {} revoked: its park is lifted without a resync", subscriber);
            }
        };
    }
}
