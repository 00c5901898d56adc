package dev.calsync.token.grant;

import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.support.messaging.ContractConsumers;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The Kafka bindings of this feature: imperative consumers, so the binder's retry and dead-letter
 * handling apply. Records are decoded by the shared codec and handed to the feature's handler.
 */
@Configuration(proxyBeanMethods = false)
public class GrantFunctions {

    /** Binding tokenGrants-in-0: consumes calsync.token-granted.v1. */
    @Bean
    public Consumer<Message<byte[]>> tokenGrants(TokenGrantedHandler tokenGrantsHandler) {
        return ContractConsumers.of(TokenGranted.class, tokenGrantsHandler::handle);
    }
}
