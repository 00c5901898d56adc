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
 * calendars.insert/get/update/patch/delete and calendarList.list/get (Calendar API reference:
 * Calendars, CalendarList; GOOGLE.md §7).
 */
@Service
public class CalendarService {

    private static final Set<String> ACCESS_ROLES = Set.of("freeBusyReader", "reader", "writer", "owner");

    private final CalendarStore store;
    private final CalendarAccess access;
    private final UsageLimits usageLimits;
    private final Clock clock;

    public CalendarService(CalendarStore store, CalendarAccess access, UsageLimits usageLimits, Clock clock) {
        this.store = store;
        this.access = access;
        this.usageLimits = usageLimits;
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
            // every calendar here is the caller's own (accessRole owner), so minAccessRole never filters;
            // nothing can be hidden without calendarList.patch, so showHidden changes nothing either
            List<CalendarEntry> entries = store.calendarsOf(caller.subject()).stream()
                    .filter(calendar -> showDeleted || !calendar.deleted())
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

    static ObjectNode calendarListEntry(CalendarEntry calendar) {
        ObjectNode node = sharedCalendarFields("calendar#calendarListEntry", calendar);
        node.put("colorId", calendar.primary() ? "14" : "1");
        node.put("backgroundColor", calendar.primary() ? "#9fe1e7" : "#ac725e");
        node.put("foregroundColor", "#000000");
        node.put("selected", true);
        node.put("accessRole", "owner");
        ArrayNode reminders = node.putArray("defaultReminders");
        if (calendar.primary()) {
            reminders.addObject().put("method", "popup").put("minutes", 30);
            node.put("primary", true);
        }
        node.putObject("conferenceProperties").putArray("allowedConferenceSolutionTypes").add("hangoutsMeet");
        if (calendar.deleted()) {
            node.put("deleted", true);
        }
        return node;
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
