package dev.calsync.googleemulator.calendar.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calsync.googleemulator.api.GoogleApiException;
import dev.calsync.googleemulator.calendar.CalendarSwitches;
import dev.calsync.googleemulator.config.EmulatorProperties;
import dev.calsync.googleemulator.quota.UsageLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * events.insert/get/update/patch/delete (Calendar API reference: Events; GOOGLE.md §2, §3). A deleted
 * event stays as a cancelled tombstone that keeps its id taken; writing to an instance id creates or
 * changes that occurrence's override.
 */
@Service
public class EventService {

    private final CalendarStore store;
    private final CalendarAccess access;
    private final SeriesExpander series;
    private final EventValidator validator;
    private final UsageLimits usageLimits;
    private final EmulatorProperties properties;
    private final CalendarSwitches switches;
    private final Clock clock;

    public EventService(CalendarStore store, CalendarAccess access, SeriesExpander series, EventValidator validator,
                        UsageLimits usageLimits, EmulatorProperties properties, CalendarSwitches switches, Clock clock) {
        this.store = store;
        this.access = access;
        this.series = series;
        this.validator = validator;
        this.usageLimits = usageLimits;
        this.properties = properties;
        this.switches = switches;
        this.clock = clock;
    }

    public ObjectNode insert(Caller caller, String calendarId, JsonNode body) {
        ObjectNode request = requireObject(body);
        return store.atomically(() -> {
            CalendarEntry calendar = access.forEventWrites(caller, calendarId);
            String id = EventResource.text(request, "id");
            String iCalUid = EventResource.text(request, "iCalUID");
            if (id != null && iCalUid != null) {
                // "Send id or iCalUID, not both" (GOOGLE.md §2); the exact error is undocumented
                throw CalendarErrors.invalidValue();
            }
            if (id != null) {
                if (!ResourceIds.EVENT_ID.matcher(id).matches()) {
                    throw GoogleApiException.invalid("Invalid resource id value.");
                }
                // a tombstone keeps its id taken (GOOGLE.md §2)
                if (store.event(calendar.id(), id).isPresent()) {
                    throw GoogleApiException.duplicate();
                }
            } else {
                do {
                    id = ResourceIds.newEventId();
                } while (store.event(calendar.id(), id).isPresent());
            }
            if (iCalUid != null && iCalUidTaken(calendar, iCalUid)) {
                throw GoogleApiException.duplicate();
            }
            ObjectNode event = EventResource.clientFields(request);
            event.remove("recurringEventId");
            validator.validate(event);
            long sequence = 0;
            if (event.has("sequence")) {
                sequence = sequenceValue(event.get("sequence"));
            }
            usageLimits.recordCreation(caller.subject(), UsageLimits.Creation.EVENT);
            Instant now = clock.instant();
            event.put("kind", "calendar#event");
            event.put("etag", store.nextEtag());
            event.put("id", id);
            if (!event.has("status")) {
                event.put("status", "confirmed");
            }
            event.put("htmlLink", htmlLink(id, calendar.id()));
            event.put("created", EventResource.timestamp(now));
            event.put("updated", EventResource.timestamp(now));
            event.set("creator", person(caller.email(), null));
            event.set("organizer", calendar.primary() ? person(calendar.id(), null) : person(calendar.id(), calendar.summary()));
            if (iCalUid != null) {
                event.put("iCalUID", iCalUid);
            } else if (switches.defaultICalUid()) {
                event.put("iCalUID", id + "@google.com");
            }
            event.put("sequence", sequence);
            applyDefaults(event);
            StoredEvent stored = new StoredEvent(EventResource.ordered(event));
            store.saveEvent(calendar.id(), stored);
            return stored.resource();
        });
    }

    /** Tombstones too: Google returns a deleted event with status cancelled. */
    public StoredEvent get(Caller caller, String calendarId, String eventId) {
        return store.atomically(() -> {
            CalendarEntry calendar = access.readable(caller, calendarId);
            return find(calendar, eventId).orElseThrow(GoogleApiException::notFound);
        });
    }

    /**
     * PUT: the body replaces the event; omitted fields are cleared. An omitted status is "confirmed", which
     * revives a tombstone where the tombstone-update switch allows it (GOOGLE.md §2).
     */
    public ObjectNode update(Caller caller, String calendarId, String eventId, JsonNode body, String ifMatch) {
        ObjectNode request = requireObject(body);
        return rewrite(caller, calendarId, eventId, ifMatch, current -> {
            ObjectNode event = EventResource.clientFields(request);
            if (!event.has("status")) {
                event.put("status", "confirmed");
            }
            return event;
        });
    }

    /** PATCH: only the sent fields change; explicit nulls clear; arrays are replaced whole. */
    public ObjectNode patch(Caller caller, String calendarId, String eventId, JsonNode body, String ifMatch) {
        ObjectNode request = requireObject(body);
        return rewrite(caller, calendarId, eventId, ifMatch, current -> {
            ObjectNode event = EventResource.clientFields(current.resource());
            EventResource.merge(event, request, true);
            return event;
        });
    }

    /** An existing event replaced by what {@code next} makes of it, under the checks PUT and PATCH share. */
    private ObjectNode rewrite(Caller caller, String calendarId, String eventId, String ifMatch,
                               Function<StoredEvent, ObjectNode> next) {
        return store.atomically(() -> {
            CalendarEntry calendar = access.forEventWrites(caller, calendarId);
            StoredEvent current = find(calendar, eventId).orElseThrow(GoogleApiException::notFound);
            Preconditions.ifMatch(ifMatch, current.etag());
            refuseTombstoneIfSwitched(calendar, current);
            return save(calendar, current, next.apply(current));
        });
    }

    /**
     * 204 and a cancelled tombstone; 410 deleted for a tombstone; 404 for an unknown id. Deleting a
     * series cancels its overrides too; deleting an instance id cancels that occurrence.
     */
    public void delete(Caller caller, String calendarId, String eventId, String ifMatch) {
        store.atomically(() -> {
            CalendarEntry calendar = access.forEventWrites(caller, calendarId);
            StoredEvent current = find(calendar, eventId).orElseThrow(GoogleApiException::notFound);
            Preconditions.ifMatch(ifMatch, current.etag());
            if (current.cancelled()) {
                throw GoogleApiException.deleted();
            }
            store.saveEvent(calendar.id(), cancelled(current));
            if (current.recurring()) {
                store.events(calendar.id()).stream()
                        .filter(override -> current.id().equals(override.recurringEventId()) && !override.cancelled())
                        .forEach(override -> store.saveEvent(calendar.id(), cancelled(override)));
            }
            return null;
        });
    }

    /** A stored event, or the generated instance an instance id names. */
    Optional<StoredEvent> find(CalendarEntry calendar, String eventId) {
        Optional<StoredEvent> stored = store.event(calendar.id(), eventId);
        if (stored.isPresent()) {
            return stored;
        }
        return InstanceId.parse(eventId).flatMap(instance -> store.event(calendar.id(), instance.seriesId())
                .flatMap(parent -> series.generatedInstance(calendar, parent, instance))
                .map(StoredEvent::new));
    }

    private ObjectNode save(CalendarEntry calendar, StoredEvent current, ObjectNode event) {
        if (current.recurringEventId() != null) {
            // an override stays one occurrence: recurringEventId and originalStartTime are immutable
            event.remove("recurrence");
        }
        validator.validate(event);
        event.put("sequence", nextSequence(current, event));
        ObjectNode previous = current.resource();
        for (String field : new String[] {"kind", "id", "htmlLink", "created", "creator", "organizer", "iCalUID",
                "recurringEventId", "originalStartTime"}) {
            if (previous.has(field)) {
                event.set(field, previous.get(field));
            }
        }
        event.put("etag", store.nextEtag());
        event.put("updated", EventResource.timestamp(clock.instant()));
        if (!event.has("status")) {
            event.put("status", "confirmed");
        }
        applyDefaults(event);
        StoredEvent saved = new StoredEvent(EventResource.ordered(event));
        store.saveEvent(calendar.id(), saved);
        return saved.resource();
    }

    /**
     * A lower sequence than stored is refused (GOOGLE.md §1); an omitted one keeps the stored value;
     * a change of time, location or recurrence raises it, as Google does ([E: auto-bump | S: off]).
     */
    private long nextSequence(StoredEvent current, ObjectNode event) {
        long stored = current.sequence();
        long sequence = event.has("sequence") ? sequenceValue(event.get("sequence")) : stored;
        if (sequence < stored) {
            throw CalendarErrors.sequenceTooLow();
        }
        if (switches.sequenceAutoBump() && sequence == stored && significantlyChanged(current.resource(), event)) {
            sequence = stored + 1;
        }
        return sequence;
    }

    private static boolean significantlyChanged(ObjectNode before, ObjectNode after) {
        for (String field : new String[] {"start", "end", "location", "recurrence"}) {
            if (!Objects.equals(before.get(field), after.get(field))) {
                return true;
            }
        }
        return false;
    }

    private static long sequenceValue(JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw CalendarErrors.invalidValue();
        }
        return value.asLong();
    }

    /**
     * A deleted event (or an instance of a deleted series) is not revived under FORBIDDEN_403. A cancelled
     * exception of a live series is not a deleted event: patching it back is how an occurrence is restored
     * (Events resource, status: "cancelled exceptions of an uncancelled recurring event").
     */
    private void refuseTombstoneIfSwitched(CalendarEntry calendar, StoredEvent current) {
        if (!current.cancelled() || properties.switches().tombstoneUpdate() != EmulatorProperties.TombstoneUpdate.FORBIDDEN_403) {
            return;
        }
        boolean exceptionOfLiveSeries = current.recurringEventId() != null && store.event(calendar.id(), current.recurringEventId())
                .filter(series -> !series.cancelled()).isPresent();
        if (!exceptionOfLiveSeries) {
            throw CalendarErrors.forbidden();
        }
    }

    private StoredEvent cancelled(StoredEvent event) {
        ObjectNode tombstone = event.resource();
        tombstone.put("status", "cancelled");
        tombstone.put("etag", store.nextEtag());
        tombstone.put("updated", EventResource.timestamp(clock.instant()));
        return new StoredEvent(tombstone);
    }

    private boolean iCalUidTaken(CalendarEntry calendar, String iCalUid) {
        return store.events(calendar.id()).stream()
                .anyMatch(event -> event.recurringEventId() == null && iCalUid.equals(event.iCalUid()));
    }

    private static void applyDefaults(ObjectNode event) {
        if (!event.has("reminders")) {
            event.putObject("reminders").put("useDefault", true);
        }
        if (!event.has("eventType")) {
            event.put("eventType", "default");
        }
    }

    /** Google's event links carry base64 of "eventId calendarId". */
    private static String htmlLink(String eventId, String calendarId) {
        String eid = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((eventId + " " + calendarId).getBytes(StandardCharsets.UTF_8));
        return "https://www.google.com/calendar/event?eid=" + eid;
    }

    private static ObjectNode person(String email, String displayName) {
        ObjectNode person = JsonNodeFactory.instance.objectNode();
        person.put("email", email);
        if (displayName != null) {
            person.put("displayName", displayName);
        }
        // the emulator has no sharing, so the caller is always the calendar's owner
        person.put("self", true);
        return person;
    }

    private static ObjectNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GoogleApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "global", "parseError", "Parse Error");
        }
        return (ObjectNode) body;
    }
}
