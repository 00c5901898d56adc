package dev.calsync.token.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code Retry-After} of this service's 503 answers.
 *
 * @param googleUnavailable when Google's OAuth endpoints cannot be reached
 * @param revocationNotAnnounced when a revocation was rolled back because its {@code TokenRevoked} could not
 *     be published: the caller tries again
 */
@ConfigurationProperties("calsync.token.retry-after")
public record RetryAfterProperties(@DefaultValue("30s") Duration googleUnavailable,
                                   @DefaultValue("5s") Duration revocationNotAnnounced) {
}
