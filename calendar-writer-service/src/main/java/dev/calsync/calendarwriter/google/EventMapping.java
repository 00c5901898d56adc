package dev.calsync.calendarwriter.google;

import com.google.api.client.util.Data;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.EventReminder;
import com.google.api.services.calendar.model.Event.ExtendedProperties;
import com.google.api.services.calendar.model.Event.Reminders;
import com.google.api.services.calendar.model.Event.Source;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link NormalizedEvent} as a Google event. For a patch, every field the feed no longer has is sent
 * as an explicit null so Google removes it; reminders are sent only when the feed defines some, so the
 * ones the person set in Google survive. No attendees are ever copied.
 */
public final class EventMapping {

    public static final String FEED = "calsyncFeed";
    public static final String UID = "calsyncUid";
    public static final String RECURRENCE_ID = "calsyncRecurrenceId";
    public static final String VERSION = "calsyncVersion";
    public static final String HASH = "calsyncHash";

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private EventMapping() {
    }

    /** @param patch true: explicit nulls for absent fields (PATCH); false: absent fields left out (INSERT) */
    public static Event toGoogle(EventChanged change, boolean patch, boolean override, ZoneId floatingZone) {
        NormalizedEvent source = change.event();
        boolean series = !override && !source.recurrence().isEmpty();
        Event event = new Event();
        event.setSummary(text(source.summary(), patch));
        event.setDescription(text(source.description(), patch));
        event.setLocation(text(source.location(), patch));
        if (source.url() != null) {
            event.setSource(new Source().setUrl(source.url()).setTitle(source.summary() == null ? source.url() : source.summary()));
        } else if (patch) {
            event.setSource(Data.nullOf(Source.class));
        }
        event.setStart(time(source.start(), floatingZone));
        event.setEnd(time(end(source), floatingZone));
        if (!override) {
            if (series) {
                event.setRecurrence(new ArrayList<>(source.recurrence()));
            } else if (patch) {
                event.setRecurrence(Data.nullOf(ArrayList.class));
            }
        }
        event.setStatus(source.status().name().toLowerCase(Locale.ROOT));
        event.setTransparency(source.transparency().name().toLowerCase(Locale.ROOT));
        event.setVisibility(source.visibility().name().toLowerCase(Locale.ROOT));
        if (source.reminders() != null) {
            List<EventReminder> overrides = source.reminders().overrides().stream()
                    .map(reminder -> new EventReminder().setMethod(reminder.method().name().toLowerCase(Locale.ROOT))
                            .setMinutes(reminder.minutesBefore()))
                    .toList();
            event.setReminders(new Reminders().setUseDefault(false).setOverrides(new ArrayList<>(overrides)));
        }
        event.setExtendedProperties(new ExtendedProperties().setPrivate(tags(change)));
        return event;
    }

    public static Map<String, String> tags(EventChanged change) {
        Map<String, String> tags = new HashMap<>();
        tags.put(FEED, change.feedId());
        tags.put(UID, change.uid());
        tags.put(RECURRENCE_ID, change.recurrenceId() == null ? "" : change.recurrenceId().canonical());
        tags.put(VERSION, String.valueOf(change.version()));
        if (change.contentHash() != null) {
            tags.put(HASH, change.contentHash());
        }
        return tags;
    }

    /** What decides the instances of a series: a change here rewrites its overrides. */
    public static String seriesTiming(NormalizedEvent event) {
        return event.start().canonical() + "|" + (event.end() == null ? "" : event.end().canonical()) + "|"
                + String.join("\n", event.recurrence());
    }

    static EventTime end(NormalizedEvent event) {
        if (event.end() != null) {
            return event.end();
        }
        if (event.start() instanceof EventTime.AllDay allDay) {
            return new EventTime.AllDay(allDay.date().plusDays(1));
        }
        return event.start();
    }

    public static EventDateTime time(EventTime time, ZoneId floatingZone) {
        if (time instanceof EventTime.AllDay allDay) {
            return new EventDateTime().setDate(new DateTime(allDay.date().toString()));
        }
        if (time instanceof EventTime.UtcDateTime utc) {
            return new EventDateTime()
                    .setDateTime(new DateTime(RFC3339.format(utc.instant().atZone(ZoneId.of("UTC")))))
                    .setTimeZone("UTC");
        }
        if (time instanceof EventTime.Zoned zoned) {
            return zoned(zoned.localDateTime().atZone(zoned.zoneId()), zoned.timeZone());
        }
        EventTime.Floating floating = (EventTime.Floating) time;
        return zoned(floating.localDateTime().atZone(floatingZone), floatingZone.getId());
    }

    private static EventDateTime zoned(ZonedDateTime time, String zone) {
        return new EventDateTime().setDateTime(new DateTime(RFC3339.format(time))).setTimeZone(zone);
    }

    private static String text(String value, boolean patch) {
        if (value != null) {
            return value;
        }
        return patch ? Data.NULL_STRING : null;
    }
}
