package dev.calsync.calendarwriter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The writer refuses settings under which a poll could come later than Kafka's max.poll.interval.ms. */
class WriterPropertiesTest {

    private static WriterProperties with(Duration readTimeout, Duration maxPollInterval, Duration pollBudget) {
        return new WriterProperties(URI.create("http://127.0.0.1:8082"), Duration.ofMinutes(5), 10_000, true, "UTC", 5,
                Duration.ofMillis(200), Duration.ofSeconds(10), readTimeout, Duration.ofSeconds(1), Duration.ofSeconds(60), 5,
                maxPollInterval, pollBudget);
    }

    @Test
    void theDefaultsLeaveRoomForTheLongestGapBetweenTwoPolls() {
        WriterProperties defaults = with(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(2));

        // 2 min budget + 10 s back-off + 2 x (30 s read + 10 s connect) + 60 s redelivery back-off
        assertThat(WriterProperties.worstPollGap(defaults.pollBudget(), defaults.retryMaxBackoff(), defaults.googleReadTimeout(),
                defaults.redeliveryMaxBackoff())).isEqualTo(Duration.ofSeconds(270));
        assertThat(defaults.googleConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aPollIntervalTheWriterCouldOutliveIsRefusedAtStart() {
        assertThatThrownBy(() -> with(Duration.ofSeconds(300), Duration.ofMinutes(10), Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calsync.writer.max-poll-interval (PT10M) must exceed");
    }

    @Test
    void aShortReadTimeoutShortensTheConnectTimeoutToo() {
        assertThat(with(Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofSeconds(2)).googleConnectTimeout())
                .isEqualTo(Duration.ofSeconds(2));
    }
}
