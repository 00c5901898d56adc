package dev.calsync.token.accesstoken;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param refreshBeforeExpiry a cached token that expires within this is refreshed first, so a caller never
 *     starts a Google call with a token that dies on the way
 * @param grantNotYetKnownRetryAfter the {@code Retry-After} of a 503 for a grant whose {@code TokenGranted}
 *     this service has not consumed yet
 */
@ConfigurationProperties("calsync.token.access-token")
public record AccessTokenProperties(@DefaultValue("5m") Duration refreshBeforeExpiry,
                                    @DefaultValue("5s") Duration grantNotYetKnownRetryAfter) {
}
