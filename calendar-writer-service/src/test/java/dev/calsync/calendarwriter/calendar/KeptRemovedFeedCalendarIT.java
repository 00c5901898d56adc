package dev.calsync.calendarwriter.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calsync.calendarwriter.support.WriterTestSupport;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.contracts.event.ChangeType;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import dev.calsync.calendarwriter.map.CalendarMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** {@code calsync.writer.delete-removed-calendars=false}: a removed feed's calendar stays in Google, the tombstone is left. */
// a context of its own: every other writer test expects a removed feed's calendar to be deleted
@TestPropertySource(properties = "calsync.writer.delete-removed-calendars=false")
class KeptRemovedFeedCalendarIT extends WriterTestSupport {

    @Autowired
    JdbcClient db;

    @Test
    void aRemovedFeedKeepsItsCalendarWhenConfiguredTo() throws Exception {
        send(upsert("a@x", 1, "Before"));
        awaitEvent(e -> "Before".equals(e.path("summary").asText()));
        send(ContractSamples.eventChanged().subscriberId(subscriber).feedId(feed).grantId(grant)
                .changeType(ChangeType.FEED_REMOVED).uid(null).event(null).contentHash(null).version(5L).build());
        // a sentinel on another feed of the same subscriber (same partition) shows the removal was processed
        String removedFeed = feed;
        feed = "feed-" + UUID.randomUUID();
        send(upsert("s@x", 6, "Sentinel"));
        awaitEvent(e -> "Sentinel".equals(e.path("summary").asText()));

        assertThat(calendarsWithMarker(subscriber, removedFeed)).as("the removed feed's calendar is kept").hasSize(1);
        assertThat(calls()).doesNotContainKey("calendars.delete");
        assertThat(db.sql("SELECT state FROM google_calendar_map WHERE subscriber_id = :s AND feed_id = :f")
                .param("s", subscriber).param("f", removedFeed).query(String.class).single())
                .as("the tombstone is left either way").isEqualTo(CalendarMap.State.REMOVED.name());
    }
}
