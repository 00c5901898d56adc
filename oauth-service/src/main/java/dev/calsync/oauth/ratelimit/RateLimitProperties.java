package dev.calsync.oauth.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits of the OAuth and feed endpoints.
 *
 * @param perClientIp requests one client IP may make per {@code window}
 * @param perSession  requests one browser session may make per {@code window}
 */
@ConfigurationProperties("calsync.rate-limit")
public record RateLimitProperties(
        @DefaultValue("60") int perClientIp,
        @DefaultValue("30") int perSession,
        @DefaultValue("PT1M") Duration window) {
}
