package dev.calsync.googleemulator.calendar.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calsync.googleemulator.api.GoogleApiException;
import dev.calsync.googleemulator.quota.UsageLimits;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * calendars.insert/get/update/patch/delete and calendarList.list/get/update/patch (Calendar API reference:
 * Calendars, CalendarList; GOOGLE.md §7).
 */
@Service
public class CalendarService {

    private static final Set<String> ACCESS_ROLES = Set.of("freeBusyReader", "reader", "writer", "owner");

    private final CalendarStore store;
    private final CalendarAccess access;
    private final UsageLimits usageLimits;
    private final CalendarListEdits listEdits;
    private final Clock clock;

    public CalendarService(CalendarStore store, CalendarAccess access, UsageLimits usageLimits, CalendarListEdits listEdits,
                           Clock clock) {
        this.store = store;
        this.access = access;
        this.usageLimits = usageLimits;
        this.listEdits = listEdits;
        this.clock = clock;
    }

    public ObjectNode insert(Caller caller, JsonNode body) {
        return store.atomically(() -> {
            if (!caller.mayWriteCalendars()) {
                throw GoogleApiException.insufficientPermissions();
            }
            store.primaryCalendar(caller.subject(), caller.email());
            String summary = requireSummary(body);
            String timeZone = timeZone(body, "UTC");
            // the creation counts against Google's abuse limits and may lock the account (GOOGLE.md §8)
            usageLimits.recordCreation(caller.subject(), UsageLimits.Creation.CALENDAR);
            CalendarEntry created = new CalendarEntry(ResourceIds.newCalendarId(), caller.subject(), caller.email(),
                    caller.clientId(), false, summary, EventResource.text(body, "description"), EventResource.text(body, "location"), timeZone,
                    store.nextEtag(), clock.instant(), false);
            store.saveCalendar(created);
            return calendarResource(created);
        });
    }

    public CalendarEntry get(Caller caller, String calendarId) {
        return store.atomically(() -> access.readable(caller, calendarId));
    }

    /** PUT: every writable field replaced, omitted ones cleared; summary stays required. */
    public ObjectNode update(Caller caller, String calendarId, JsonNode body, String ifMatch) {
        return store.atomically(() -> {
            CalendarEntry calendar = access.forCalendarWrites(caller, calendarId);
            Preconditions.ifMatch(ifMatch, calendar.etag());
            CalendarEntry updated = calendar.withDetails(requireSummary(body), EventResource.text(body, "description"),
                    EventResource.text(body, "location"), timeZone(body, calendar.timeZone()), store.nextEtag(), clock.instant());
            store.saveCalendar(updated);
            return calendarResource(updated);
        });
    }

    public ObjectNode patch(Caller caller, String calendarId, JsonNode body, String ifMatch) {
        return store.atomically(() -> {
            CalendarEntry calendar = access.forCalendarWrites(caller, calendarId);
            Preconditions.ifMatch(ifMatch, calendar.etag());
            String summary = body.has("summary") ? requireSummary(body) : calendar.summary();
            CalendarEntry updated = calendar.withDetails(summary,
                    body.has("description") ? EventResource.text(body, "description") : calendar.description(),
                    body.has("location") ? EventResource.text(body, "location") : calendar.location(),
                    body.has("timeZone") ? timeZone(body, calendar.timeZone()) : calendar.timeZone(),
                    store.nextEtag(), clock.instant());
            store.saveCalendar(updated);
            return calendarResource(updated);
        });
    }

    /**
     * Deletes a secondary calendar with its events (a later get is 404). The primary calendar cannot be
     * deleted (Google points to calendars.clear); the exact error is undocumented (§1 default).
     */
    public void delete(Caller caller, String calendarId, String ifMatch) {
        store.atomically(() -> {
            CalendarEntry calendar = access.forCalendarWrites(caller, calendarId);
            Preconditions.ifMatch(ifMatch, calendar.etag());
            if (calendar.primary()) {
                throw CalendarErrors.invalidValue();
            }
            store.saveCalendar(calendar.markDeleted(store.nextEtag(), clock.instant()));
            return null;
        });
    }

    public ObjectNode calendarList(Caller caller, Integer maxResults, String pageToken, boolean showDeleted,
                                   boolean showHidden, String minAccessRole) {
        if (minAccessRole != null && !ACCESS_ROLES.contains(minAccessRole)) {
            throw CalendarErrors.invalidParameter("minAccessRole", CalendarErrors.INVALID_VALUE);
        }
        int size = Page.size(maxResults, 100, 250);
        return store.atomically(() -> {
            store.primaryCalendar(caller.subject(), caller.email());
            // every calendar here is the caller's own (accessRole owner), so minAccessRole never filters
            List<CalendarEntry> entries = store.calendarsOf(caller.subject()).stream()
                    .filter(calendar -> showDeleted || !calendar.deleted())
                    .filter(calendar -> showHidden || !store.listSettings(calendar.id()).hidden())
                    .filter(calendar -> access.listed(caller, calendar))
                    .toList();
            Page<CalendarEntry> page = Page.of(entries, pageToken, size);
            ObjectNode list = JsonNodeFactory.instance.objectNode();
            list.put("kind", "calendar#calendarList");
            list.put("etag", store.nextEtag());
            if (page.nextPageToken() != null) {
                list.put("nextPageToken", page.nextPageToken());
            }
            ArrayNode items = list.putArray("items");
            page.items().forEach(calendar -> items.add(calendarListEntry(calendar)));
            return list;
        });
    }

    public ObjectNode calendarListEntry(Caller caller, String calendarId) {
        return store.atomically(() -> calendarListEntry(access.readable(caller, calendarId)));
    }

    /** calendarList.update: every user-settable field replaced, omitted ones back to their defaults. */
    public ObjectNode updateCalendarListEntry(Caller caller, String calendarId, JsonNode body, boolean colorRgbFormat) {
        return writeCalendarListEntry(caller, calendarId, body, colorRgbFormat, true);
    }

    /** calendarList.patch: only the fields sent change; arrays sent replace the stored ones. */
    public ObjectNode patchCalendarListEntry(Caller caller, String calendarId, JsonNode body, boolean colorRgbFormat) {
        return writeCalendarListEntry(caller, calendarId, body, colorRgbFormat, false);
    }

    private ObjectNode writeCalendarListEntry(Caller caller, String calendarId, JsonNode body, boolean colorRgbFormat,
                                              boolean replace) {
        return store.atomically(() -> {
            CalendarEntry calendar = access.forCalendarListWrites(caller, calendarId);
            CalendarListSettings edited = listEdits.apply(calendar, store.listSettings(calendar.id()), body, colorRgbFormat,
                    replace, store.nextEtag());
            store.saveListSettings(calendar.id(), edited);
            return calendarListEntry(calendar);
        });
    }

    /** What a calendar and its calendarList entry both say about it. */
    private static ObjectNode sharedCalendarFields(String kind, CalendarEntry calendar) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kind", kind);
        node.put("etag", calendar.etag());
        node.put("id", calendar.id());
        node.put("summary", calendar.summary());
        putIfPresent(node, "description", calendar.description());
        putIfPresent(node, "location", calendar.location());
        node.put("timeZone", calendar.timeZone());
        return node;
    }

    public static ObjectNode calendarResource(CalendarEntry calendar) {
        ObjectNode node = sharedCalendarFields("calendar#calendar", calendar);
        node.putObject("conferenceProperties").putArray("allowedConferenceSolutionTypes").add("hangoutsMeet");
        return node;
    }

    private ObjectNode calendarListEntry(CalendarEntry calendar) {
        CalendarListSettings settings = store.listSettings(calendar.id());
        ObjectNode node = sharedCalendarFields("calendar#calendarListEntry", calendar);
        // the entry shows the calendar's fields too, so it changes when either does: the newer etag is its own
        node.put("etag", newer(calendar.etag(), settings.etag()));
        putIfPresent(node, "summaryOverride", settings.summaryOverride());
        node.put("colorId", settings.colorId());
        node.put("backgroundColor", settings.backgroundColor());
        node.put("foregroundColor", settings.foregroundColor());
        // Google leaves both out unless true
        if (settings.hidden()) {
            node.put("hidden", true);
        }
        if (settings.selected()) {
            node.put("selected", true);
        }
        node.put("accessRole", "owner");
        ArrayNode reminders = node.putArray("defaultReminders");
        settings.defaultReminders().forEach(reminder -> reminders.addObject().put("method", reminder.method())
                .put("minutes", reminder.minutes()));
        if (!settings.notifications().isEmpty()) {
            ArrayNode notifications = node.putObject("notificationSettings").putArray("notifications");
            settings.notifications().forEach(notification -> notifications.addObject().put("type", notification.type())
                    .put("method", notification.method()));
        }
        if (calendar.primary()) {
            node.put("primary", true);
        }
        node.putObject("conferenceProperties").putArray("allowedConferenceSolutionTypes").add("hangoutsMeet");
        if (calendar.deleted()) {
            node.put("deleted", true);
        }
        return node;
    }

    /** Of two etags from {@link CalendarStore#nextEtag()} (quoted, strictly increasing numbers), the later one. */
    private static String newer(String etag, String other) {
        return Long.parseLong(etag.replace("\"", "")) >= Long.parseLong(other.replace("\"", "")) ? etag : other;
    }

    private static String requireSummary(JsonNode body) {
        String summary = EventResource.text(body, "summary");
        if (summary == null || summary.isBlank()) {
            throw GoogleApiException.required("Missing title.");
        }
        return summary;
    }

    private static String timeZone(JsonNode body, String fallback) {
        String timeZone = EventResource.text(body, "timeZone");
        if (timeZone == null) {
            return fallback;
        }
        if (!EventTime.isKnownZone(timeZone)) {
            throw CalendarErrors.invalidValue();
        }
        return timeZone;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
