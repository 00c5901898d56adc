package dev.calsync.calendarwriter.repair;

import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import dev.calsync.calendarwriter.map.CalendarMap;
import dev.calsync.calendarwriter.map.EventMap;
import dev.calsync.calendarwriter.google.EventMapping;
import dev.calsync.calendarwriter.google.GoogleCalendarClient;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Rebuilds {@code google_event_map} for one feed from Google alone: lists the feed's calendar with
 * {@code privateExtendedProperty=calsyncFeed=<feed>} (deleted events included) and stores each event's
 * id, generation, version and content hash from its private tags. A replay afterwards then skips what
 * Google already holds.
 */
@Component
public class EventMapRepair {

    private final CalendarMap calendars;
    private final EventMap events;
    private final GoogleCalendarClient google;

    public EventMapRepair(CalendarMap calendars, EventMap events, GoogleCalendarClient google) {
        this.calendars = calendars;
        this.events = events;
        this.google = google;
    }

    /** @return how many map rows were written */
    public int repair(String subscriberId, UUID grantId, String feedId) throws IOException {
        CalendarMap.Entry calendar = calendars.find(subscriberId, feedId)
                .filter(entry -> entry.state() == CalendarMap.State.ACTIVE)
                .orElseThrow(() -> new IllegalStateException("feed " + feedId + " has no active calendar to repair from"));
        int written = 0;
        String pageToken = null;
        do {
            String token = pageToken;
            Events page = google.execute(subscriberId, grantId, "events.list", c -> c.events().list(calendar.calendarId())
                    .setPrivateExtendedProperty(java.util.List.of(EventMapping.FEED + "=" + feedId))
                    .setShowDeleted(true).setMaxResults(2500).setPageToken(token));
            if (page.getItems() != null) {
                for (Event event : page.getItems()) {
                    if (event.getExtendedProperties() == null || event.getExtendedProperties().getPrivate() == null) {
                        continue;
                    }
                    Map<String, String> tags = event.getExtendedProperties().getPrivate();
                    String uid = tags.get(EventMapping.UID);
                    String version = tags.get(EventMapping.VERSION);
                    if (uid == null || version == null) {
                        continue;
                    }
                    String recurrenceId = tags.getOrDefault(EventMapping.RECURRENCE_ID, "");
                    boolean cancelled = "cancelled".equals(event.getStatus());
                    events.save(new EventMap.Entry(subscriberId, feedId, uid, recurrenceId, event.getId(),
                            generationOf(event.getId(), recurrenceId), Long.parseLong(version),
                            cancelled ? null : tags.get(EventMapping.HASH), null, cancelled && recurrenceId.isEmpty(), null));
                    written++;
                }
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        return written;
    }

    private static int generationOf(String id, String recurrenceId) {
        if (!recurrenceId.isEmpty()) {
            return 0;
        }
        int marker = id.lastIndexOf('g');
        // derived ids are 32 base32hex characters, then g<generation> once an id was burned
        return id.length() > 32 && marker == 32 ? Integer.parseInt(id.substring(33)) : 0;
    }
}
