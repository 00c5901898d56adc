package dev.calsync.googleemulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.api.client.json.GenericJson;
import com.google.api.client.util.Key;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The field names {@code fields} may use are those of Google's own Calendar model: the classes of
 * google-api-services-calendar, which Google generates from the API's discovery document. When a new
 * client revision adds fields, this test fails and prints the schema to put in calendar-fields.json.
 */
class CalendarFieldSchemaTest {

    private static final List<Class<?>> ANSWERS = List.of(com.google.api.services.calendar.model.Events.class,
            com.google.api.services.calendar.model.Event.class, com.google.api.services.calendar.model.Calendar.class,
            com.google.api.services.calendar.model.CalendarList.class,
            com.google.api.services.calendar.model.CalendarListEntry.class, com.google.api.services.calendar.model.Colors.class);

    @Test
    void theSchemaHasEveryFieldOfGooglesModelAndNoOther() throws JsonProcessingException {
        Map<String, Map<String, String>> model = modelSchema();

        assertThat(CalendarFieldSchema.load().types())
                .as("calendar-fields.json should be:%n%s", new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(model))
                .isEqualTo(model);
    }

    @Test
    void eachCalendarAnswerHasItsResourceType() {
        assertThat(CalendarFieldSchema.load().answerOf(CalendarOperation.EVENTS_LIST)).contains("Events");
        assertThat(CalendarFieldSchema.load().answerOf(CalendarOperation.EVENTS_PATCH)).contains("Event");
        assertThat(CalendarFieldSchema.load().answerOf(CalendarOperation.CALENDAR_LIST_GET)).contains("CalendarListEntry");
        assertThat(CalendarFieldSchema.load().answerOf(CalendarOperation.CALENDAR_LIST_UPDATE)).contains("CalendarListEntry");
        assertThat(CalendarFieldSchema.load().answerOf(CalendarOperation.CALENDAR_LIST_PATCH)).contains("CalendarListEntry");
        assertThat(CalendarFieldSchema.load().answerOf(CalendarOperation.COLORS_GET)).contains("Colors");
        assertThat(CalendarFieldSchema.load().answerOf(CalendarOperation.EVENTS_DELETE)).isEmpty();
    }

    /** type → field → its type: a model type's name, "" for a plain value, "*" for a map of any keys. */
    private static Map<String, Map<String, String>> modelSchema() {
        Map<String, Map<String, String>> schema = new TreeMap<>();
        Deque<Class<?>> pending = new ArrayDeque<>(ANSWERS);
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (schema.containsKey(name(type))) {
                continue;
            }
            Map<String, String> fields = new TreeMap<>();
            schema.put(name(type), fields);
            for (Field field : type.getDeclaredFields()) {
                Key key = field.getAnnotation(Key.class);
                if (key == null) {
                    continue;
                }
                String json = key.value().equals("##default") ? field.getName() : key.value();
                Type declared = field.getGenericType();
                if (declared instanceof ParameterizedType generic && generic.getRawType() == List.class) {
                    declared = generic.getActualTypeArguments()[0];
                }
                if (declared instanceof ParameterizedType generic && generic.getRawType() == Map.class) {
                    if (generic.getActualTypeArguments()[1] instanceof Class<?> value && GenericJson.class.isAssignableFrom(value)) {
                        fields.put(json, CalendarFieldSchema.ANY_KEYS + name(value));
                        pending.push(value);
                    } else {
                        fields.put(json, CalendarFieldSchema.ANY_KEYS);
                    }
                } else if (declared instanceof Class<?> element && GenericJson.class.isAssignableFrom(element)) {
                    fields.put(json, name(element));
                    pending.push(element);
                } else {
                    fields.put(json, CalendarFieldSchema.PLAIN);
                }
            }
        }
        return schema;
    }

    private static String name(Class<?> type) {
        return type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
    }
}
