package dev.calsync.feedingest.status;

import dev.calsync.contracts.status.SyncCounts;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.support.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One {@link SyncStatus} per fetch, and the metric {@code calsync.feed.fetches} per outcome. How the
 * outcomes map onto the contract: not modified = FETCH/SUCCESS with zero counts; fetch failed or refused
 * = FETCH/FAILED; unreadable = PARSE/FAILED; fetched = EMIT/SUCCESS, or PARTIAL when components were
 * left out ({@code counts.failed} = how many); a shrink held back = EMIT/SUSPECT; a broker failure =
 * EMIT/FAILED. A lenient reading is no failure: it keeps SUCCESS and only adds its lines to
 * {@code warnings} (docs/feeds.md). A status that cannot be sent is logged, never allowed to fail the
 * fetch it describes.
 */
@Component
public class FeedStatusReporter {

    private static final Logger log = LoggerFactory.getLogger(FeedStatusReporter.class);

    /** What happened to one fetch, as the metric's {@code outcome} tag. */
    private static List<String> capped(List<String> warnings) {
        if (warnings.size() <= MAX_WARNINGS) {
            return warnings;
        }
        List<String> kept = new java.util.ArrayList<>(warnings.subList(0, MAX_WARNINGS - 1));
        kept.add("… and " + (warnings.size() - MAX_WARNINGS + 1) + " more");
        return kept;
    }

    public enum FetchOutcome { FETCHED, FETCHED_WITH_WARNINGS, NOT_MODIFIED, FETCH_FAILED, PARSE_FAILED, SUSPECT, EMIT_FAILED, RESYNCED }

    private final EventPublisher publisher;
    private final MeterRegistry meters;
    private final Clock clock;

    public FeedStatusReporter(EventPublisher publisher, MeterRegistry meters, Clock clock) {
        this.publisher = publisher;
        this.meters = meters;
        this.clock = clock;
    }

    /** The most lines one status carries; a feed with more says how many were left off in the last. */
    static final int MAX_WARNINGS = 50;

    public void report(String subscriberId, String feedId, FetchOutcome outcome, SyncCounts counts, String error) {
        report(subscriberId, feedId, outcome, counts, error, List.of());
    }

    public void report(String subscriberId, String feedId, FetchOutcome outcome, SyncCounts counts, String error,
                       List<String> warnings) {
        meters.counter("calsync.feed.fetches", "outcome", outcome.name().toLowerCase()).increment();
        if (counts != null && counts.failed() > 0) {
            meters.counter("calsync.feed.warnings").increment(counts.failed());
        }
        SyncStage stage = switch (outcome) {
            case NOT_MODIFIED, FETCH_FAILED -> SyncStage.FETCH;
            case PARSE_FAILED -> SyncStage.PARSE;
            default -> SyncStage.EMIT;
        };
        SyncOutcome syncOutcome = switch (outcome) {
            case FETCHED, NOT_MODIFIED, RESYNCED -> SyncOutcome.SUCCESS;
            case FETCHED_WITH_WARNINGS -> SyncOutcome.PARTIAL;
            case SUSPECT -> SyncOutcome.SUSPECT;
            case FETCH_FAILED, PARSE_FAILED, EMIT_FAILED -> SyncOutcome.FAILED;
        };
        try {
            publisher.publish(new SyncStatus(subscriberId, feedId, stage, syncOutcome, counts, error, clock.instant(), null,
                    capped(warnings)));
        } catch (RuntimeException unsent) {
            log.warn("status of feed {} ({}) could not be published: {}", feedId, outcome, unsent.toString());
        }
    }
}
