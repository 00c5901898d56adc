package dev.calsync.calendarwriter.calendar;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.calendarwriter.google.EventIds;
import dev.calsync.calendarwriter.google.GoogleCalendarClient;
import dev.calsync.calendarwriter.map.CalendarMap;
import dev.calsync.calendarwriter.map.EventMap;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.resync.ResyncReason;
import dev.calsync.contracts.resync.ResyncRequested;
import dev.calsync.support.messaging.EventPublisher;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One dedicated Google calendar per feed. An intent row is committed before {@code calendars.insert};
 * an unfinished intent first looks for the feed's marker in calendarList and adopts what it finds, so a
 * crash between Google's answer and our commit never yields a second calendar. A removed feed leaves a
 * tombstone: nothing older than the removal can create its calendar again.
 */
@Component
public class FeedCalendars {

    private static final Logger log = LoggerFactory.getLogger(FeedCalendars.class);

    private final CalendarMap calendars;
    private final EventMap events;
    private final GoogleCalendarClient google;
    private final EventPublisher publisher;
    private final WriterProperties properties;
    private final Clock clock;

    public FeedCalendars(CalendarMap calendars, EventMap events, GoogleCalendarClient google, EventPublisher publisher,
                         WriterProperties properties, Clock clock) {
        this.calendars = calendars;
        this.events = events;
        this.google = google;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    /** The feed's calendar id, created (or adopted) if needed; {@code entry} is the feed's row as the executor read it. */
    public String calendarFor(EventChanged change, Optional<CalendarMap.Entry> entry) throws IOException {
        if (entry.isPresent() && entry.get().state() == CalendarMap.State.ACTIVE) {
            return entry.get().calendarId();
        }
        String marker = EventIds.feedMarker(change.subscriberId(), change.feedId());
        if (entry.isPresent() && entry.get().state() == CalendarMap.State.INTENT) {
            Optional<String> adopted = findByMarker(change, entry.get().marker());
            if (adopted.isPresent()) {
                log.info("adopted calendar of an unfinished create for feed {}", change.feedId());
                calendars.activate(change.subscriberId(), change.feedId(), adopted.get());
                return adopted.get();
            }
        }
        return create(change, marker);
    }

    /**
     * A write answered 404/403 for the calendar: if {@code calendars.get} confirms it is gone, forget the
     * feed's events, ask feed-ingest for a resync and create the calendar again. Returns the calendar to write to.
     */
    public String recreateIfGone(EventChanged change, String calendarId) throws IOException {
        try {
            google.execute(change.subscriberId(), change.grantId(), "calendars.get", c -> c.calendars().get(calendarId));
            return calendarId;
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() != 404 && e.getStatusCode() != 403 || GoogleCalendarClient.isQuotaExceeded(e)) {
                throw e;
            }
        }
        log.info("the calendar of feed {} was deleted in Google; creating it again and asking for a resync", change.feedId());
        events.clearFeed(change.subscriberId(), change.feedId());
        // The resync is asked for before the create, not after it: a create that fails (calendars.insert is never
        // retried on the spot) or a process that dies retries the change, and the retry finds the intent row and
        // adopts or creates the calendar without coming back here, so a request published after the create would
        // be lost and the rest of the feed would never return. Published first it cannot be lost: a retry either
        // finds the row still naming the deleted calendar and asks again (harmless: a resync re-emits, the writer
        // writes only what differs) or finds the intent row, written after the request was acknowledged. The
        // re-emitted changes queue behind this one on the subscriber's partition, so they meet the new calendar.
        publisher.publish(new ResyncRequested(change.subscriberId(), change.feedId(), ResyncReason.CALENDAR_RECREATED,
                clock.instant()));
        return create(change, EventIds.feedMarker(change.subscriberId(), change.feedId()));
    }

    /** Feed removed: delete its calendar (unless configured to keep it) and leave the tombstone; {@code entry} is the feed's row. */
    public void remove(EventChanged change, Optional<CalendarMap.Entry> entry) throws IOException {
        String calendarId = entry.map(CalendarMap.Entry::calendarId).orElse(null);
        if (calendarId == null && entry.isPresent() && entry.get().state() == CalendarMap.State.INTENT) {
            calendarId = findByMarker(change, entry.get().marker()).orElse(null);
        }
        if (calendarId != null && properties.deleteRemovedCalendars()) {
            String id = calendarId;
            try {
                google.execute(change.subscriberId(), change.grantId(), "calendars.delete", c -> c.calendars().delete(id));
            } catch (GoogleJsonResponseException e) {
                if (e.getStatusCode() != 404 && e.getStatusCode() != 410) {
                    throw e;
                }
            }
        }
        calendars.tombstone(change.subscriberId(), change.feedId(), EventIds.feedMarker(change.subscriberId(), change.feedId()),
                change.version());
        events.clearFeed(change.subscriberId(), change.feedId());
    }

    private String create(EventChanged change, String marker) throws IOException {
        calendars.saveIntent(change.subscriberId(), change.feedId(), marker);
        String name = change.feedDisplayName() != null ? change.feedDisplayName() : "Feed " + change.feedId();
        com.google.api.services.calendar.model.Calendar calendar = new com.google.api.services.calendar.model.Calendar()
                .setSummary(name)
                .setDescription("Kept in sync by calsync from an ICS feed. Changes made here may be overwritten.\n" + marker)
                .setTimeZone(properties.floatingTimeZone());
        // not retried here: an insert whose answer was lost may have created the calendar. The change is retried
        // as a whole instead, and finds the intent row and the marker first.
        String id = google.executeWithoutRetry(change.subscriberId(), change.grantId(), "calendars.insert",
                c -> c.calendars().insert(calendar)).getId();
        calendars.activate(change.subscriberId(), change.feedId(), id);
        return id;
    }

    private Optional<String> findByMarker(EventChanged change, String marker) throws IOException {
        String pageToken = null;
        do {
            String token = pageToken;
            CalendarList page = google.execute(change.subscriberId(), change.grantId(), "calendarList.list",
                    // hidden too: the person may have hidden the calendar in Google before this retry
                    c -> c.calendarList().list().setShowHidden(true).setMaxResults(250).setPageToken(token));
            if (page.getItems() != null) {
                for (CalendarListEntry item : page.getItems()) {
                    if (item.getDescription() != null && item.getDescription().contains(marker)
                            && !Boolean.TRUE.equals(item.getDeleted())) {
                        return Optional.of(item.getId());
                    }
                }
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        return Optional.empty();
    }
}
