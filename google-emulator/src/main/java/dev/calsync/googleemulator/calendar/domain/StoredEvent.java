package dev.calsync.googleemulator.calendar.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calsync.googleemulator.calendar.CalendarSwitches;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One event as Google would return it, including server fields. Immutable: the store replaces it on
 * every change, and {@link #resource()} hands out a copy. A deleted event stays as a cancelled
 * tombstone; an override of a series occurrence is a stored event with {@code recurringEventId}.
 */
public record StoredEvent(ObjectNode resource) {

    public StoredEvent {
        resource = resource.deepCopy();
    }

    @Override
    public ObjectNode resource() {
        return resource.deepCopy();
    }

    /** The event as events.get and events.list show it (a cancelled one possibly stripped to its id). */
    public ObjectNode asRead(CalendarSwitches.CancelledBodies bodies) {
        return EventResource.asRead(resource(), bodies);
    }

    public String id() {
        return EventResource.text(resource, "id");
    }

    public String etag() {
        return EventResource.text(resource, "etag");
    }

    public String status() {
        return EventResource.text(resource, "status");
    }

    public boolean cancelled() {
        return "cancelled".equals(status());
    }

    public String iCalUid() {
        return EventResource.text(resource, "iCalUID");
    }

    /** Non-null for an override (exception) of a series occurrence. */
    public String recurringEventId() {
        return EventResource.text(resource, "recurringEventId");
    }

    public boolean recurring() {
        JsonNode lines = resource.get("recurrence");
        return lines != null && lines.isArray() && !lines.isEmpty();
    }

    public List<String> recurrence() {
        List<String> lines = new ArrayList<>();
        JsonNode node = resource.get("recurrence");
        if (node != null) {
            node.forEach(line -> lines.add(line.asText()));
        }
        return lines;
    }

    public Instant updated() {
        return Instant.parse(EventResource.text(resource, "updated"));
    }

    public long sequence() {
        return resource.path("sequence").asLong(0);
    }

    public EventTime start() {
        return EventTime.parse(resource.get("start"), "start");
    }

    public EventTime end() {
        return EventTime.parse(resource.get("end"), "end");
    }

    /** Read access without a copy, for the store's own queries; callers must not modify it. */
    JsonNode view() {
        return resource;
    }
}
