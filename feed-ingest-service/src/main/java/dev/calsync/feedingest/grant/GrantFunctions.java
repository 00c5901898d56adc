package dev.calsync.feedingest.grant;

import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.contracts.token.TokenRevoked;
import dev.calsync.support.messaging.ContractConsumers;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Kafka bindings of grants: imperative consumers, so the binder's retry and dead-letter handling apply. */
@Configuration(proxyBeanMethods = false)
public class GrantFunctions {

    /** Binding tokenGrants-in-0: consumes calsync.token-granted.v1. */
    @Bean
    public Consumer<Message<byte[]>> tokenGrants(GrantHandler grants) {
        return ContractConsumers.of(TokenGranted.class, grants::granted);
    }

    /** Binding tokenRevocations-in-0: consumes calsync.token-revoked.v1. */
    @Bean
    public Consumer<Message<byte[]>> tokenRevocations(GrantHandler grants) {
        return ContractConsumers.of(TokenRevoked.class, grants::revoked);
    }
}
