package dev.calsync.calendarwriter.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.calendarwriter.google.GoogleCalendarClient;
import dev.calsync.calendarwriter.support.WriterTestSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Google's {@code Retry-After} on a per-user rate limit: the person's change is not tried again before it says
 * (longer than any back-off of the writer, so the lane waits on its timer), and nobody else waits with them.
 */
class RetryAfterIT extends WriterTestSupport {

    private static final long RETRY_AFTER_SECONDS = 5;

    @Autowired
    MeterRegistry meters;

    @Test
    void aUserRateLimitWithRetryAfterHoldsThatPersonForAsLongAndNoOneElse() throws Exception {
        fault(Map.of("endpoint", "events.insert", "status", 403, "reason", "userRateLimitExceeded", "times", 1,
                "retryAfterSeconds", RETRY_AFTER_SECONDS));
        double refusedBefore = refusedInserts();
        long sent = System.nanoTime();
        send(upsert("held@x", 1, "Held"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> refusedInserts() > refusedBefore);

        String other = "sub-" + UUID.randomUUID();
        String otherFeed = "feed-" + UUID.randomUUID();
        UUID otherGrant = UUID.randomUUID();
        standIn().connect(other, googleAccount());
        send(upsertOf(other, otherFeed, otherGrant, "other@x", 1, "Someone else"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> !eventsIn(googleAccount(), other, otherFeed).isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("someone else's change, not held with the person")
                .isLessThan(Duration.ofSeconds(RETRY_AFTER_SECONDS));
        assertThat(liveEvents()).as("the held person's change, while someone else's went through").isEmpty();

        JsonNode held = awaitEvent(event -> "Held".equals(event.path("summary").asText()));
        long waited = System.nanoTime() - sent;
        assertThat(Duration.ofNanos(waited)).as("from sending the change until it was in Google")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(RETRY_AFTER_SECONDS));
        assertThat(held.path("status").asText()).isEqualTo("confirmed");
        assertThat(calls()).as("the held person's insert and the other's, in Alice's account; the refused one made nothing")
                .containsEntry("events.insert", 2L);
        assertThat(writeStatusesSoFar()).as("the held person's feed said why it waited")
                .anySatisfy(status -> assertThat(status.lastError()).contains("slow down"));
    }

    /** Inserts Google refused with 403, as the writer counted them. */
    private double refusedInserts() {
        return meters.find(GoogleCalendarClient.CALLS_METRIC).tag("method", "events.insert").tag("outcome", "403").counters()
                .stream().mapToDouble(Counter::count).sum();
    }
}
