package dev.calsync.calendarwriter.eventchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.calendarwriter.support.WriterTestSupport;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Google need not revive a deleted event (the emulator refuses it with 403 by default): an event that leaves the
 * feed and comes back takes its id's next generation, as often as it does so.
 */
class TombstoneGenerationIT extends WriterTestSupport {

    private EventChanged upsert(long version, String summary) {
        NormalizedEvent event = new NormalizedEvent(summary, null, null, null,
                new EventTime.UtcDateTime(Instant.parse("2026-12-01T08:00:00Z")),
                new EventTime.UtcDateTime(Instant.parse("2026-12-01T09:00:00Z")), List.of(), null, null, null, null, null);
        return ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant).uid("t@x")
                .version(version).event(event).contentHash("h-" + summary).build();
    }

    @Test
    void aBurnedIdMovesToTheNextGenerationAndStaysThere() throws Exception {
        send(upsert(1, "Born"));
        String first = awaitEvent(e -> "Born".equals(e.path("summary").asText())).path("id").asText();
        send(ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant).uid("t@x").version(2L)
                .changeType(ChangeType.DELETE).event(null).contentHash(null).build());
        awaitEvent(e -> first.equals(e.path("id").asText()) && "cancelled".equals(e.path("status").asText()));

        clearCalls();
        send(upsert(3, "Back"));
        JsonNode revived = awaitEvent(e -> "Back".equals(e.path("summary").asText()));
        assertThat(revived.path("id").asText()).isEqualTo(first + "g1");
        assertThat(calls()).as("the writer deleted it, so it knows the id is a tombstone").isEqualTo(Map.of("events.insert", 1L));

        clearCalls();
        send(upsert(4, "Back again"));
        awaitEvent(e -> "Back again".equals(e.path("summary").asText()));
        assertThat(calls()).as("the recorded generation is used straight away").isEqualTo(Map.of("events.patch", 1L));
        assertThat(liveEvents()).hasSize(1);
    }

    /** A feed that drops an event and brings it back, again and again (a moving window, a flaky export). */
    @Test
    void anEventThatKeepsLeavingAndComingBackIsWrittenEveryTime() throws Exception {
        long version = 1;
        String firstId = null;
        for (int round = 0; round < 7; round++) {
            String summary = "Round " + round;
            send(upsert(version++, summary));
            String id = awaitEvent(e -> summary.equals(e.path("summary").asText())
                    && !"cancelled".equals(e.path("status").asText())).path("id").asText();
            firstId = firstId == null ? id : firstId;
            assertThat(id).isEqualTo(round == 0 ? firstId : firstId + "g" + round);
            send(ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant).uid("t@x")
                    .version(version++).changeType(ChangeType.DELETE).event(null).contentHash(null).build());
            awaitEvent(e -> id.equals(e.path("id").asText()) && "cancelled".equals(e.path("status").asText()));
        }
        assertThat(liveEvents()).isEmpty();
    }
}
