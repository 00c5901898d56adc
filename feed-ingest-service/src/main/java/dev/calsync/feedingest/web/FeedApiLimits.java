package dev.calsync.feedingest.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often one feed may be refreshed or resynced over the API ({@code calsync.feed-ingest.api-limits.*}). Each
 * request forces work for someone else: a refresh fetches from the feed's host, a resync re-sends every event
 * of the feed to the writer (and so to Google). Scheduled fetches are not counted.
 *
 * @param refreshesPerFeed refreshes of one feed per {@code window}
 * @param resyncsPerFeed   resyncs of one feed per {@code window}
 * @param window           the limiters' refresh period, counted from a feed's first request
 */
@ConfigurationProperties("calsync.feed-ingest.api-limits")
public record FeedApiLimits(
        @DefaultValue("6") int refreshesPerFeed,
        @DefaultValue("2") int resyncsPerFeed,
        @DefaultValue("PT1M") Duration window) {
}
