package dev.calsync.feedingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.feedingest.config.FeedIngestProperties;
import dev.calsync.feedingest.diff.FeedDiff;
import dev.calsync.feedingest.feed.FeedState;
import dev.calsync.feedingest.schedule.FeedRunPolicy.Action;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A feed run's decisions: what to do with the feed, which deletions to hold back, when to fetch next. */
class FeedRunPolicyTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    /** 15-minute interval, 6-hour maximum backoff; suspect: more than half of 10+ events, confirmed by the 3rd fetch. */
    static FeedRunPolicy policy(Duration jitter) {
        return new FeedRunPolicy(new FeedIngestProperties(Duration.ofMinutes(15), jitter, Duration.ofHours(6),
                Duration.ofSeconds(5), 8, Duration.ofMinutes(5), 2, Duration.ofSeconds(10), Duration.ofSeconds(60), 1024, 5,
                false, false, ZoneId.of("UTC"), 0.5, 10, 3));
    }

    static FeedState feed(boolean subscribed, boolean paused, boolean resyncRequested) {
        return new FeedState("feed-1", "sub-1", "Team", "sealed", subscribed, false, paused, resyncRequested, null, null, NOW,
                null, null, 0, 0, false, UUID.randomUUID());
    }

    /** A diff of a feed that had {@code previous} live events and now has {@code previous - deleted}. */
    static FeedDiff.Result deleting(int deleted, int previous) {
        return new FeedDiff.Result(List.of(), 0, 0, deleted, previous - deleted, false, false, previous, previous - deleted);
    }

    @Test
    void anUnsubscribedFeedIsRemovedEvenWhilePausedAPausedOneIsLeftAloneAResyncReplacesTheFetch() {
        assertThat(FeedRunPolicy.actionFor(feed(false, false, false))).isEqualTo(Action.REMOVE);
        assertThat(FeedRunPolicy.actionFor(feed(false, true, true))).isEqualTo(Action.REMOVE);
        assertThat(FeedRunPolicy.actionFor(feed(true, true, false))).isEqualTo(Action.NOTHING);
        assertThat(FeedRunPolicy.actionFor(feed(true, true, true))).as("no resync without a grant").isEqualTo(Action.NOTHING);
        assertThat(FeedRunPolicy.actionFor(feed(true, false, true))).isEqualTo(Action.RESYNC);
        assertThat(FeedRunPolicy.actionFor(feed(true, false, false))).isEqualTo(Action.FETCH);
    }

    @Test
    void aFeedThatLosesEveryEventOrMoreThanHalfOfTenOrMoreIsSuspect() {
        FeedRunPolicy policy = policy(Duration.ZERO);
        assertThat(policy.suspicion(deleting(0, 100))).isNull();
        assertThat(policy.suspicion(deleting(3, 3))).contains("suddenly has no events (it had 3)");
        assertThat(policy.suspicion(deleting(6, 10))).contains("would lose 6 of its 10 events");
        assertThat(policy.suspicion(deleting(5, 10))).as("exactly half is believed").isNull();
        assertThat(policy.suspicion(deleting(8, 9))).as("fewer than 10 events: only losing all is suspect").isNull();
    }

    @Test
    void aSuspectFetchIsHeldUntilTheThirdInARow() {
        FeedRunPolicy policy = policy(Duration.ZERO);
        assertThat(policy.holdsSuspectFetch(0)).isTrue();
        assertThat(policy.holdsSuspectFetch(1)).isTrue();
        assertThat(policy.holdsSuspectFetch(2)).isFalse();
    }

    @Test
    void healthyFeedsWaitTheIntervalPlusAtMostTheJitter() {
        FeedRunPolicy policy = policy(Duration.ofMinutes(1));
        for (int i = 0; i < 50; i++) {
            assertThat(policy.nextFetch(NOW, 0)).isBetween(NOW.plus(Duration.ofMinutes(15)), NOW.plus(Duration.ofMinutes(16)));
        }
    }

    @Test
    void failingFeedsBackOffExponentiallyUpToTheMaximum() {
        FeedRunPolicy policy = policy(Duration.ZERO);
        assertThat(policy.nextFetch(NOW, 1)).isEqualTo(NOW.plus(Duration.ofSeconds(225)));
        assertThat(policy.nextFetch(NOW, 2)).isEqualTo(NOW.plus(Duration.ofSeconds(450)));
        assertThat(policy.nextFetch(NOW, 5)).isEqualTo(NOW.plus(Duration.ofMinutes(60)));
        assertThat(policy.nextFetch(NOW, 40)).isEqualTo(NOW.plus(Duration.ofHours(6)));
    }
}
