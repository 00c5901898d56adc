package dev.calsync.feedingest.config;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything an operator may tune in feed-ingest-service ({@code calsync.feed-ingest.*}).
 *
 * @param fetchInterval how often a healthy feed is fetched
 * @param jitter up to this much is added to each next fetch, so feeds added together spread out
 * @param maxBackoff the longest wait after repeated failures (the backoff doubles from {@code fetchInterval / 4})
 * @param pollEvery how often an instance looks for due feeds
 * @param claimBatch how many due feeds one poll claims
 * @param lease how long a claimed feed stays with its instance; a crashed instance's lease expires after it
 * @param workers threads that fetch, parse and emit (blocking work, never on the event loop)
 * @param maxBodyBytes a feed larger than this is refused
 * @param maxRedirects redirects followed per fetch, each target checked again
 * @param allowLoopback allow 127.0.0.0/8 and ::1 (tests only)
 * @param allowPrivateNetworks allow private, link-local and metadata addresses (never in production)
 * @param defaultTimeZone zone for floating times when the feed names none (X-WR-TIMEZONE)
 * @param suspectShrinkShare a fetch that would delete more than this share of the events is held as suspect
 * @param suspectMinimumEvents the share rule applies from this many events; a drop to zero always applies
 * @param suspectConfirmations consecutive identical suspect fetches after which the shrink is believed
 */
@ConfigurationProperties("calsync.feed-ingest")
public record FeedIngestProperties(
        @DefaultValue("PT15M") Duration fetchInterval,
        @DefaultValue("PT1M") Duration jitter,
        @DefaultValue("PT6H") Duration maxBackoff,
        @DefaultValue("PT5S") Duration pollEvery,
        @DefaultValue("8") int claimBatch,
        @DefaultValue("PT5M") Duration lease,
        @DefaultValue("4") int workers,
        @DefaultValue("PT10S") Duration connectTimeout,
        @DefaultValue("PT60S") Duration readTimeout,
        @DefaultValue("20971520") long maxBodyBytes,
        @DefaultValue("5") int maxRedirects,
        @DefaultValue("false") boolean allowLoopback,
        @DefaultValue("false") boolean allowPrivateNetworks,
        @DefaultValue("UTC") ZoneId defaultTimeZone,
        @DefaultValue("0.5") double suspectShrinkShare,
        @DefaultValue("10") int suspectMinimumEvents,
        @DefaultValue("3") int suspectConfirmations) {
}
