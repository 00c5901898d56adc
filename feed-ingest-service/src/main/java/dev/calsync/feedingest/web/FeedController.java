package dev.calsync.feedingest.web;

import dev.calsync.feedingest.feed.FeedRepository;
import dev.calsync.feedingest.resync.ResyncHandler;
import dev.calsync.feedingest.schedule.FeedScheduler;
import dev.calsync.support.ratelimit.KeyedRateLimiters;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Operators' and publishers' doors: {@code refresh} makes a feed due now (a publisher pings it on change),
 * {@code resync} asks for a resync; both answer 202 and the work happens under the feed's lease. The
 * database calls block, so they run on the bounded-elastic scheduler, never on the event loop.
 *
 * <p>Both are internal: only callers with the service credential get here ({@code calsync.service-credential.paths}),
 * and each feed may be refreshed or resynced only so often ({@link FeedRequestLimiter}); over that, {@code 429}
 * with {@code Retry-After} and nothing is done.
 */
@RestController
@RequestMapping("/api/feeds/{feedId}")
public class FeedController {

    private final FeedRepository feeds;
    private final ResyncHandler resyncs;
    private final FeedScheduler scheduler;
    private final FeedRequestLimiter limiter;
    private final Clock clock;

    public FeedController(FeedRepository feeds, ResyncHandler resyncs, FeedScheduler scheduler, FeedRequestLimiter limiter, Clock clock) {
        this.feeds = feeds;
        this.resyncs = resyncs;
        this.scheduler = scheduler;
        this.limiter = limiter;
        this.clock = clock;
    }

    @PostMapping("/refresh")
    public Mono<ResponseEntity<Map<String, String>>> refresh(@PathVariable String feedId) {
        return unlessLimited(limiter.refusedRefresh(feedId), () -> {
            if (feeds.find(feedId).filter(feed -> feed.subscribed() && feed.paused()).isPresent()) {
                return ResponseEntity.status(HttpStatus.CONFLICT)
                        .body(Map.of("error", "feed " + feedId + " is paused: its subscriber has no current grant"));
            }
            boolean known = feeds.makeDue(feedId, clock.instant());
            scheduler.pollSoon();
            return answer(known, feedId, "refresh");
        });
    }

    @PostMapping("/resync")
    public Mono<ResponseEntity<Map<String, String>>> resync(@PathVariable String feedId) {
        return unlessLimited(limiter.refusedResync(feedId), () -> answer(resyncs.request(feedId), feedId, "resync"));
    }

    /** Runs {@code work} on the bounded-elastic scheduler, or answers 429 at once when the limiter refused. */
    private static Mono<ResponseEntity<Map<String, String>>> unlessLimited(Optional<Duration> refusal,
            Callable<ResponseEntity<Map<String, String>>> work) {
        if (refusal.isPresent()) {
            long seconds = KeyedRateLimiters.retryAfterSeconds(refusal.get());
            return Mono.just(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .body(Map.of("error", "too many requests for this feed; try again in " + seconds + " seconds")));
        }
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    private static ResponseEntity<Map<String, String>> answer(boolean known, String feedId, String what) {
        if (!known) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no subscribed feed " + feedId));
        }
        return ResponseEntity.accepted().body(Map.of("feedId", feedId, "accepted", what));
    }
}
