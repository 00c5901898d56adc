package dev.calsync.oauth.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits of the OAuth and feed endpoints.
 *
 * @param perClientIp     requests one client IP may make per {@code window}
 * @param perSession      requests one browser session may make per {@code window}
 * @param window          the limiters' refresh period
 * @param maxTrackedKeys  client IPs, and separately sessions, with a limiter in memory at most; beyond it the
 *                        least useful limiters are dropped (their clients start afresh) instead of memory growing
 */
@ConfigurationProperties("calsync.rate-limit")
public record RateLimitProperties(
        @DefaultValue("60") int perClientIp,
        @DefaultValue("30") int perSession,
        @DefaultValue("PT1M") Duration window,
        @DefaultValue("10000") int maxTrackedKeys) {
}
