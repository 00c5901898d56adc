package dev.calsync.support.clock;

import dev.calsync.clock.AdjustableClock;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

@AutoConfiguration
public class ClockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public AdjustableClock clock() {
        return new AdjustableClock(Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(name = "calsync.clock.adjustable", havingValue = "true")
    public ClockEndpoint clockEndpoint(AdjustableClock clock) {
        return new ClockEndpoint(clock);
    }
}
