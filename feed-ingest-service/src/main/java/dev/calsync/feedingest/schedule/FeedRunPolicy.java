package dev.calsync.feedingest.schedule;

import dev.calsync.feedingest.config.FeedIngestProperties;
import dev.calsync.feedingest.diff.FeedDiff;
import dev.calsync.feedingest.feed.FeedState;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The decisions of a feed's run, apart from the fetching, parsing and sending that carry them out (see
 * {@link FeedRunner}): what a run does with a feed, when a fetch's deletions are too suspect to apply, and
 * when the feed is fetched next.
 */
final class FeedRunPolicy {

    /** What a run does with a feed it holds the lease of. */
    enum Action {
        /** Unsubscribed: announce the removal and forget the feed. */
        REMOVE,
        /** Paused since it was claimed (a revoked grant, or no grant yet): nothing. */
        NOTHING,
        /** A resync was requested: re-emit the snapshot, no fetch. */
        RESYNC,
        FETCH
    }

    private final FeedIngestProperties properties;

    FeedRunPolicy(FeedIngestProperties properties) {
        this.properties = properties;
    }

    static Action actionFor(FeedState feed) {
        if (!feed.subscribed()) {
            return Action.REMOVE;
        }
        if (feed.paused()) {
            return Action.NOTHING;
        }
        return feed.resyncRequested() ? Action.RESYNC : Action.FETCH;
    }

    /**
     * Why this fetch's deletions look like a broken download rather than a real change; null if they don't:
     * every event gone, or more than {@code suspectShrinkShare} of them from {@code suspectMinimumEvents} on.
     */
    String suspicion(FeedDiff.Result diff) {
        if (diff.deleted() == 0) {
            return null;
        }
        if (diff.currentLive() == 0) {
            return "the feed suddenly has no events (it had " + diff.previousLive() + "); nothing was deleted";
        }
        if (diff.previousLive() >= properties.suspectMinimumEvents()
                && diff.deleted() > properties.suspectShrinkShare() * diff.previousLive()) {
            return "the feed would lose " + diff.deleted() + " of its " + diff.previousLive() + " events at once; nothing was deleted";
        }
        return null;
    }

    /**
     * Whether a suspect fetch is held back (true) or, being the {@code suspectConfirmations}-th suspect fetch
     * in a row, believed and applied (false).
     */
    boolean holdsSuspectFetch(int suspectFetchesBefore) {
        return suspectFetchesBefore + 1 < properties.suspectConfirmations();
    }

    /** The interval plus jitter; after failures, an exponential backoff from a quarter of the interval up to maxBackoff. */
    Instant nextFetch(Instant now, int consecutiveFailures) {
        Duration wait = properties.fetchInterval();
        if (consecutiveFailures > 0) {
            Duration backoff = properties.fetchInterval().dividedBy(4).multipliedBy(1L << Math.min(consecutiveFailures - 1, 20));
            wait = backoff.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : backoff;
        }
        long jitterMillis = properties.jitter().toMillis();
        return now.plus(wait).plusMillis(jitterMillis <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMillis + 1));
    }
}
