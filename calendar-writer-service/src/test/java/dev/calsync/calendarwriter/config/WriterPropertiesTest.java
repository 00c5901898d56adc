package dev.calsync.calendarwriter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.calsync.calendarwriter.support.WriterSettings.with;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer's settings as Spring binds them, and the ones it refuses at start. */
class WriterPropertiesTest {

    @Test
    void theDefaultsAreWhatTheDocumentationSays() {
        WriterProperties defaults = with(Map.of());

        assertThat(defaults.googleConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.workers()).isEqualTo(8);
        assertThat(defaults.parkDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.circuitOpenDuration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void noWorkersOrAFailureRateOutsideAPercentageIsRefusedAtStart() {
        assertThatThrownBy(() -> with(Map.of("calsync.writer.workers", "0")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining("workers");
        assertThatThrownBy(() -> with(Map.of("calsync.writer.circuit-failure-rate", "150")))
                .rootCause().hasMessageContaining("percentage");
    }

    @Test
    void aShortReadTimeoutShortensTheConnectTimeoutToo() {
        assertThat(with(Map.of("calsync.writer.google-read-timeout", "2s")).googleConnectTimeout())
                .isEqualTo(Duration.ofSeconds(2));
    }
}
