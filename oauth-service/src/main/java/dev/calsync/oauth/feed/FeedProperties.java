package dev.calsync.oauth.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of a subscriber's feeds.
 *
 * @param maxPerSubscriber how many feeds one person may add ({@code CALSYNC_FEEDS_PER_SUBSCRIBER}); every
 *     feed is fetched every interval, so this bounds what one person costs the fetcher and their Google quota
 */
@ConfigurationProperties("calsync.feeds")
public record FeedProperties(@DefaultValue("50") int maxPerSubscriber) {

    public FeedProperties {
        if (maxPerSubscriber < 1) {
            throw new IllegalArgumentException("calsync.feeds.max-per-subscriber must be at least 1, was " + maxPerSubscriber);
        }
    }
}
