package dev.calsync.feedingest.subscription;

import dev.calsync.contracts.MalformedMessageException;
import dev.calsync.contracts.feed.FeedSubscription;
import dev.calsync.contracts.feed.SubscriptionAction;
import dev.calsync.feedingest.feed.FeedRepository;
import dev.calsync.feedingest.feed.FeedUrlCipher;
import dev.calsync.feedingest.schedule.FeedScheduler;
import dev.calsync.support.messaging.ReceivedEvent;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code feed_state} in step with the person's subscriptions. The URL is checked to decrypt (a
 * record this service can never use goes to the dead-letter topic, not into the table) and stored as
 * the ciphertext it arrived as. An unsubscription is carried out by the scheduler under the feed's lease,
 * so its FEED_REMOVED follows any change of that feed still being emitted.
 */
@Component
public class FeedSubscriptionHandler {

    private static final Logger log = LoggerFactory.getLogger(FeedSubscriptionHandler.class);

    private final FeedRepository feeds;
    private final FeedUrlCipher cipher;
    private final FeedScheduler scheduler;
    private final Clock clock;

    public FeedSubscriptionHandler(FeedRepository feeds, FeedUrlCipher cipher, FeedScheduler scheduler, Clock clock) {
        this.feeds = feeds;
        this.cipher = cipher;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    public void handle(ReceivedEvent<FeedSubscription> received) {
        FeedSubscription subscription = received.payload();
        if (subscription.action() == SubscriptionAction.SUBSCRIBED) {
            try {
                cipher.decrypt(subscription.encryptedUrl(), subscription.subscriberId());
            } catch (IllegalArgumentException undecryptable) {
                throw new MalformedMessageException(FeedSubscription.class, undecryptable.getMessage());
            }
            feeds.subscribe(subscription.feedId(), subscription.subscriberId(), subscription.displayName(),
                    subscription.encryptedUrl(), subscription.occurredAt(), clock.instant());
            log.info("feed {} of subscriber {} subscribed", subscription.feedId(), subscription.subscriberId());
        } else {
            feeds.unsubscribe(subscription.feedId(), subscription.subscriberId(), subscription.occurredAt(), clock.instant());
            log.info("feed {} of subscriber {} unsubscribed", subscription.feedId(), subscription.subscriberId());
        }
        scheduler.pollSoon();
    }
}
