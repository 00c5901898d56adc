package dev.calsync.googleemulator.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of the Calendar resources the emulator answers with, as Google's Calendar model names them
 * (calendar-fields.json, checked against google-api-services-calendar's model classes by a test). Google
 * answers a {@code fields} name its resource does not have with 400 "Invalid field selection name"; this
 * is what lets the emulator do the same.
 *
 * @param types type → field → the field's type: another type's name, {@link #PLAIN} or {@link #ANY_KEYS} (with
 *              the type of its values, if they are objects)
 */
public record CalendarFieldSchema(Map<String, Map<String, String>> types) {

    /** A string, number, boolean or date: nothing can be selected inside it. */
    public static final String PLAIN = "";
    /**
     * A map of names the user or Google chose: any name, holding plain values (extendedProperties.private), or,
     * followed by a type's name, values of that type (Colors.calendar: "*ColorDefinition").
     */
    public static final String ANY_KEYS = "*";

    public static CalendarFieldSchema load() {
        try (InputStream in = CalendarFieldSchema.class.getResourceAsStream("calendar-fields.json")) {
            if (in == null) {
                throw new IllegalStateException("calendar-fields.json is missing from the class path");
            }
            return new CalendarFieldSchema(new ObjectMapper().readValue(in, new TypeReference<>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The resource a Calendar method answers with; empty for a method without a body (delete). The switch names
     * every operation, so one added later does not compile until its answer is named here.
     */
    public Optional<String> answerOf(CalendarOperation operation) {
        return Optional.ofNullable(switch (operation) {
            case EVENTS_LIST, EVENTS_INSTANCES -> "Events";
            case EVENTS_INSERT, EVENTS_GET, EVENTS_UPDATE, EVENTS_PATCH -> "Event";
            case CALENDARS_INSERT, CALENDARS_GET, CALENDARS_UPDATE, CALENDARS_PATCH -> "Calendar";
            case CALENDAR_LIST_LIST -> "CalendarList";
            case CALENDAR_LIST_GET, CALENDAR_LIST_UPDATE, CALENDAR_LIST_PATCH -> "CalendarListEntry";
            case COLORS_GET -> "Colors";
            case CALENDARS_DELETE, EVENTS_DELETE -> null; // 204, no body to select from
        });
    }

    /** The type of field {@code name} of {@code type}, empty when that type has no such field. */
    public Optional<String> fieldOf(String type, String name) {
        if (type.startsWith(ANY_KEYS)) {
            String values = type.substring(ANY_KEYS.length());
            return Optional.of(values.isEmpty() ? PLAIN : values);
        }
        return Optional.ofNullable(types.getOrDefault(type, Map.of()).get(name));
    }
}
