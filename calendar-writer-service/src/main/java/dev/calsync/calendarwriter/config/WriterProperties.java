package dev.calsync.calendarwriter.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the writer.
 *
 * @param tokenServiceUrl        base URL of token-service's internal API
 * @param tokenRefreshMargin     an access token is used until this long before it expires
 * @param deleteRemovedCalendars false keeps a removed feed's calendar in Google (the tombstone stays either way)
 * @param floatingTimeZone       the IANA zone a floating time is written in (Google needs one)
 * @param retryAttempts          attempts of one Google call on a transient error (429, 403 rate limits, 5xx, I/O)
 * @param retryInitialBackoff    first back-off; it doubles with jitter up to {@code retryMaxBackoff}
 * @param googleReadTimeout      how long one Google call may wait for its answer before it counts as a transient I/O error
 */
@ConfigurationProperties("calsync.writer")
public record WriterProperties(
        @DefaultValue("http://127.0.0.1:8082") URI tokenServiceUrl,
        @DefaultValue("5m") Duration tokenRefreshMargin,
        @DefaultValue("true") boolean deleteRemovedCalendars,
        @DefaultValue("UTC") String floatingTimeZone,
        @DefaultValue("10") int retryAttempts,
        @DefaultValue("200ms") Duration retryInitialBackoff,
        @DefaultValue("10s") Duration retryMaxBackoff,
        @DefaultValue("30s") Duration googleReadTimeout) {
}
