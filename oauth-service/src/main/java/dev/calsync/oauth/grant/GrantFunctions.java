package dev.calsync.oauth.grant;

import dev.calsync.contracts.token.TokenRevoked;
import dev.calsync.oauth.account.Accounts;
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
public class GrantFunctions {

    /** Binding tokenRevocations-in-0: consumes calsync.token-revoked.v1. */
    @Bean
    public Consumer<Message<byte[]>> tokenRevocations(InboundHandler<TokenRevoked> tokenRevocationsHandler) {
        return ContractConsumers.of(TokenRevoked.class, tokenRevocationsHandler::handle);
    }

    @Bean
    public InboundHandler<TokenRevoked> tokenRevocationsHandler(Accounts accounts) {
        // idempotent: only a live grant with this id is marked; a redelivery or an older grant changes nothing
        return event -> accounts.markRevoked(event.payload().subscriberId(), event.payload().grantId(),
                event.payload().reason(), event.payload().revokedAt()).block(java.time.Duration.ofSeconds(30));
    }
}
