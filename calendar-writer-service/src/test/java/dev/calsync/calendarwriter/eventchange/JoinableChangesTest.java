package dev.calsync.calendarwriter.eventchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.contracts.Topics;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.EventTime;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Which consecutive changes of one subscriber go into one Google batch: Google runs a batch's parts in any order, so
 * never two changes of one event, nor a series and its own overrides (they share the UID); one grant per batch.
 */
class JoinableChangesTest {

    private static final UUID GRANT = UUID.randomUUID();

    private static EventChanged event(String uid) {
        return ContractSamples.eventChanged().grantId(GRANT).uid(uid).build();
    }

    private static List<ConsumerRecord<?, ?>> records(EventChanged... changes) {
        List<ConsumerRecord<?, ?>> records = new ArrayList<>();
        for (EventChanged change : changes) {
            records.add(new ConsumerRecord<>(Topics.EVENT_CHANGED, 0, records.size(), change.subscriberId(), ContractJson.encode(change)));
        }
        return records;
    }

    private static List<String> uids(List<EventChanged> group) {
        return group.stream().map(EventChanged::uid).toList();
    }

    @Test
    void distinctEventsOfOneGrantGoTogether() {
        EventChanged[] changes = IntStream.range(0, 5).mapToObj(i -> event("e" + i + "@x")).toArray(EventChanged[]::new);

        assertThat(uids(EventChangeWork.joinable(records(changes)))).containsExactly("e0@x", "e1@x", "e2@x", "e3@x", "e4@x");
    }

    @Test
    void aSeriesOverrideEndsTheGroupBeforeItself() {
        EventChanged series = event("series@x");
        EventChanged override = ContractSamples.eventChanged().grantId(GRANT).uid("series@x")
                .recurrenceId(new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 9, 0), "Europe/Berlin")).build();

        assertThat(uids(EventChangeWork.joinable(records(event("a@x"), series, event("b@x"), override, event("c@x")))))
                .containsExactly("a@x", "series@x", "b@x");
    }

    @Test
    void aSecondChangeOfAnEventAnotherGrantAFeedRemovalOrAnUnreadableRecordEndTheGroup() {
        assertThat(uids(EventChangeWork.joinable(records(event("a@x"), event("b@x"), event("a@x"))))).containsExactly("a@x", "b@x");
        EventChanged otherGrant = ContractSamples.eventChanged().grantId(UUID.randomUUID()).uid("c@x").build();
        assertThat(uids(EventChangeWork.joinable(records(event("a@x"), otherGrant)))).containsExactly("a@x");
        EventChanged removal = ContractSamples.eventChanged().grantId(GRANT).changeType(ChangeType.FEED_REMOVED).uid(null)
                .event(null).contentHash(null).build();
        assertThat(EventChangeWork.joinable(records(removal, event("a@x")))).isEmpty();

        List<ConsumerRecord<?, ?>> withUnreadable = records(event("a@x"));
        withUnreadable.add(new ConsumerRecord<>(Topics.EVENT_CHANGED, 0, 1, "sub", "{not json".getBytes(StandardCharsets.UTF_8)));
        withUnreadable.addAll(records(event("b@x")));
        assertThat(uids(EventChangeWork.joinable(withUnreadable))).containsExactly("a@x");
    }
}
