package dev.calsync.calendarwriter.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calsync.calendarwriter.eventchange.EventChangeBinding;
import dev.calsync.calendarwriter.support.WriterTestSupport;
import dev.calsync.contracts.event.EventChanged;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Google failing for everyone: the circuit opens, the writer stops fetching (every partition paused) instead of
 * spinning retries, and once Google answers again it lets calls through by itself and every change lands.
 */
@TestPropertySource(properties = {
        "calsync.writer.circuit-minimum-calls=6",
        "calsync.writer.circuit-open-duration=2s",
        "calsync.writer.redelivery-initial-backoff=200ms",
        "calsync.writer.redelivery-max-backoff=1s"})
class GoogleOutageIT extends WriterTestSupport {

    @Autowired
    MeterRegistry meters;

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    @Test
    void anOutageForEveryoneOpensTheCircuitPausesFetchingAndHealsByItself() throws Exception {
        fault(Map.of("endpoint", "*", "status", 503, "times", 1_000_000));
        List<EventChanged> changes = new ArrayList<>();
        String[] people = new String[4];
        for (int i = 0; i < people.length; i++) {
            people[i] = "sub-" + UUID.randomUUID();
            standIn().connect(people[i], googleAccount());
            changes.add(upsertOf(people[i], feed, grant, "outage@x", 1, "After the outage " + i));
        }
        send(changes.toArray(EventChanged[]::new));

        await().atMost(Duration.ofSeconds(60)).until(() -> gauge(GoogleCircuit.OPEN_METRIC) == 1.0);
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("calsync.writer.paused-partitions") > 0);
        assertThat(gauge(EventChangeBinding.IN_FLIGHT_METRIC)).as("the changes wait in their lanes").isGreaterThan(0);

        // Google is back: the circuit half-opens by itself, its trial calls succeed, fetching resumes
        admin("DELETE", "/emulator/admin/faults", null);
        for (int i = 0; i < people.length; i++) {
            String summary = "After the outage " + i;
            String person = people[i];
            await().atMost(Duration.ofSeconds(60)).until(() -> eventsIn(googleAccount(), person, feed).stream()
                    .anyMatch(event -> summary.equals(event.path("summary").asText())));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge(GoogleCircuit.OPEN_METRIC) == 0.0
                && gauge("calsync.writer.paused-partitions") == 0.0 && gauge(EventChangeBinding.IN_FLIGHT_METRIC) == 0.0);
    }
}
