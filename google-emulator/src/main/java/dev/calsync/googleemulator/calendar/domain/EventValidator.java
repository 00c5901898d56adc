package dev.calsync.googleemulator.calendar.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calsync.googleemulator.api.GoogleApiException;
import dev.calsync.googleemulator.calendar.CalendarSwitches;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The checks Google applies to an event about to be stored (Calendar API reference: Events resource;
 * GOOGLE.md §5, §6), normalising start and end to the form Google echoes.
 */
@Component
public class EventValidator {

    private static final Map<String, Set<String>> ENUMS = Map.of(
            "status", Set.of("confirmed", "tentative", "cancelled"),
            "transparency", Set.of("opaque", "transparent"),
            "visibility", Set.of("default", "public", "private", "confidential"));
    private static final Set<String> REMINDER_METHODS = Set.of("email", "popup");
    static final int MAX_REMINDERS = 5;
    static final int MAX_REMINDER_MINUTES = 40_320;
    static final int MAX_PROPERTY_KEY = 44;
    static final int MAX_PROPERTY_VALUE = 1024;
    static final int MAX_PROPERTIES = 300;
    static final int MAX_PROPERTY_BYTES = 32 * 1024;

    private final CalendarSwitches switches;

    public EventValidator(CalendarSwitches switches) {
        this.switches = switches;
    }

    /** Validates {@code event} (client fields only) in place; throws Google's 400 for the first problem. */
    public void validate(ObjectNode event) {
        EventTime start = EventTime.parse(event.get("start"), "start");
        EventTime end = EventTime.parse(event.get("end"), "end");
        if (start.allDay() != end.allDay()) {
            throw CalendarErrors.mixedDateKinds();
        }
        if (start.allDay() ? !end.date().isAfter(start.date()) : end.dateTime().toInstant().isBefore(start.dateTime().toInstant())) {
            // all-day ends are exclusive, so start == end is an empty day (GOOGLE.md §6); timed events may last 0 s
            throw CalendarErrors.emptyTimeRange(start.allDay() ? "end.date" : "end.dateTime");
        }
        validateRecurrence(event, start, end);
        ENUMS.forEach((field, allowed) -> {
            if (event.has(field) && !allowed.contains(event.get(field).asText())) {
                throw CalendarErrors.invalidValue();
            }
        });
        validateReminders(event.get("reminders"));
        validateExtendedProperties(event.get("extendedProperties"));
        event.set("start", start.toJson());
        event.set("end", end.toJson());
    }

    private static void validateRecurrence(ObjectNode event, EventTime start, EventTime end) {
        JsonNode recurrence = event.get("recurrence");
        if (recurrence == null) {
            return;
        }
        if (!recurrence.isArray()) {
            throw CalendarErrors.invalidRecurrence();
        }
        if (recurrence.isEmpty()) {
            event.remove("recurrence");
            return;
        }
        // a series expands in its zone, so an offset alone is not enough (field reports: gogcli #216)
        if (!start.allDay() && start.timeZone() == null) {
            throw GoogleApiException.required("Missing time zone definition for start time.");
        }
        if (!end.allDay() && end.timeZone() == null) {
            throw GoogleApiException.required("Missing time zone definition for end time.");
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode line : recurrence) {
            if (!line.isTextual()) {
                throw CalendarErrors.invalidRecurrence();
            }
            lines.add(line.asText());
        }
        Recurrence.parse(lines).checkExpandable(start);
    }

    private void validateReminders(JsonNode reminders) {
        if (reminders == null) {
            return;
        }
        JsonNode overrides = reminders.get("overrides");
        boolean hasOverrides = overrides != null && overrides.isArray() && !overrides.isEmpty();
        if (reminders.path("useDefault").asBoolean(false) && hasOverrides) {
            throw CalendarErrors.defaultRemindersAndOverrides();
        }
        if (!hasOverrides) {
            return;
        }
        validateReminderList(overrides, "override reminder");
    }

    /** A list of {@code {method, minutes}} reminders: an event's overrides or a calendar's default reminders. */
    void validateReminderList(JsonNode reminders, String kind) {
        if (switches.enforceReminderLimits() && reminders.size() > MAX_REMINDERS) {
            throw CalendarErrors.invalidValue();
        }
        for (JsonNode reminder : reminders) {
            if (!reminder.hasNonNull("minutes")) {
                throw GoogleApiException.required("Missing " + kind + " minutes.");
            }
            if (!reminder.hasNonNull("method")) {
                throw GoogleApiException.required("Missing " + kind + " method.");
            }
            if (!REMINDER_METHODS.contains(reminder.get("method").asText())) {
                throw CalendarErrors.invalidValue();
            }
            int minutes = reminder.get("minutes").asInt(-1);
            if (switches.enforceReminderLimits() && (minutes < 0 || minutes > MAX_REMINDER_MINUTES)) {
                throw CalendarErrors.invalidValue();
            }
        }
    }

    private void validateExtendedProperties(JsonNode extended) {
        if (extended == null) {
            return;
        }
        int count = 0;
        int bytes = 0;
        for (String visibility : List.of("private", "shared")) {
            JsonNode properties = extended.get(visibility);
            if (properties == null || properties.isNull()) {
                continue;
            }
            if (!properties.isObject()) {
                throw CalendarErrors.invalidValue();
            }
            var fields = properties.fields();
            while (fields.hasNext()) {
                var property = fields.next();
                if (!property.getValue().isTextual()) {
                    throw CalendarErrors.invalidValue();
                }
                String key = property.getKey();
                String value = property.getValue().asText();
                count++;
                bytes += key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
                if (switches.enforceExtendedPropertyLimits() && (key.length() > MAX_PROPERTY_KEY
                        || value.length() > MAX_PROPERTY_VALUE || count > MAX_PROPERTIES || bytes > MAX_PROPERTY_BYTES)) {
                    throw CalendarErrors.invalidValue();
                }
            }
        }
    }
}
