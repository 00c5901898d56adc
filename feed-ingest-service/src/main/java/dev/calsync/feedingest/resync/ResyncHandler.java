package dev.calsync.feedingest.resync;

import dev.calsync.contracts.resync.ResyncRequested;
import dev.calsync.feedingest.feed.FeedRepository;
import dev.calsync.feedingest.schedule.FeedScheduler;
import dev.calsync.support.messaging.ReceivedEvent;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A resync is only recorded here ({@code resync_requested}); the instance that next holds the feed's
 * lease carries it out, so a resync and a fetch of the same feed never run at once and a resync can
 * never re-emit older content with a newer version than a concurrent fetch.
 */
@Component
public class ResyncHandler {

    private static final Logger log = LoggerFactory.getLogger(ResyncHandler.class);

    private final FeedRepository feeds;
    private final FeedScheduler scheduler;
    private final Clock clock;

    public ResyncHandler(FeedRepository feeds, FeedScheduler scheduler, Clock clock) {
        this.feeds = feeds;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    public void handle(ReceivedEvent<ResyncRequested> received) {
        ResyncRequested request = received.payload();
        if (request.feedId() == null) {
            feeds.requestResyncOfSubscriber(request.subscriberId(), clock.instant());
        } else if (!feeds.requestResync(request.feedId(), request.subscriberId(), clock.instant())) {
            log.info("resync of feed {} for subscriber {} ignored: no such subscribed feed", request.feedId(),
                    request.subscriberId());
        }
        scheduler.pollSoon();
    }

    /** From the HTTP API: true when the feed exists and is subscribed. */
    public boolean request(String feedId) {
        boolean known = feeds.requestResync(feedId, clock.instant());
        scheduler.pollSoon();
        return known;
    }
}
