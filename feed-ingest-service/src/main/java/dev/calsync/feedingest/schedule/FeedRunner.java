package dev.calsync.feedingest.schedule;

import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.status.SyncCounts;
import dev.calsync.feedingest.config.FeedIngestProperties;
import dev.calsync.feedingest.diff.FeedDiff;
import dev.calsync.feedingest.diff.PlannedChange;
import dev.calsync.feedingest.diff.SnapshotEntry;
import dev.calsync.feedingest.diff.SnapshotRepository;
import dev.calsync.feedingest.diff.SnapshotRepository.FeedUpdate;
import dev.calsync.feedingest.feed.FeedRepository;
import dev.calsync.feedingest.feed.FeedState;
import dev.calsync.feedingest.feed.FeedUrlCipher;
import dev.calsync.feedingest.fetch.FeedFetcher;
import dev.calsync.feedingest.fetch.FetchResult;
import dev.calsync.feedingest.parse.FeedParseException;
import dev.calsync.feedingest.parse.FeedText;
import dev.calsync.feedingest.parse.IcsFeedParser;
import dev.calsync.feedingest.parse.ParsedFeed;
import dev.calsync.feedingest.status.FeedStatusReporter;
import dev.calsync.feedingest.status.FeedStatusReporter.FetchOutcome;
import dev.calsync.support.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What an instance does with a feed it holds the lease of: remove it (unsubscribed), resync it
 * (requested), or fetch → parse → diff → emit → commit.
 *
 * <p><b>Safe deletes.</b> A failed fetch or an unreadable feed deletes nothing. A fetch that would
 * delete every event, or more than {@code suspectShrinkShare} of them (from {@code suspectMinimumEvents}
 * events on), is held as SUSPECT: nothing is emitted, the validators are not kept (the next fetch reads
 * the body again), and only when {@code suspectConfirmations} fetches in a row are suspect is the
 * shrink believed and applied.
 *
 * <p><b>Runs.</b> Every change of one fetch or resync carries the run's first version and size, so the writer
 * reports the run as a whole.
 *
 * <p><b>Emit, then commit.</b> Changes are sent one by one and synchronously; the snapshot is written
 * only after the broker acknowledged all of them. A crash in between re-emits the same changes with new,
 * higher versions on the next run; nothing is lost.
 */
@Component
public class FeedRunner {

    private static final Logger log = LoggerFactory.getLogger(FeedRunner.class);

    private final FeedRepository feeds;
    private final SnapshotRepository snapshots;
    private final FeedUrlCipher cipher;
    private final FeedFetcher fetcher;
    private final EventPublisher publisher;
    private final FeedStatusReporter status;
    private final FeedIngestProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final FeedLeases leases;
    private final FeedRunPolicy policy;

    /** Changes sent between two renewals of the feed's lease. */
    static final int CHANGES_PER_LEASE_RENEWAL = 500;

    public FeedRunner(FeedRepository feeds, SnapshotRepository snapshots, FeedUrlCipher cipher, FeedFetcher fetcher,
                      EventPublisher publisher, FeedStatusReporter status, FeedIngestProperties properties,
                      MeterRegistry meters, Clock clock, FeedLeases leases) {
        this.leases = leases;
        this.feeds = feeds;
        this.snapshots = snapshots;
        this.cipher = cipher;
        this.fetcher = fetcher;
        this.publisher = publisher;
        this.status = status;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        this.policy = new FeedRunPolicy(properties);
    }

    public void run(String feedId, String leaseOwner) {
        FeedState feed = feeds.find(feedId).orElse(null);
        if (feed == null) {
            return;
        }
        switch (FeedRunPolicy.actionFor(feed)) {
            case REMOVE -> remove(feed, leaseOwner);
            case RESYNC -> resync(feed, leaseOwner);
            case FETCH -> fetch(feed, leaseOwner);
            case NOTHING -> {
            }
        }
    }

    private void remove(FeedState feed, String leaseOwner) {
        if (feed.grantId() != null) {
            publisher.publish(new EventChanged(feed.subscriberId(), feed.feedId(), feed.displayName(), feed.grantId(), null,
                    null, ChangeType.FEED_REMOVED, snapshots.nextVersions(1).get(0), null, false, null, clock.instant()));
            meters.counter("calsync.feed.changes", "type", "feed_removed").increment();
        }
        snapshots.removeFeed(feed.feedId(), leaseOwner);
        log.info("feed {} of subscriber {} removed", feed.feedId(), feed.subscriberId());
    }

    /**
     * Re-emits the snapshot with new versions and the resync flag, as one run; no fetch, the snapshot is the truth.
     * Live events go as UPSERTs, events that left the feed as DELETEs again (see {@link FeedDiff#resync}).
     */
    private void resync(FeedState feed, String leaseOwner) {
        List<SnapshotEntry> snapshot = snapshots.load(feed.feedId());
        FeedDiff.Resync resync;
        List<EventChanged> emitted;
        try {
            resync = FeedDiff.resync(snapshot);
            emitted = emit(feed, leaseOwner, resync.changes(), snapshots.nextVersions(resync.changes().size()), true);
        } catch (RuntimeException failed) {
            status.report(feed.subscriberId(), feed.feedId(), FetchOutcome.EMIT_FAILED, SyncCounts.ZERO,
                    "resync could not be sent: " + failed.getClass().getSimpleName());
            return;
        }
        // the re-sent DELETEs are stored as tombstones again, only with their new versions
        snapshots.commit(feed.feedId(), leaseOwner, emitted, new FeedUpdate(feed.etag(), feed.lastModified(), feed.nextFetchAt(),
                feed.lastSuccessAt(), feed.lastError(), feed.consecutiveFailures(), feed.suspectFetches(), feed.contentIdentity(), true));
        meters.counter("calsync.feed.changes", "type", "resync").increment(emitted.size());
        // The counts say what the feed holds, as a fetch that found nothing new would: its live events are
        // "unchanged"; "deleted" stays 0, for no event left the feed now. The re-sent DELETEs are in the run's size.
        status.report(feed.subscriberId(), feed.feedId(), FetchOutcome.RESYNCED, new SyncCounts(0, 0, 0, resync.live(), 0), null);
    }

    private void fetch(FeedState feed, String leaseOwner) {
        Instant now = clock.instant();
        String url;
        try {
            url = cipher.decrypt(feed.encryptedUrl(), feed.subscriberId());
        } catch (IllegalArgumentException undecryptable) {
            failed(feed, leaseOwner, FetchOutcome.FETCH_FAILED, undecryptable.getMessage());
            return;
        }
        FetchResult result = fetcher.fetch(url, feed.etag(), feed.lastModified());
        if (result instanceof FetchResult.NotModified) {
            snapshots.updateFeedOnly(feed.feedId(), leaseOwner, new FeedUpdate(feed.etag(), feed.lastModified(), policy.nextFetch(now, 0),
                    now, null, 0, feed.suspectFetches(), feed.contentIdentity(), false));
            status.report(feed.subscriberId(), feed.feedId(), FetchOutcome.NOT_MODIFIED, SyncCounts.ZERO, null);
            return;
        }
        if (result instanceof FetchResult.Failed failure) {
            failed(feed, leaseOwner, FetchOutcome.FETCH_FAILED, failure.reason());
            return;
        }
        FetchResult.Fetched fetched = (FetchResult.Fetched) result;
        ParsedFeed parsed;
        try {
            parsed = parser().parse(FeedText.reader(fetched.body(), fetched.charset()));
        } catch (FeedParseException unreadable) {
            failed(feed, leaseOwner, FetchOutcome.PARSE_FAILED, unreadable.getMessage());
            return;
        }
        FeedDiff.Result diff = FeedDiff.diff(snapshots.load(feed.feedId()), parsed.events(), feed.contentIdentity());
        int warnings = parsed.warnings().size();
        if (diff.contentIdentityDetectedNow()) {
            log.warn("feed {} regenerates its UIDs on every download: matching its events by content from now on", feed.feedId());
        }
        String suspicion = policy.suspicion(diff);
        if (suspicion != null) {
            int confirmations = feed.suspectFetches() + 1;
            if (policy.holdsSuspectFetch(feed.suspectFetches())) {
                // validators are dropped so that the next fetch reads the body again and can confirm or clear it
                snapshots.updateFeedOnly(feed.feedId(), leaseOwner, new FeedUpdate(null, null, policy.nextFetch(now, 0),
                        null, suspicion, feed.consecutiveFailures(), confirmations, feed.contentIdentity(), false));
                status.report(feed.subscriberId(), feed.feedId(), FetchOutcome.SUSPECT,
                        new SyncCounts(diff.added(), diff.changed(), 0, diff.unchanged(), warnings), suspicion, parsed.statusWarnings());
                return;
            }
            log.warn("feed {}: shrink confirmed by {} fetches in a row, applying it", feed.feedId(), confirmations);
        }
        List<Long> versions = snapshots.nextVersions(diff.changes().size());
        List<EventChanged> emitted;
        try {
            emitted = emit(feed, leaseOwner, diff.changes(), versions, false);
        } catch (RuntimeException brokerFailed) {
            // nothing is committed: the next run re-emits everything of this fetch with newer versions
            failed(feed, leaseOwner, FetchOutcome.EMIT_FAILED, "changes could not be sent (" + brokerFailed.getClass().getSimpleName()
                    + "); they will be sent again");
            return;
        }
        String warningText = warnings == 0 ? null : warnings + " event(s) or part(s) left out: " + String.join("; ", parsed.warnings().stream().limit(3).toList());
        boolean committed = snapshots.commit(feed.feedId(), leaseOwner, emitted, new FeedUpdate(fetched.etag(), fetched.lastModified(),
                policy.nextFetch(now, 0), now, warningText, 0, 0, diff.contentIdentity(), false));
        if (!committed) {
            log.warn("feed {}: lease lost before the snapshot was committed; the next holder emits again", feed.feedId());
            return;
        }
        for (EventChanged change : emitted) {
            meters.counter("calsync.feed.changes", "type", change.changeType().name().toLowerCase()).increment();
        }
        status.report(feed.subscriberId(), feed.feedId(), warnings == 0 ? FetchOutcome.FETCHED : FetchOutcome.FETCHED_WITH_WARNINGS,
                new SyncCounts(diff.added(), diff.changed(), diff.deleted(), diff.unchanged(), warnings), warningText,
                parsed.statusWarnings());
    }

    /**
     * Sends {@code changes} in order, synchronously, as one run with one new version each ({@code versions},
     * ascending): the run's id is its first version, its size all of them.
     */
    private List<EventChanged> emit(FeedState feed, String leaseOwner, List<PlannedChange> changes, List<Long> versions,
                                    boolean resync) {
        List<EventChanged> emitted = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            PlannedChange planned = changes.get(i);
            EventChanged change = new EventChanged(feed.subscriberId(), feed.feedId(), feed.displayName(), feed.grantId(),
                    planned.uid(), planned.recurrenceId(), planned.type(), versions.get(i), planned.contentHash(), resync,
                    planned.event(), clock.instant()).inRun(versions.get(0), changes.size());
            publisher.publish(change);
            emitted.add(change);
            renewLeaseEvery(emitted.size(), feed.feedId(), leaseOwner);
        }
        return emitted;
    }

    private void renewLeaseEvery(int sent, String feedId, String leaseOwner) {
        if (sent % CHANGES_PER_LEASE_RENEWAL == 0 && !leases.extend(feedId, leaseOwner, clock.instant(), properties.lease())) {
            // another instance holds the feed now: stop; it emits again with newer versions
            throw new IllegalStateException("the lease of feed " + feedId + " was lost while sending");
        }
    }

    private void failed(FeedState feed, String leaseOwner, FetchOutcome outcome, String reason) {
        Instant now = clock.instant();
        int failures = feed.consecutiveFailures() + 1;
        snapshots.updateFeedOnly(feed.feedId(), leaseOwner, new FeedUpdate(feed.etag(), feed.lastModified(), policy.nextFetch(now, failures),
                null, reason, failures, feed.suspectFetches(), feed.contentIdentity(), false));
        status.report(feed.subscriberId(), feed.feedId(), outcome, SyncCounts.ZERO, reason);
        log.info("feed {} of subscriber {}: {} ({} failure(s) in a row)", feed.feedId(), feed.subscriberId(), reason, failures);
    }

    IcsFeedParser parser() {
        return new IcsFeedParser(properties.defaultTimeZone(), clock.instant().atOffset(ZoneOffset.UTC).getYear());
    }
}
