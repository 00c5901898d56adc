package dev.calsync.calendarwriter.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.calendarwriter.support.WriterTestSupport;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.status.SyncCounts;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The feed's write status is one per feed-ingest run, not one per change, and says how many events the feed's
 * calendar holds; a change sent to the dead-letter topic keeps the feed's status a failure until something
 * newer replaces it.
 */
class FeedStatusPerRunIT extends WriterTestSupport {

    private EventChanged inRun(EventChanged change, long runId, int runSize) {
        return change.inRun(runId, runSize);
    }

    private EventChanged delete(String uid, long version) {
        return ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant).uid(uid).version(version)
                .changeType(ChangeType.DELETE).event(null).contentHash(null).build();
    }

    @Test
    void eachRunIsReportedOnceWithWhatItDidAndWhatTheCalendarHoldsNowAndAReplayReportsNothing() throws Exception {
        List<EventChanged> firstSync = List.of(
                inRun(upsert("a@x", 1, "A"), 1, 5), inRun(upsert("b@x", 2, "B"), 1, 5), inRun(upsert("c@x", 3, "C"), 1, 5),
                inRun(upsert("d@x", 4, "D"), 1, 5), inRun(upsert("e@x", 5, "E"), 1, 5));
        send(firstSync.toArray(EventChanged[]::new));

        SyncStatus first = writeStatuses(1).get(0);
        assertThat(first.counts()).as("not '0 added, 0 changed, 1 deleted'").isEqualTo(new SyncCounts(5, 0, 0, 0, 0));
        assertThat(first.calendarEvents()).isEqualTo(5);
        assertThat(first.outcome()).isEqualTo(SyncOutcome.SUCCESS);

        List<EventChanged> edit = List.of(inRun(upsert("a@x", 6, "A (moved)"), 6, 2), inRun(delete("b@x", 7), 6, 2));
        send(edit.toArray(EventChanged[]::new));
        SyncStatus second = writeStatuses(2).get(1);
        assertThat(second.counts()).isEqualTo(new SyncCounts(0, 1, 1, 0, 0));
        assertThat(second.calendarEvents()).isEqualTo(4);

        // an operator's replay of both runs, then a new run: only the new run is reported
        clearCalls();
        send(firstSync.toArray(EventChanged[]::new));
        send(edit.toArray(EventChanged[]::new));
        send(inRun(upsert("f@x", 8, "F"), 8, 1));
        List<SyncStatus> statuses = writeStatuses(3);
        assertThat(statuses).hasSize(3);
        assertThat(statuses.get(2).counts()).isEqualTo(new SyncCounts(1, 0, 0, 0, 0));
        assertThat(statuses.get(2).calendarEvents()).isEqualTo(5);
        assertThat(calls()).as("the replay cost nothing; the new event one insert").isEqualTo(Map.of("events.insert", 1L));
    }

    @Test
    void aDeadLetteredChangeKeepsTheFeedFailedUntilANewerWriteOfItReplacesIt() throws Exception {
        send(upsert("first@x", 1, "First"));
        writeStatuses(1);
        fault(Map.of("endpoint", "events.insert", "status", 400, "times", 1));
        send(inRun(upsert("bad@x", 2, "Bad"), 2, 2), inRun(upsert("good@x", 3, "Good"), 2, 2));

        SyncStatus failed = writeStatuses(2).get(1);
        assertThat(failed.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(failed.counts()).isEqualTo(new SyncCounts(1, 0, 0, 0, 1));
        assertThat(failed.lastError()).contains("1 change of this feed could not be written", Topics.EVENT_CHANGED_DLQ,
                "Google rejected the event");

        // a later run that goes well does not hide the change still waiting in the dead-letter topic
        send(inRun(upsert("later@x", 4, "Later"), 4, 1));
        SyncStatus stillFailed = writeStatuses(3).get(2);
        assertThat(stillFailed.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(stillFailed.counts()).isEqualTo(new SyncCounts(1, 0, 0, 0, 0));
        assertThat(stillFailed.lastError()).contains("1 change of this feed could not be written");

        // the operator replays the dead letter once the cause is fixed: the run is reported again, as it now is
        send(inRun(upsert("bad@x", 2, "Bad"), 2, 2));
        SyncStatus replayed = writeStatuses(4).get(3);
        assertThat(replayed.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(replayed.counts()).isEqualTo(new SyncCounts(2, 0, 0, 0, 0));
        assertThat(replayed.lastError()).isNull();
        assertThat(replayed.calendarEvents()).isEqualTo(4);
        assertThat(liveEvents()).extracting(e -> e.path("summary").asText())
                .containsExactlyInAnyOrder("First", "Bad", "Good", "Later");
    }

    @Test
    void aNewerWriteOfADeadLetteredEventClearsItToo() throws Exception {
        fault(Map.of("endpoint", "events.insert", "status", 400, "times", 1));
        send(inRun(upsert("bad@x", 1, "Bad"), 1, 1));
        assertThat(writeStatuses(1).get(0).outcome()).isEqualTo(SyncOutcome.FAILED);

        // the next fetch brings the event again (a newer version): written, and nothing waits any more
        send(inRun(upsert("bad@x", 2, "Bad, fixed"), 2, 1));
        SyncStatus recovered = writeStatuses(2).get(1);
        assertThat(recovered.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(recovered.lastError()).isNull();
        assertThat(recovered.calendarEvents()).isEqualTo(1);
    }
}
