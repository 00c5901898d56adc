package dev.calsync.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventTimeFromCanonicalTest {

    static Stream<EventTime> times() {
        return Stream.of(
                new EventTime.AllDay(LocalDate.of(2026, 12, 1)),
                new EventTime.UtcDateTime(Instant.parse("2026-12-01T08:00:00Z")),
                new EventTime.UtcDateTime(Instant.parse("2026-12-01T08:00:00.5Z")),
                new EventTime.UtcDateTime(Instant.parse("2026-12-01T08:00:00.123456789Z")),
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 1, 9, 0), "Europe/Berlin"),
                new EventTime.Zoned(LocalDateTime.of(2026, 3, 29, 2, 30, 15), "America/Argentina/Buenos_Aires"),
                new EventTime.Floating(LocalDateTime.of(2026, 12, 1, 9, 0)),
                new EventTime.Floating(LocalDateTime.of(2026, 12, 1, 9, 0, 0, 250_000_000)));
    }

    @ParameterizedTest
    @MethodSource("times")
    void theCanonicalTextReadsBackAsTheSameTime(EventTime time) {
        assertThat(EventTime.fromCanonical(time.canonical())).isEqualTo(time);
    }

    @Test
    void theEmptyKeyIsNoTime() {
        assertThat(EventTime.fromCanonical("")).isNull();
    }
}
