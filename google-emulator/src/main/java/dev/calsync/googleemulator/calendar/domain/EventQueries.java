package dev.calsync.googleemulator.calendar.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calsync.googleemulator.api.GoogleApiException;
import dev.calsync.googleemulator.calendar.CalendarSwitches;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * events.list and events.instances (Calendar API reference: Events: list, Events: instances; GOOGLE.md §4, §5).
 * A listing's last page carries {@code nextSyncToken}; a listing with {@code syncToken} returns what changed
 * since that token (see {@link SyncTokens}).
 */
@Service
public class EventQueries {

    /**
     * How far an open-ended series is expanded when no timeMax bounds it: Google pages through
     * instances without end; the emulator stops two years past now (or the series' start), so that
     * an infinite RRULE terminates.
     */
    static final Duration OPEN_END_HORIZON = Duration.ofDays(730);

    /** @param showDeleted null when not sent: with a syncToken, only an explicit false is refused */
    public record ListQuery(Integer maxResults, String pageToken, Boolean showDeleted, boolean singleEvents,
                            String orderBy, List<String> privateExtendedProperty, List<String> sharedExtendedProperty,
                            String iCalUID, String timeMin, String timeMax, String updatedMin, String q, String syncToken) {

        boolean deletedShown() {
            return Boolean.TRUE.equals(showDeleted);
        }

        /** Events: list — these "cannot be specified together with nextSyncToken to ensure consistency of the client state". */
        boolean restrictedBeyondSync() {
            return present(iCalUID) || present(orderBy) || present(q) || present(timeMin) || present(timeMax)
                    || present(updatedMin) || !(privateExtendedProperty == null || privateExtendedProperty.isEmpty())
                    || !(sharedExtendedProperty == null || sharedExtendedProperty.isEmpty())
                    || Boolean.FALSE.equals(showDeleted);
        }

        private static boolean present(String parameter) {
            return parameter != null && !parameter.isEmpty();
        }
    }

    public record InstancesQuery(Integer maxResults, String pageToken, boolean showDeleted, String timeMin,
                                 String timeMax, String originalStart) {
    }

    /**
     * One listed item, the span it occupies (for time filters and ordering) and the position in the store of the
     * event it comes from (the storage order, which never changes: events are only appended).
     */
    private record Item(ObjectNode resource, Instant start, Instant end, long position) {

        String id() {
            return resource.path("id").asText();
        }
    }

    private final CalendarStore store;
    private final CalendarAccess access;
    private final SeriesExpander series;
    private final CalendarSwitches switches;
    private final SyncTokens syncTokens;
    private final Clock clock;

    public EventQueries(CalendarStore store, CalendarAccess access, SeriesExpander series, CalendarSwitches switches,
                        SyncTokens syncTokens, Clock clock) {
        this.store = store;
        this.access = access;
        this.series = series;
        this.switches = switches;
        this.syncTokens = syncTokens;
        this.clock = clock;
    }

    public ObjectNode list(Caller caller, String calendarId, ListQuery query) {
        if (query.syncToken() != null) {
            return changes(caller, calendarId, query);
        }
        int size = Page.size(query.maxResults(), 250, 2500);
        SyncTokens.Cursor cursor = SyncTokens.cursor(query.pageToken());
        Instant timeMin = instant(query.timeMin(), "timeMin");
        Instant timeMax = instant(query.timeMax(), "timeMax");
        if (timeMin != null && timeMax != null && !timeMax.isAfter(timeMin)) {
            throw GoogleApiException.timeRangeEmpty("timeMax");
        }
        if (query.orderBy() != null) {
            if (!query.orderBy().equals("startTime") && !query.orderBy().equals("updated")) {
                throw CalendarErrors.invalidParameter("orderBy", CalendarErrors.INVALID_VALUE);
            }
            if (query.orderBy().equals("startTime") && !query.singleEvents()) {
                throw CalendarErrors.invalidParameter("orderBy", "The requested ordering is not available for the particular query.");
            }
        }
        Instant updatedMin = instant(query.updatedMin(), "updatedMin");
        if (updatedMin != null && updatedMin.isBefore(clock.instant().minus(switches.updatedMinHorizon()))) {
            throw CalendarErrors.updatedMinTooLongAgo();
        }
        List<Map.Entry<String, String>> privateFilter = propertyFilter(query.privateExtendedProperty(), "privateExtendedProperty");
        List<Map.Entry<String, String>> sharedFilter = propertyFilter(query.sharedExtendedProperty(), "sharedExtendedProperty");
        // Events: list — "entries deleted since this time will always be included regardless of showDeleted"
        boolean showDeleted = query.deletedShown() || updatedMin != null;

        return store.atomically(() -> {
            CalendarEntry calendar = access.readable(caller, calendarId);
            ZoneId zone = ZoneId.of(calendar.timeZone());
            List<StoredEvent> stored = store.events(calendar.id());
            long sequence = cursor.sequence() != null ? cursor.sequence() : changeSequence(calendar, stored);
            List<Item> items = new ArrayList<>();
            for (int position = 0; position < stored.size(); position++) {
                StoredEvent event = stored.get(position);
                if (query.singleEvents()) {
                    collectSingle(calendar, event, position, timeMin, timeMax, showDeleted, items);
                } else {
                    collectUnexpanded(calendar, event, position, stored, timeMin, timeMax, showDeleted, zone, items);
                }
            }
            List<Item> matching = items.stream()
                    // the filters see what the listing shows: a stripped tombstone has no iCalUID, tags or text
                    .filter(item -> query.iCalUID() == null || query.iCalUID().equals(shown(item).path("iCalUID").asText(null)))
                    .filter(item -> hasProperties(shown(item), "private", privateFilter))
                    .filter(item -> hasProperties(shown(item), "shared", sharedFilter))
                    .filter(item -> updatedMin == null || !Instant.parse(item.resource().get("updated").asText()).isBefore(updatedMin))
                    .filter(item -> query.q() == null || matchesText(shown(item), query.q()))
                    .toList();
            Page<Item> page = Page.of(matching, cursor.keyToken(), size, order(query.orderBy()));
            return withSyncPaging(eventsResponse(calendar, page), calendar, page, sequence);
        });
    }

    /**
     * An incremental sync: every stored event changed after the token's point, deleted ones included
     * (showDeleted is implied), paged like a full listing. With singleEvents a changed series comes as its
     * instances and a changed override as itself; a deleted series comes as its own tombstone, as it has
     * no instances left to carry the deletion.
     */
    private ObjectNode changes(Caller caller, String calendarId, ListQuery query) {
        if (query.restrictedBeyondSync()) {
            throw CalendarErrors.syncTokenWithRequestRestrictions();
        }
        int size = Page.size(query.maxResults(), 250, 2500);
        SyncTokens.Cursor cursor = SyncTokens.cursor(query.pageToken());
        return store.atomically(() -> {
            CalendarEntry calendar = access.readable(caller, calendarId);
            long since = syncTokens.changesAfter(query.syncToken(), SyncTokens.Collection.eventsOf(calendar.id()));
            ZoneId zone = ZoneId.of(calendar.timeZone());
            List<StoredEvent> stored = store.events(calendar.id());
            long sequence = cursor.sequence() != null ? cursor.sequence() : changeSequence(calendar, stored);
            Map<String, Item> changed = new LinkedHashMap<>();
            for (int position = 0; position < stored.size(); position++) {
                StoredEvent event = stored.get(position);
                if (CalendarStore.changeOf(event.etag()) <= since) {
                    continue;
                }
                if (query.singleEvents() && event.recurring() && !event.cancelled()) {
                    long seriesPosition = position;
                    series.instances(calendar, event, event.start().instant(zone), horizon(event, zone), true)
                            .forEach(occurrence -> changed.putIfAbsent(occurrence.resource().path("id").asText(),
                                    new Item(occurrence.resource(), occurrence.start(), occurrence.end(), seriesPosition)));
                } else {
                    changed.putIfAbsent(event.id(), itemOf(event.resource(), zone, position));
                }
            }
            Page<Item> page = Page.of(List.copyOf(changed.values()), cursor.keyToken(), size, order(null));
            return withSyncPaging(eventsResponse(calendar, page), calendar, page, sequence);
        });
    }

    /** Only the last page carries nextSyncToken; earlier ones a page token that remembers where the listing began. */
    private ObjectNode withSyncPaging(ObjectNode response, CalendarEntry calendar, Page<Item> page, long sequence) {
        if (page.nextPageToken() != null) {
            response.put("nextPageToken", SyncTokens.pageToken(page.nextPageToken(), sequence));
        } else {
            response.put("nextSyncToken", syncTokens.issue(SyncTokens.Collection.eventsOf(calendar.id()), sequence));
        }
        return response;
    }

    /** The calendar's latest change: every write takes a fresh etag from the store's one increasing counter. */
    private long changeSequence(CalendarEntry calendar, List<StoredEvent> stored) {
        long latest = CalendarStore.changeOf(store.lastChange(calendar.id()).etag());
        for (StoredEvent event : stored) {
            long change = CalendarStore.changeOf(event.etag());
            if (change != Long.MAX_VALUE) {
                latest = Math.max(latest, change);
            }
        }
        return latest;
    }

    public ObjectNode instances(Caller caller, String calendarId, String eventId, InstancesQuery query) {
        int size = Page.size(query.maxResults(), 250, 2500);
        Instant timeMin = instant(query.timeMin(), "timeMin");
        Instant timeMax = instant(query.timeMax(), "timeMax");
        if (timeMin != null && timeMax != null && !timeMax.isAfter(timeMin)) {
            throw GoogleApiException.timeRangeEmpty("timeMax");
        }
        return store.atomically(() -> {
            CalendarEntry calendar = access.readable(caller, calendarId);
            ZoneId zone = ZoneId.of(calendar.timeZone());
            StoredEvent event = store.event(calendar.id(), eventId).orElseThrow(GoogleApiException::notFound);
            List<Item> items = new ArrayList<>();
            if (!event.recurring()) {
                // a single event is its own only instance
                if (!event.cancelled() || query.showDeleted()) {
                    items.add(itemOf(event.resource(), zone, 0));
                }
            } else if (!event.cancelled() || query.showDeleted()) {
                Instant from = timeMin != null ? timeMin : event.start().instant(zone);
                Instant to = timeMax != null ? timeMax : horizon(event, zone);
                series.instances(calendar, event, from, to, query.showDeleted())
                        .forEach(occurrence -> items.add(new Item(occurrence.resource(), occurrence.start(), occurrence.end(), 0)));
            }
            Optional<EventTime> originalStart = Optional.ofNullable(query.originalStart()).map(EventQueries::originalStart);
            List<Item> matching = items.stream()
                    .filter(item -> originalStart.isEmpty() || sameOriginalStart(item.resource(), originalStart.get(), zone))
                    .toList();
            return eventsResponse(calendar, Page.of(matching, query.pageToken(), size, order("startTime")));
        });
    }

    /** singleEvents=true: series become their instances; cancelled items only with showDeleted. */
    private void collectSingle(CalendarEntry calendar, StoredEvent event, long position, Instant timeMin, Instant timeMax,
                               boolean showDeleted, List<Item> items) {
        ZoneId zone = ZoneId.of(calendar.timeZone());
        if (event.recurringEventId() != null) {
            return; // overrides come in through their series
        }
        if (event.recurring()) {
            if (event.cancelled()) {
                return; // "only single instances of deleted events (but not the underlying recurring events)"
            }
            Instant from = timeMin != null ? timeMin : event.start().instant(zone);
            Instant to = timeMax != null ? timeMax : horizon(event, zone);
            series.instances(calendar, event, from, to, showDeleted)
                    .forEach(occurrence -> items.add(new Item(occurrence.resource(), occurrence.start(), occurrence.end(), position)));
            return;
        }
        if (event.cancelled() && !showDeleted) {
            return;
        }
        Item item = itemOf(event.resource(), zone, position);
        if (overlaps(item, timeMin, timeMax)) {
            items.add(item);
        }
    }

    /**
     * singleEvents=false: series, single events and overrides as stored. Cancelled overrides of a live
     * series show even without showDeleted, as the reference says; other tombstones only with it.
     */
    private void collectUnexpanded(CalendarEntry calendar, StoredEvent event, long position, List<StoredEvent> stored, Instant timeMin,
                                   Instant timeMax, boolean showDeleted, ZoneId zone, List<Item> items) {
        if (event.cancelled() && !showDeleted) {
            boolean cancelledException = event.recurringEventId() != null && stored.stream()
                    .anyMatch(parent -> parent.id().equals(event.recurringEventId()) && !parent.cancelled());
            if (!cancelledException) {
                return;
            }
        }
        Item item = itemOf(event.resource(), zone, position);
        if (event.recurring()) {
            // a series is in the window if one of its instances is
            if (timeMin != null || timeMax != null) {
                Instant from = timeMin != null ? timeMin : event.start().instant(zone);
                Instant to = timeMax != null ? timeMax : horizon(event, zone);
                if (series.instances(calendar, event, from, to, false).isEmpty()) {
                    return;
                }
            }
            items.add(item);
        } else if (overlaps(item, timeMin, timeMax)) {
            items.add(item);
        }
    }

    private Instant horizon(StoredEvent event, ZoneId zone) {
        Instant start = event.start().instant(zone);
        Instant now = clock.instant();
        return (start.isAfter(now) ? start : now).plus(OPEN_END_HORIZON);
    }

    private ObjectNode eventsResponse(CalendarEntry calendar, Page<Item> page) {
        CalendarStore.LastChange lastChange = store.lastChange(calendar.id());
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("kind", "calendar#events");
        response.put("etag", lastChange.etag());
        response.put("summary", calendar.summary());
        if (calendar.description() != null) {
            response.put("description", calendar.description());
        }
        response.put("updated", EventResource.timestamp(lastChange.updated()));
        response.put("timeZone", calendar.timeZone());
        response.put("accessRole", "owner");
        ArrayNode reminders = response.putArray("defaultReminders");
        if (calendar.primary()) {
            reminders.addObject().put("method", "popup").put("minutes", 30);
        }
        if (page.nextPageToken() != null) {
            response.put("nextPageToken", page.nextPageToken());
        }
        ArrayNode items = response.putArray("items");
        page.items().forEach(item -> items.add(shown(item)));
        return response;
    }

    /** The item as the listing shows it: a cancelled one possibly stripped to its id. */
    private ObjectNode shown(Item item) {
        return EventResource.asRead(item.resource(), switches.cancelledBodies());
    }

    private static Item itemOf(ObjectNode resource, ZoneId zone, long position) {
        Instant start = EventTime.parse(resource.get("start"), "start").instant(zone);
        Instant end = EventTime.parse(resource.get("end"), "end").instant(zone);
        return new Item(resource, start, end, position);
    }

    /** timeMax cuts events starting at or after it; timeMin those ending at or before it (GOOGLE.md §4). */
    private static boolean overlaps(Item item, Instant timeMin, Instant timeMax) {
        return (timeMax == null || item.start().isBefore(timeMax)) && (timeMin == null || item.end().isAfter(timeMin));
    }

    /**
     * The key a listing is sorted and paged by (see {@link Page}): start time, last update (ties in storage order),
     * or by default storage order, a series' instances by start.
     */
    private static Function<Item, Page.Key> order(String orderBy) {
        if ("startTime".equals(orderBy)) {
            return item -> new Page.Key(Page.Key.micros(item.start()), 0, item.id());
        }
        if ("updated".equals(orderBy)) {
            return item -> new Page.Key(Page.Key.micros(Instant.parse(item.resource().path("updated").asText())),
                    item.position(), item.id());
        }
        return item -> new Page.Key(item.position(), Page.Key.micros(item.start()), item.id());
    }

    private static boolean hasProperties(ObjectNode resource, String visibility, List<Map.Entry<String, String>> filter) {
        JsonNode properties = resource.path("extendedProperties").path(visibility);
        return filter.stream().allMatch(wanted -> wanted.getValue().equals(properties.path(wanted.getKey()).asText(null)));
    }

    private static boolean matchesText(ObjectNode resource, String q) {
        String needle = q.toLowerCase(Locale.ROOT);
        for (String field : new String[] {"summary", "description", "location"}) {
            if (resource.path(field).asText("").toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        for (JsonNode attendee : resource.path("attendees")) {
            if (attendee.path("email").asText("").toLowerCase(Locale.ROOT).contains(needle)
                    || attendee.path("displayName").asText("").toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /** {@code privateExtendedProperty=name=value}, repeatable, all must match. */
    private static List<Map.Entry<String, String>> propertyFilter(List<String> constraints, String parameter) {
        if (constraints == null) {
            return List.of();
        }
        List<Map.Entry<String, String>> filter = new ArrayList<>();
        for (String constraint : constraints) {
            int equals = constraint.indexOf('=');
            if (equals <= 0) {
                throw CalendarErrors.invalidParameter(parameter, CalendarErrors.INVALID_VALUE);
            }
            filter.add(Map.entry(constraint.substring(0, equals), constraint.substring(equals + 1)));
        }
        return filter;
    }

    /** RFC 3339 with an offset, as Google requires of timeMin, timeMax and updatedMin. */
    private static Instant instant(String value, String parameter) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw CalendarErrors.invalidParameter(parameter, CalendarErrors.INVALID_VALUE);
        }
    }

    private static EventTime originalStart(String value) {
        try {
            return value.length() == 10 ? EventTime.ofDate(LocalDate.parse(value))
                    : EventTime.ofDateTime(OffsetDateTime.parse(value), null);
        } catch (DateTimeParseException e) {
            throw CalendarErrors.invalidParameter("originalStart", CalendarErrors.INVALID_VALUE);
        }
    }

    private static boolean sameOriginalStart(ObjectNode resource, EventTime wanted, ZoneId zone) {
        JsonNode original = resource.get("originalStartTime");
        return original != null && EventTime.parse(original, "start").instant(zone).equals(wanted.instant(zone));
    }
}
