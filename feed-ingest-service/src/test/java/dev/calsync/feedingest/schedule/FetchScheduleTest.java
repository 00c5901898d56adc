package dev.calsync.feedingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.feedingest.config.FeedIngestProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FetchScheduleTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    static FeedRunner runner(Duration jitter) {
        FeedIngestProperties properties = new FeedIngestProperties(Duration.ofMinutes(15), jitter, Duration.ofHours(6),
                Duration.ofSeconds(5), 8, Duration.ofMinutes(5), 2, Duration.ofSeconds(10), Duration.ofSeconds(60), 1024, 5,
                false, false, ZoneId.of("UTC"), 0.5, 10, 3);
        return new FeedRunner(null, null, null, null, null, null, properties, null, Clock.fixed(NOW, ZoneOffset.UTC), null);
    }

    @Test
    void healthyFeedsWaitTheIntervalPlusAtMostTheJitter() {
        FeedRunner runner = runner(Duration.ofMinutes(1));
        for (int i = 0; i < 50; i++) {
            assertThat(runner.nextFetch(NOW, 0)).isBetween(NOW.plus(Duration.ofMinutes(15)), NOW.plus(Duration.ofMinutes(16)));
        }
    }

    @Test
    void failingFeedsBackOffExponentiallyUpToTheMaximum() {
        FeedRunner runner = runner(Duration.ZERO);
        assertThat(runner.nextFetch(NOW, 1)).isEqualTo(NOW.plus(Duration.ofSeconds(225)));
        assertThat(runner.nextFetch(NOW, 2)).isEqualTo(NOW.plus(Duration.ofSeconds(450)));
        assertThat(runner.nextFetch(NOW, 5)).isEqualTo(NOW.plus(Duration.ofMinutes(60)));
        assertThat(runner.nextFetch(NOW, 40)).isEqualTo(NOW.plus(Duration.ofHours(6)));
    }
}
