package dev.calsync.calendarwriter.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.api.services.calendar.model.CalendarListEntry;
import dev.calsync.calendarwriter.support.WriterTestSupport;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A {@code calendars.insert} that takes effect in Google while its answer never reaches the writer. The only
 * writer test that needs Google's answer to time out, so the only one with a read timeout short enough for a
 * test to outwait: everywhere else the default keeps a slow call on a busy machine from being retried into the
 * exact call counts those tests assert.
 */
@TestPropertySource(properties = "calsync.writer.google-read-timeout=" + LostCalendarCreateAnswerIT.READ_TIMEOUT_MS + "ms")
class LostCalendarCreateAnswerIT extends WriterTestSupport {

    static final int READ_TIMEOUT_MS = 5_000;

    @Test
    void aCalendarCreateWhoseAnswerIsLostIsAdoptedNotRepeated() throws Exception {
        // Google creates the calendar, but its answer comes well after the writer stopped waiting for it
        fault(Map.of("endpoint", "calendars.insert", "holdResponseMs", READ_TIMEOUT_MS + 5_000));
        send(upsert("a@x", 1, "After a lost answer"));
        awaitEvent(e -> "After a lost answer".equals(e.path("summary").asText()));
        assertThat(calendarsWithMarker(subscriber, feed)).as("one calendar, not one per retry").hasSize(1);
        assertThat(calls()).containsEntry("calendars.insert", 1L).containsEntry("calendarList.list", 1L)
                .containsEntry("events.insert", 1L);
    }

    /** calendarList.list leaves hidden calendars out unless asked: one the person hid meanwhile is still found. */
    @Test
    void aCalendarHiddenBeforeItsLostAnswerIsRetriedIsAdoptedNotRepeated() throws Exception {
        fault(Map.of("endpoint", "calendars.insert", "holdResponseMs", READ_TIMEOUT_MS + 5_000));
        send(upsert("h@x", 1, "Hidden meanwhile"));
        // the calendar exists in Google at once; the writer retries only after its read timeout
        String calendarId = await().atMost(Duration.ofSeconds(READ_TIMEOUT_MS / 1000 - 1))
                .until(() -> feedCalendar(subscriber, feed), Optional::isPresent).orElseThrow().path("id").asText();
        aliceCalendar().calendarList().patch(calendarId, new CalendarListEntry().setHidden(true)).execute();

        awaitEvent(e -> "Hidden meanwhile".equals(e.path("summary").asText()));
        assertThat(calendarsWithMarker(subscriber, feed)).as("one calendar, not one per retry").hasSize(1);
        assertThat(calls()).containsEntry("calendars.insert", 1L).containsEntry("events.insert", 1L);
    }
}
