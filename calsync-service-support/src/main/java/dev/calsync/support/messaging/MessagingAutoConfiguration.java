package dev.calsync.support.messaging;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;

@AutoConfiguration(afterName = "org.springframework.cloud.stream.function.FunctionConfiguration")
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public EventPublisher eventPublisher(StreamBridge streamBridge, Clock clock,
                                         @Value("${spring.application.name}") String applicationName) {
        return new EventPublisher(streamBridge, clock, applicationName);
    }
}
