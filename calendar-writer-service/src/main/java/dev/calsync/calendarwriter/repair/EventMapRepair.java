package dev.calsync.calendarwriter.repair;

import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import dev.calsync.calendarwriter.map.CalendarMap;
import dev.calsync.calendarwriter.map.EventMap;
import dev.calsync.calendarwriter.google.EventIds;
import dev.calsync.calendarwriter.google.EventMapping;
import dev.calsync.calendarwriter.google.GoogleCalendarClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Rebuilds {@code google_event_map} for one feed from Google alone: lists the feed's calendar (deleted events
 * included) and stores each event's id, generation, version and content hash from its private tags. Google
 * guarantees only the id of a cancelled event, so one without tags is kept as a tombstone id
 * ({@code google_event_tombstone}), dated by the feed's settled version: the writer recognises it by the id it
 * derives for a change with no map row. A replay afterwards then skips what Google already holds. It runs only
 * when the writer has settled every change record it read, so that no change older than that date is still open.
 */
@Component
public class EventMapRepair {

    private final CalendarMap calendars;
    private final EventMap events;
    private final GoogleCalendarClient google;
    private final WriterBacklog backlog;

    public EventMapRepair(CalendarMap calendars, EventMap events, GoogleCalendarClient google, WriterBacklog backlog) {
        this.calendars = calendars;
        this.events = events;
        this.google = google;
        this.backlog = backlog;
    }

    /**
     * @return how many map rows and tombstone ids were written
     * @throws IllegalStateException the writer has change records it has not settled yet, or the feed has no calendar
     */
    public int repair(String subscriberId, UUID grantId, String feedId) throws IOException {
        long open = backlog.unsettled();
        if (open > 0) {
            throw new IllegalStateException("the writer has " + open + " change records it has not settled yet: start its"
                    + " consumers until its lag is 0, stop them, then repair");
        }
        CalendarMap.Entry calendar = calendars.find(subscriberId, feedId)
                .filter(entry -> entry.state() == CalendarMap.State.ACTIVE)
                .orElseThrow(() -> new IllegalStateException("feed " + feedId + " has no active calendar to repair from"));
        List<String> tombstones = new ArrayList<>();
        int written = 0;
        String pageToken = null;
        do {
            String token = pageToken;
            // the whole calendar, not filtered by the feed's tag: a stripped tombstone has no tag to match
            Events page = google.execute(subscriberId, grantId, "events.list", c -> c.events().list(calendar.calendarId())
                    .setShowDeleted(true).setMaxResults(2500).setPageToken(token));
            for (Event event : page.getItems() == null ? List.<Event>of() : page.getItems()) {
                boolean cancelled = "cancelled".equals(event.getStatus());
                Map<String, String> tags = event.getExtendedProperties() == null ? null
                        : event.getExtendedProperties().getPrivate();
                if (tags != null && feedId.equals(tags.get(EventMapping.FEED)) && tags.get(EventMapping.UID) != null
                        && tags.get(EventMapping.VERSION) != null) {
                    String recurrenceId = tags.getOrDefault(EventMapping.RECURRENCE_ID, "");
                    events.save(new EventMap.Entry(subscriberId, feedId, tags.get(EventMapping.UID), recurrenceId,
                            event.getId(), recurrenceId.isEmpty() ? EventIds.generationOf(event.getId()) : 0,
                            Long.parseLong(tags.get(EventMapping.VERSION)),
                            cancelled ? null : tags.get(EventMapping.HASH), null, cancelled && recurrenceId.isEmpty(), null));
                    written++;
                } else if (cancelled && tags == null) {
                    tombstones.add(event.getId());
                }
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        // read after the tagged rows raised it: with nothing open, every change up to it is in Google
        long settled = calendars.settledVersion(subscriberId, feedId);
        tombstones.forEach(id -> events.saveTombstone(subscriberId, feedId, id, settled));
        return written + tombstones.size();
    }
}
