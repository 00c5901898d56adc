package dev.calsync.support.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.clock.AdjustableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class KeyedRateLimitersTest {

    private final AdjustableClock clock = new AdjustableClock(Clock.fixed(Instant.parse("2026-12-03T10:00:30Z"), ZoneOffset.UTC));

    @Test
    void eachKeyHasItsOwnLimitPerWindowCountedFromItsFirstRequest() {
        var limiters = new KeyedRateLimiters("feed", 2, Duration.ofMinutes(1), KeyedRateLimiters.Windows.FROM_FIRST_REQUEST, 100, clock);

        assertThat(limiters.refusal("a")).isEmpty();
        clock.advance(Duration.ofSeconds(20));
        assertThat(limiters.refusal("a")).isEmpty();
        assertThat(limiters.refusal("a")).hasValue(Duration.ofSeconds(40));
        assertThat(limiters.refusal("b")).as("another key").isEmpty();

        clock.advance(Duration.ofSeconds(40));
        assertThat(limiters.refusal("a")).as("the next window").isEmpty();
    }

    @Test
    void limitersAreBoundedAndDroppedOnceUnusedForAWindow() {
        var limiters = new KeyedRateLimiters("feed", 1, Duration.ofMinutes(1), KeyedRateLimiters.Windows.FROM_FIRST_REQUEST, 10, clock);
        for (int i = 0; i < 50; i++) {
            limiters.refusal("key-" + i);
        }
        assertThat(limiters.trackedKeys()).isLessThanOrEqualTo(10);

        clock.advance(Duration.ofMinutes(2));
        assertThat(limiters.trackedKeys()).isZero();
    }

    @Test
    void aClockSteppingBackPausesRefillingInsteadOfRefusingEveryone() {
        var limiters = new KeyedRateLimiters("feed", 1, Duration.ofMinutes(1), KeyedRateLimiters.Windows.FROM_FIRST_REQUEST, 10, clock);
        assertThat(limiters.refusal("a")).isEmpty();
        clock.setOffset(Duration.ofMinutes(-10));
        assertThat(limiters.refusal("b")).isEmpty();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(KeyedRateLimiters.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(KeyedRateLimiters.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
        assertThat(KeyedRateLimiters.retryAfterSeconds(Duration.ofMillis(40_001))).isEqualTo(41);
    }
}
