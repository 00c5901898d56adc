package dev.calsync.calendarwriter.eventchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.calendarwriter.support.WriterTestSupport;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import dev.calsync.testsupport.OwnContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Google that refuses to revive a deleted event (403): the writer moves to the id's next generation. */
@OwnContext("its writer talks to an emulator that refuses tombstone updates, not the shared one")
class TombstoneGenerationIT extends WriterTestSupport {

    @BeforeAll
    static void refuseTombstoneUpdates() {
        EMULATOR_SETTINGS.put("emulator.switches.tombstone-update", "FORBIDDEN_403");
    }

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
        assertThat(calls()).isEqualTo(Map.of("events.insert", 2L, "events.patch", 1L));

        clearCalls();
        send(upsert(4, "Back again"));
        awaitEvent(e -> "Back again".equals(e.path("summary").asText()));
        assertThat(calls()).as("the recorded generation is used straight away").isEqualTo(Map.of("events.patch", 1L));
        assertThat(liveEvents()).hasSize(1);
    }
}
