package dev.calsync.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AdjustableClockTest {

    private final Instant start = Instant.parse("2026-11-23T10:00:00Z");
    private final AdjustableClock clock = new AdjustableClock(Clock.fixed(start, ZoneOffset.UTC));

    @Test
    void advancingMovesEveryViewOfTheClock() {
        Clock berlin = clock.withZone(ZoneId.of("Europe/Berlin"));
        clock.advance(Duration.ofHours(2));
        clock.advance(Duration.ofMinutes(5));

        assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofMinutes(125)));
        assertThat(berlin.instant()).isEqualTo(clock.instant());
        assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(clock.offset()).isEqualTo(Duration.ofMinutes(125));
    }

    @Test
    void timeNeverMovesBackwards() {
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).hasMessageContaining("backwards");
        assertThat(clock.instant()).isEqualTo(start);
    }
}
