package dev.calsync.calendarwriter.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.contracts.event.EventTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void idsAreDerivedBase32hexAndMoveOnWithTheGeneration() {
        String id = EventIds.eventId("sub-1", "feed-1", "uid@x", 0);
        assertThat(id).matches("[a-v0-9]{32}").isEqualTo(EventIds.eventId("sub-1", "feed-1", "uid@x", 0));
        assertThat(EventIds.eventId("sub-1", "feed-1", "uid@x", 1)).isEqualTo(id + "g1").matches("[a-v0-9]{5,1024}");
        assertThat(EventIds.eventId("sub-1", "feed-2", "uid@x", 0)).isNotEqualTo(id);
        assertThat(EventIds.eventId("sub-2", "feed-1", "uid@x", 0)).isNotEqualTo(id);
    }

    @Test
    void anIdSaysItsGenerationButAnInstanceIdOfALaterGenerationsSeriesIsNotOne() {
        String id = EventIds.eventId("sub-1", "feed-1", "uid@x", 0);
        assertThat(EventIds.generationOf(id)).isZero();
        assertThat(EventIds.generationOf(EventIds.eventId("sub-1", "feed-1", "uid@x", 12))).isEqualTo(12);
        assertThat(EventIds.generationOf(id + "g1_20261215T080000Z")).isZero();
        assertThat(EventIds.generationOf(id + "_20261215T080000Z")).isZero();
    }

    @Test
    void instanceIdsNameTheOriginalStartInUtcOrAsADate() {
        ZoneId utc = ZoneId.of("UTC");
        assertThat(EventIds.instanceId("abc", new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 9, 0), "Europe/Berlin"), utc))
                .isEqualTo("abc_20261208T080000Z");
        assertThat(EventIds.instanceId("abc", new EventTime.UtcDateTime(Instant.parse("2026-07-01T09:30:00Z")), utc))
                .isEqualTo("abc_20260701T093000Z");
        assertThat(EventIds.instanceId("abc", new EventTime.AllDay(LocalDate.of(2026, 12, 24)), utc)).isEqualTo("abc_20261224");
        assertThat(EventIds.instanceId("abc", new EventTime.Floating(LocalDateTime.of(2026, 12, 8, 9, 0)), ZoneId.of("Europe/Berlin")))
                .isEqualTo("abc_20261208T080000Z");
    }
}
