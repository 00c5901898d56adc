package dev.calsync.feedingest.feed;

import java.time.Instant;
import java.util.UUID;

/**
 * A feed as this service tracks it (table {@code feed_state}), with its subscriber's current grant.
 *
 * @param encryptedUrl the hybrid ciphertext as received; see {@link FeedUrlCipher}
 * @param grantId the subscriber's current grant, null when none was ever seen
 */
public record FeedState(
        String feedId,
        String subscriberId,
        String displayName,
        String encryptedUrl,
        boolean subscribed,
        boolean removalEmitted,
        boolean paused,
        boolean resyncRequested,
        String etag,
        String lastModified,
        Instant nextFetchAt,
        Instant lastSuccessAt,
        String lastError,
        int consecutiveFailures,
        int suspectFetches,
        boolean contentIdentity,
        UUID grantId) {
}
