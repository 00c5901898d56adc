package dev.calsync.token.google;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param connectTimeout connecting to Google's token and revoke endpoints
 * @param readTimeout    waiting for their answer; a timeout counts as Google being unavailable
 */
@ConfigurationProperties("calsync.token.google")
public record GoogleTokenProperties(@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout) {
}
