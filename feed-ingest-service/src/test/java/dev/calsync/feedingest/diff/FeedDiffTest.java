package dev.calsync.feedingest.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventStatus;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import dev.calsync.feedingest.parse.ParsedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedDiffTest {

    static NormalizedEvent event(String summary, EventStatus status) {
        return new NormalizedEvent(summary, null, null, null, new EventTime.UtcDateTime(Instant.parse("2026-12-01T08:00:00Z")),
                null, List.of(), status, null, null, 0, null);
    }

    static ParsedEvent series(String uid, String summary) {
        return new ParsedEvent(uid, null, event(summary, EventStatus.CONFIRMED));
    }

    static ParsedEvent override(String uid, String day, String summary) {
        return new ParsedEvent(uid, new EventTime.UtcDateTime(Instant.parse(day + "T08:00:00Z")), event(summary, EventStatus.CONFIRMED));
    }

    static SnapshotEntry entry(ParsedEvent event) {
        return new SnapshotEntry(event.uid(), event.recurrenceKey(), ContentHash.of(event.event()), 1, false, null);
    }

    @Test
    void seriesComeBeforeTheirOverridesAndOverrideDeletesBeforeSeriesDeletes() {
        List<SnapshotEntry> previous = List.of(entry(series("old", "x")), entry(override("old", "2026-12-08", "y")));
        FeedDiff.Result result = FeedDiff.diff(previous, List.of(override("new", "2026-12-08", "b"), series("new", "a")), false);
        assertThat(result.changes()).extracting(c -> c.type() + " " + c.uid() + " " + c.recurrenceKey()).containsExactly(
                "UPSERT new ", "UPSERT new 20261208T080000Z", "DELETE old 20261208T080000Z", "DELETE old ");
        assertThat(result.changes().get(2).recurrenceId()).isEqualTo(new EventTime.UtcDateTime(Instant.parse("2026-12-08T08:00:00Z")));
    }

    @Test
    void unchangedEventsEmitNothingAndACancelledSeriesIsADelete() {
        ParsedEvent kept = series("kept", "same");
        ParsedEvent cancelled = new ParsedEvent("gone", null, event("gone", EventStatus.CANCELLED));
        FeedDiff.Result result = FeedDiff.diff(List.of(entry(kept), entry(series("gone", "gone"))), List.of(kept, cancelled), false);
        assertThat(result.unchanged()).isEqualTo(1);
        assertThat(result.changes()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(ChangeType.DELETE);
            assertThat(c.uid()).isEqualTo("gone");
        });
    }

    @Test
    void regeneratedUidsWithKnownContentSwitchToContentIdentityInsteadOfDeletingEverything() {
        List<SnapshotEntry> previous = new ArrayList<>();
        List<ParsedEvent> regenerated = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            previous.add(entry(series("uid-a-" + i, "event " + i)));
            regenerated.add(series("uid-b-" + i, "event " + i));
        }
        regenerated.set(3, series("uid-b-3", "event 3 changed"));
        FeedDiff.Result result = FeedDiff.diff(previous, regenerated, false);
        assertThat(result.contentIdentityDetectedNow()).isTrue();
        assertThat(result.unchanged()).isEqualTo(19);
        // the one changed event can only be matched by UID, which changed: one new, one deleted
        assertThat(result.changes()).extracting(PlannedChange::type).containsExactly(ChangeType.UPSERT, ChangeType.DELETE);
    }

    @Test
    void aResyncReSendsLiveEntriesAsTheirStoredEventsAndTombstonesAsDeletesInTheOrderOfADiff() throws Exception {
        ParsedEvent series = series("kept", "weekly");
        ParsedEvent moved = override("kept", "2026-12-08", "moved");
        List<SnapshotEntry> snapshot = List.of(tombstone("gone", ""), stored(moved), tombstone("gone", "20261208T080000Z"),
                stored(series), tombstone("left", ""));

        FeedDiff.Resync resync = FeedDiff.resync(snapshot);

        assertThat(resync.changes()).extracting(c -> c.type() + " " + c.uid() + " " + c.recurrenceKey()).containsExactly(
                "UPSERT kept ", "UPSERT kept 20261208T080000Z", "DELETE gone 20261208T080000Z", "DELETE gone ", "DELETE left ");
        assertThat(resync.live()).isEqualTo(2);
        assertThat(resync.deleted()).isEqualTo(3);
        assertThat(resync.changes().get(1)).satisfies(c -> {
            assertThat(c.event()).isEqualTo(moved.event());
            assertThat(c.contentHash()).isEqualTo(ContentHash.of(moved.event()));
            assertThat(c.recurrenceId()).isEqualTo(moved.recurrenceId());
        });
        // exactly the delete a fetch plans for an event that left the feed
        PlannedChange fetched = FeedDiff.diff(List.of(stored(moved), stored(series)), List.of(series), false).changes().get(0);
        assertThat(resync.changes().get(2)).isEqualTo(new PlannedChange(ChangeType.DELETE, "gone", fetched.recurrenceId(),
                fetched.recurrenceKey(), null, null));
    }

    /** A live entry as a fetch commits it: with the event it emitted. */
    static SnapshotEntry stored(ParsedEvent event) throws Exception {
        return new SnapshotEntry(event.uid(), event.recurrenceKey(), ContentHash.of(event.event()), 1, false,
                ContractJson.objectMapper().writeValueAsString(event.event()));
    }

    /** An entry a fetch deleted: identity kept, no content. */
    static SnapshotEntry tombstone(String uid, String recurrenceKey) {
        return new SnapshotEntry(uid, recurrenceKey, "", 2, true, null);
    }
}
