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
 * Calendars, CalendarList; GOOGLE.md §7). calendarList.list syncs incrementally through {@link SyncTokens}.
 */
@Service
public class CalendarService {

    private static final Set<String> ACCESS_ROLES = Set.of("freeBusyReader", "reader", "writer", "owner");

    private final CalendarStore store;
    private final CalendarAccess access;
    private final UsageLimits usageLimits;
    private final CalendarListEdits listEdits;
    private final SyncTokens syncTokens;
    private final Clock clock;

    public CalendarService(CalendarStore store, CalendarAccess access, UsageLimits usageLimits, CalendarListEdits listEdits,
                           SyncTokens syncTokens, Clock clock) {
        this.store = store;
        this.access = access;
        this.usageLimits = usageLimits;
        this.listEdits = listEdits;
        this.syncTokens = syncTokens;
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

    /**
     * calendarList.list's parameters.
     *
     * @param showDeleted null when not sent: with a syncToken, only an explicit false is refused (as showHidden)
     */
    public record ListQuery(Integer maxResults, String pageToken, Boolean showDeleted, Boolean showHidden,
                            String minAccessRole, String syncToken) {

        /**
         * CalendarList: list — "minAccessRole query parameter cannot be specified together with nextSyncToken", and
         * with a syncToken "it is not allowed to set showDeleted neither showHidden to False".
         */
        boolean restrictedBeyondSync() {
            return minAccessRole != null || Boolean.FALSE.equals(showDeleted) || Boolean.FALSE.equals(showHidden);
        }
    }

    /**
     * The account's calendar list; its last page carries {@code nextSyncToken}. With {@code syncToken}: the entries
     * created, edited (their settings) or deleted since, deleted and hidden ones always included, paged alike.
     */
    public ObjectNode calendarList(Caller caller, ListQuery query) {
        if (query.minAccessRole() != null && !ACCESS_ROLES.contains(query.minAccessRole())) {
            throw CalendarErrors.invalidParameter("minAccessRole", CalendarErrors.INVALID_VALUE);
        }
        boolean incremental = query.syncToken() != null;
        if (incremental && query.restrictedBeyondSync()) {
            // Google documents no error of its own here; events.list's answer to its restrictions
            throw CalendarErrors.syncTokenWithRequestRestrictions();
        }
        int size = Page.size(query.maxResults(), 100, 250);
        SyncTokens.Cursor cursor = SyncTokens.cursor(query.pageToken());
        SyncTokens.Collection collection = SyncTokens.Collection.calendarListOf(caller.subject());
        return store.atomically(() -> {
            store.primaryCalendar(caller.subject(), caller.email());
            List<CalendarEntry> listed = store.calendarsOf(caller.subject()).stream()
                    .filter(calendar -> access.listed(caller, calendar))
                    .toList();
            long sequence = cursor.sequence() != null ? cursor.sequence()
                    : listed.stream().mapToLong(calendar -> CalendarStore.changeOf(store.listChange(calendar.id()))).max().orElse(0);
            // every calendar here is the caller's own (accessRole owner), so minAccessRole never filters
            List<CalendarEntry> entries;
            if (incremental) {
                long since = syncTokens.changesAfter(query.syncToken(), collection);
                entries = listed.stream().filter(calendar -> CalendarStore.changeOf(store.listChange(calendar.id())) > since)
                        .toList();
            } else {
                entries = listed.stream()
                        .filter(calendar -> Boolean.TRUE.equals(query.showDeleted()) || !calendar.deleted())
                        .filter(calendar -> Boolean.TRUE.equals(query.showHidden()) || !store.listSettings(calendar.id()).hidden())
                        .toList();
            }
            // calendars are only appended to the store, so their place in the account's list is a stable key
            List<String> owned = store.calendarsOf(caller.subject()).stream().map(CalendarEntry::id).toList();
            Page<CalendarEntry> page = Page.of(entries, cursor.keyToken(), size,
                    calendar -> new Page.Key(owned.indexOf(calendar.id()), 0, calendar.id()));
            ObjectNode list = JsonNodeFactory.instance.objectNode();
            list.put("kind", "calendar#calendarList");
            list.put("etag", store.nextEtag());
            if (page.nextPageToken() != null) {
                // the sequence the first page saw: what changes while the client pages comes in the next sync
                list.put("nextPageToken", SyncTokens.pageToken(page.nextPageToken(), sequence));
            } else {
                list.put("nextSyncToken", syncTokens.issue(collection, sequence));
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
