package dev.calsync.googleemulator.calendar.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calsync.googleemulator.calendar.CalendarSwitches;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** JSON shape of the Events resource (Calendar API reference: Events resource representation). */
final class EventResource {

    /** Fields the server owns: ignored when a client sends them (status and sequence are the client's). */
    static final Set<String> SERVER_FIELDS = Set.of("kind", "etag", "id", "htmlLink", "created", "updated", "creator",
            "organizer", "iCalUID", "recurringEventId", "originalStartTime", "hangoutLink");

    /** The order Google writes fields in; unknown fields follow. Clients don't care, humans reading dumps do. */
    private static final List<String> ORDER = List.of("kind", "etag", "id", "status", "htmlLink", "created", "updated",
            "summary", "description", "location", "colorId", "creator", "organizer", "start", "end", "endTimeUnspecified",
            "recurrence", "recurringEventId", "originalStartTime", "transparency", "visibility", "iCalUID", "sequence",
            "attendees", "attendeesOmitted", "extendedProperties", "hangoutLink", "conferenceData", "gadget",
            "anyoneCanAddSelf", "guestsCanInviteOthers", "guestsCanModify", "guestsCanSeeOtherGuests", "privateCopy",
            "locked", "reminders", "source", "attachments", "eventType");

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private EventResource() {
    }

    /** A field's text; null when the node, the field or its value is missing or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** What a cancelled event keeps when its body is stripped (GOOGLE.md §4: deleted items may carry only their id). */
    private static final List<String> CANCELLED_FIELDS = List.of("kind", "etag", "id", "status", "recurringEventId",
            "originalStartTime");

    /**
     * An event as a read shows it: a cancelled one, stripped, keeps only what Google guarantees, so that a client
     * tested here never counts on the rest (its private tags, times, iCalUID).
     */
    static ObjectNode asRead(ObjectNode event, CalendarSwitches.CancelledBodies bodies) {
        if (bodies == CalendarSwitches.CancelledBodies.FULL || !"cancelled".equals(text(event, "status"))) {
            return event;
        }
        ObjectNode stripped = JsonNodeFactory.instance.objectNode();
        CANCELLED_FIELDS.stream().filter(event::has).forEach(name -> stripped.set(name, event.get(name)));
        return stripped;
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** The client-writable part of a request body; JSON nulls mean "not set" on insert and update. */
    static ObjectNode clientFields(JsonNode body) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        body.fields().forEachRemaining(field -> {
            if (!SERVER_FIELDS.contains(field.getKey()) && !field.getValue().isNull()) {
                fields.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return fields;
    }

    /**
     * Patch semantics (Calendar API "Partial response"/patch; GOOGLE.md §3): sent fields replace, explicit
     * nulls clear, arrays are replaced whole, objects merge recursively (so one private extended
     * property can be set without resending the others). start/end are replaced whole: merging
     * {@code {"date"}} into a stored {@code {"dateTime"}} would leave an event with both.
     */
    static void merge(ObjectNode target, JsonNode patch, boolean topLevel) {
        patch.fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (topLevel && SERVER_FIELDS.contains(name)) {
                return;
            }
            if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject() && target.get(name) instanceof ObjectNode existing
                    && !(topLevel && (name.equals("start") || name.equals("end")))) {
                merge(existing, value, false);
            } else {
                target.set(name, value.deepCopy());
            }
        });
    }

    static ObjectNode ordered(ObjectNode event) {
        ObjectNode ordered = JsonNodeFactory.instance.objectNode();
        for (String name : ORDER) {
            if (event.has(name)) {
                ordered.set(name, event.get(name));
            }
        }
        List<String> rest = new ArrayList<>();
        event.fieldNames().forEachRemaining(rest::add);
        rest.stream().filter(name -> !ordered.has(name)).forEach(name -> ordered.set(name, event.get(name)));
        return ordered;
    }
}
