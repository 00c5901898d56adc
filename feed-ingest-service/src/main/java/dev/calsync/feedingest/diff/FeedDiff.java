package dev.calsync.feedingest.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventStatus;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import dev.calsync.feedingest.parse.ParsedEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The minimal, ordered changes from the last snapshot to what the feed says now.
 *
 * <p>Rules: an unchanged hash emits nothing; a new or changed event is an UPSERT; an event gone from
 * the feed, or a series/single event now {@code STATUS:CANCELLED}, is a DELETE. A cancelled override
 * stays an UPSERT (with its CANCELLED status): the writer cancels that one occurrence, whereas a DELETE
 * of an override means "back to the series' pattern". Order: series UPSERTs, override UPSERTs, override
 * DELETEs, series DELETEs — a series exists before its overrides and outlives them. A resync
 * ({@link #resync}) re-sends the whole snapshot, tombstones included, in the same order.
 *
 * <p><b>Unstable UIDs</b>: when most events of a fetch carry UIDs never seen while their content is
 * known, the publisher regenerates UIDs on each download. The feed then switches to content identity:
 * an event whose UID is unknown but whose hash matches an unmatched event of the snapshot keeps that
 * event's stored identity, so nothing is deleted and recreated.
 */
public final class FeedDiff {

    /** Share of new UIDs and of known content above which UIDs are judged unstable. */
    static final double UNSTABLE_SHARE = 0.8;
    /** Below this many events the evidence is too thin to judge UIDs. */
    static final int UNSTABLE_MINIMUM = 5;

    /**
     * The ordered changes and the counts for the feed's status.
     *
     * @param contentIdentity whether the feed is (now) matched by content, to be stored with the snapshot
     * @param previousLive events the writer knew before this fetch
     * @param currentLive events of this fetch that are not cancelled series or singles
     */
    public record Result(List<PlannedChange> changes, int added, int changed, int deleted, int unchanged,
                         boolean contentIdentity, boolean contentIdentityDetectedNow, int previousLive, int currentLive) {
    }

    private FeedDiff() {
    }

    public static Result diff(List<SnapshotEntry> snapshot, List<ParsedEvent> current, boolean contentIdentity) {
        Map<String, SnapshotEntry> live = new HashMap<>();
        for (SnapshotEntry entry : snapshot) {
            if (!entry.deleted()) {
                live.put(entry.key(), entry);
            }
        }
        List<ParsedEvent> present = new ArrayList<>(current.size());
        List<ParsedEvent> cancelledSeries = new ArrayList<>();
        for (ParsedEvent event : current) {
            if (event.recurrenceId() == null && event.event().status() == EventStatus.CANCELLED) {
                cancelledSeries.add(event);
            } else {
                present.add(event);
            }
        }
        Map<ParsedEvent, String> hashes = new HashMap<>(present.size() * 2);
        for (ParsedEvent event : present) {
            hashes.put(event, ContentHash.of(event.event()));
        }

        boolean detectedNow = false;
        if (!contentIdentity && live.size() >= UNSTABLE_MINIMUM && !present.isEmpty()) {
            Set<String> knownHashes = new HashSet<>();
            live.values().forEach(entry -> knownHashes.add(entry.contentHash()));
            long newUids = present.stream().filter(e -> !live.containsKey(SnapshotEntry.key(e.uid(), e.recurrenceKey()))).count();
            long knownContent = present.stream().filter(e -> knownHashes.contains(hashes.get(e))).count();
            if (newUids > UNSTABLE_SHARE * present.size() && knownContent > UNSTABLE_SHARE * present.size()) {
                contentIdentity = true;
                detectedNow = true;
            }
        }

        Set<String> confirmed = new HashSet<>();
        List<PlannedChange> upserts = new ArrayList<>();
        int added = 0;
        int changed = 0;
        int unchanged = 0;
        List<ParsedEvent> unmatched = new ArrayList<>();
        for (ParsedEvent event : present) {
            String key = SnapshotEntry.key(event.uid(), event.recurrenceKey());
            SnapshotEntry previous = live.get(key);
            if (previous != null) {
                confirmed.add(key);
                if (previous.contentHash().equals(hashes.get(event))) {
                    unchanged++;
                } else {
                    upserts.add(upsert(event, hashes.get(event)));
                    changed++;
                }
            } else {
                unmatched.add(event);
            }
        }
        Map<String, Deque<SnapshotEntry>> byHash = new HashMap<>();
        if (contentIdentity) {
            for (SnapshotEntry entry : live.values()) {
                if (!confirmed.contains(entry.key())) {
                    byHash.computeIfAbsent(entry.contentHash(), h -> new ArrayDeque<>()).add(entry);
                }
            }
        }
        for (ParsedEvent event : unmatched) {
            Deque<SnapshotEntry> sameContent = byHash.get(hashes.get(event));
            if (sameContent != null && !sameContent.isEmpty()) {
                // same content under a regenerated UID: keep the identity the writer already knows
                confirmed.add(sameContent.poll().key());
                unchanged++;
            } else {
                upserts.add(upsert(event, hashes.get(event)));
                added++;
            }
        }
        List<PlannedChange> deletes = new ArrayList<>();
        for (SnapshotEntry entry : live.values()) {
            if (!confirmed.contains(entry.key())) {
                deletes.add(delete(entry));
            }
        }
        // a cancelled series was never live if it was cancelled from the start: then there is nothing to delete

        return new Result(ordered(upserts, deletes), added, changed, deletes.size(), unchanged, contentIdentity, detectedNow,
                live.size(), present.size());
    }

    /**
     * What a resync re-sends: every live entry as an UPSERT of the event stored with it, and every tombstone as
     * the DELETE a fetch emitted for it. The tombstones go again because the writer may have dropped the first
     * DELETE (a parked subscriber's changes are acknowledged and dropped, then re-derived from a resync); for an
     * entry the writer already deleted, the repeated DELETE only records its newer version.
     */
    public static Resync resync(List<SnapshotEntry> snapshot) {
        List<PlannedChange> upserts = new ArrayList<>();
        List<PlannedChange> deletes = new ArrayList<>();
        for (SnapshotEntry entry : snapshot) {
            if (entry.deleted()) {
                deletes.add(delete(entry));
            } else {
                upserts.add(new PlannedChange(ChangeType.UPSERT, entry.uid(), EventTime.fromCanonical(entry.recurrenceKey()),
                        entry.recurrenceKey(), entry.contentHash(), storedEvent(entry)));
            }
        }
        return new Resync(ordered(upserts, deletes), upserts.size(), deletes.size());
    }

    /**
     * The changes of a resync, in the order of a diff.
     *
     * @param live how many are UPSERTs of events in the feed
     * @param deleted how many are DELETEs of events that left it earlier
     */
    public record Resync(List<PlannedChange> changes, int live, int deleted) {
    }

    /**
     * Series upserts, override upserts, override deletes, series deletes: a series exists before its overrides
     * and outlives them (the writer waits for a live series before it writes or deletes an override).
     */
    private static List<PlannedChange> ordered(List<PlannedChange> upserts, List<PlannedChange> deletes) {
        Comparator<PlannedChange> byIdentity = Comparator.comparing(PlannedChange::uid).thenComparing(PlannedChange::recurrenceKey);
        List<PlannedChange> ordered = new ArrayList<>(upserts.size() + deletes.size());
        upserts.stream().filter(c -> !c.isOverride()).sorted(byIdentity).forEach(ordered::add);
        upserts.stream().filter(PlannedChange::isOverride).sorted(byIdentity).forEach(ordered::add);
        deletes.stream().filter(PlannedChange::isOverride).sorted(byIdentity).forEach(ordered::add);
        deletes.stream().filter(c -> !c.isOverride()).sorted(byIdentity).forEach(ordered::add);
        return ordered;
    }

    private static PlannedChange upsert(ParsedEvent event, String hash) {
        return new PlannedChange(ChangeType.UPSERT, event.uid(), event.recurrenceId(), event.recurrenceKey(), hash, event.event());
    }

    /** A delete carries only the identity: no content, no hash. */
    private static PlannedChange delete(SnapshotEntry entry) {
        return new PlannedChange(ChangeType.DELETE, entry.uid(), EventTime.fromCanonical(entry.recurrenceKey()),
                entry.recurrenceKey(), null, null);
    }

    private static NormalizedEvent storedEvent(SnapshotEntry entry) {
        try {
            return ContractJson.objectMapper().readValue(entry.eventJson(), NormalizedEvent.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("the stored event " + entry.uid() + " cannot be read", unreadable);
        }
    }
}
