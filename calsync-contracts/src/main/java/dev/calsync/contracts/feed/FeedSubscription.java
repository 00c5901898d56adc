package dev.calsync.contracts.feed;

import static dev.calsync.contracts.internal.Checks.required;
import static dev.calsync.contracts.internal.Checks.requiredText;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.calsync.contracts.CalsyncEvent;
import java.time.Instant;

/**
 * A person added or removed an ICS feed; oauth-service tells feed-ingest-service.
 *
 * @param feedId stable id of the feed, chosen by oauth-service
 * @param encryptedUrl base64 of a Tink hybrid ciphertext of the feed URL for feed-ingest's public key
 *     (feed URLs are often secret links). Required when {@code SUBSCRIBED}; may be null when
 *     {@code UNSUBSCRIBED}.
 * @param displayName the feed's name, which its Google calendar gets. Required when {@code SUBSCRIBED};
 *     may be null when {@code UNSUBSCRIBED}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedSubscription(
        String subscriberId,
        String feedId,
        SubscriptionAction action,
        String encryptedUrl,
        String displayName,
        Instant occurredAt) implements CalsyncEvent {

    public FeedSubscription {
        requiredText(subscriberId, "FeedSubscription.subscriberId");
        requiredText(feedId, "FeedSubscription.feedId");
        required(action, "FeedSubscription.action");
        required(occurredAt, "FeedSubscription.occurredAt");
        if (action == SubscriptionAction.SUBSCRIBED) {
            requiredText(encryptedUrl, "FeedSubscription.encryptedUrl", "when SUBSCRIBED");
            requiredText(displayName, "FeedSubscription.displayName", "when SUBSCRIBED");
        }
    }

    /** Leaves the ciphertext out, so that logging a record never spreads it further. */
    @Override
    public String toString() {
        return "FeedSubscription[subscriberId=" + subscriberId + ", feedId=" + feedId + ", action=" + action
                + ", encryptedUrl=" + (encryptedUrl == null ? "null" : "<redacted>")
                + ", displayName=" + displayName + ", occurredAt=" + occurredAt + "]";
    }
}
