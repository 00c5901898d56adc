package dev.calsync.feedingest.subscription;

import dev.calsync.contracts.MalformedMessageException;
import dev.calsync.contracts.feed.FeedSubscription;
import dev.calsync.contracts.feed.SubscriptionAction;
import dev.calsync.feedingest.feed.FeedRepository;
import dev.calsync.feedingest.feed.FeedUrlCipher;
import dev.calsync.feedingest.grant.GrantRepository;
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
    private final GrantRepository grants;
    private final FeedUrlCipher cipher;
    private final FeedScheduler scheduler;
    private final Clock clock;

    public FeedSubscriptionHandler(FeedRepository feeds, GrantRepository grants, FeedUrlCipher cipher,
                                   FeedScheduler scheduler, Clock clock) {
        this.feeds = feeds;
        this.grants = grants;
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
            boolean paused = grants.current(subscription.subscriberId()).map(g -> g.revoked()).orElse(true);
            feeds.subscribe(subscription.feedId(), subscription.subscriberId(), subscription.displayName(),
                    subscription.encryptedUrl(), subscription.occurredAt(), paused, clock.instant());
            log.info("feed {} of subscriber {} subscribed ({})", subscription.feedId(), subscription.subscriberId(),
                    paused ? "paused: no current grant" : "due now");
        } else {
            feeds.unsubscribe(subscription.feedId(), subscription.subscriberId(), subscription.occurredAt(), clock.instant());
            log.info("feed {} of subscriber {} unsubscribed", subscription.feedId(), subscription.subscriberId());
        }
        scheduler.pollSoon();
    }
}
