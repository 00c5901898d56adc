package dev.calsync.googleemulator.calendar.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.googleemulator.calendar.CalendarSwitches;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The one path every write of a calendarList entry takes (update replaces, patch merges), so both check the
 * same way (Calendar API reference: CalendarList, calendarList.update/patch; GOOGLE.md §7):
 * <ul>
 *   <li>{@code colorId} must be a calendar palette id ("1".."24"), else 400 invalid; the entry then shows that
 *       palette colour, unless it is the id the entry has already.</li>
 *   <li>{@code backgroundColor}/{@code foregroundColor} ({@code #rrggbb}) "supersede" colorId, but only with
 *       {@code colorRgbFormat=true}; colorId then becomes the best-matching palette id. A colour left out of
 *       the pair keeps the entry's (patch) or the default's (update): Google does not say that both must come.
 *       Without the flag they are ignored, as a field report shows (google-api-javascript-client #425) and as
 *       get-then-update, which sends them back, needs; a switch makes a changed colour a 400.</li>
 *   <li>update resets whatever the body leaves out: the calendar's default colour, not hidden, not selected
 *       (the reference's default), no summaryOverride, default reminders or notifications.</li>
 * </ul>
 */
@Component
public class CalendarListEdits {

    private static final Pattern RGB = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Set<String> NOTIFICATION_TYPES = Set.of("eventCreation", "eventChange", "eventCancellation",
            "eventResponse", "agenda");

    private final EventValidator validator;
    private final CalendarSwitches switches;

    public CalendarListEdits(EventValidator validator, CalendarSwitches switches) {
        this.validator = validator;
        this.switches = switches;
    }

    CalendarListSettings apply(CalendarEntry calendar, CalendarListSettings current, JsonNode body, boolean colorRgbFormat,
                               boolean replace, String etag) {
        if (body == null || !body.isObject()) {
            throw CalendarErrors.invalidValue();
        }
        CalendarListSettings base = replace ? cleared(calendar, etag) : current;
        String colorId = base.colorId();
        String background = base.backgroundColor();
        String foreground = base.foregroundColor();
        if (body.hasNonNull("colorId")) {
            colorId = body.get("colorId").asText();
            background = CalendarColors.calendarColor(colorId).orElseThrow(CalendarErrors::invalidValue).background();
            foreground = CalendarColors.ENTRY_FOREGROUND;
            if (colorId.equals(current.colorId())) {
                // the id the entry already has (get, then update): its RGB colours, if set, stay
                background = current.backgroundColor();
                foreground = current.foregroundColor();
            }
        }
        boolean rgbInBody = body.hasNonNull("backgroundColor") || body.hasNonNull("foregroundColor");
        if (rgbInBody && colorRgbFormat) {
            background = rgb(body, "backgroundColor", base.backgroundColor());
            foreground = rgb(body, "foregroundColor", base.foregroundColor());
            colorId = CalendarColors.nearestCalendarColorId(background);
        } else if (rgbInBody && switches.rejectRgbWithoutColorRgbFormat()
                && (changes(body, "backgroundColor", background) || changes(body, "foregroundColor", foreground))) {
            throw CalendarErrors.invalidParameter("colorRgbFormat", CalendarErrors.INVALID_VALUE);
        }
        return new CalendarListSettings(colorId, background, foreground,
                bool(body, "hidden", base.hidden()),
                bool(body, "selected", base.selected()),
                body.has("summaryOverride") ? EventResource.text(body, "summaryOverride") : base.summaryOverride(),
                body.has("defaultReminders") ? reminders(body.get("defaultReminders")) : base.defaultReminders(),
                body.has("notificationSettings") ? notifications(body.get("notificationSettings")) : base.notifications(),
                etag);
    }

    private static CalendarListSettings cleared(CalendarEntry calendar, String etag) {
        String colorId = CalendarListSettings.defaultColorId(calendar.primary());
        return new CalendarListSettings(colorId, CalendarColors.calendarColor(colorId).orElseThrow().background(),
                CalendarColors.ENTRY_FOREGROUND, false, false, null, List.of(), List.of(), etag);
    }

    private static String rgb(JsonNode body, String field, String fallback) {
        String value = EventResource.text(body, field);
        if (value == null) {
            return fallback;
        }
        if (!RGB.matcher(value).matches()) {
            throw CalendarErrors.invalidValue();
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static boolean changes(JsonNode body, String field, String shown) {
        String value = EventResource.text(body, field);
        return value != null && !value.equalsIgnoreCase(shown);
    }

    private static boolean bool(JsonNode body, String field, boolean fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw CalendarErrors.invalidValue();
        }
        return value.booleanValue();
    }

    private List<CalendarListSettings.Reminder> reminders(JsonNode list) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw CalendarErrors.invalidValue();
        }
        validator.validateReminderList(list, "default reminder");
        List<CalendarListSettings.Reminder> reminders = new ArrayList<>();
        list.forEach(reminder -> reminders.add(new CalendarListSettings.Reminder(reminder.get("method").asText(),
                reminder.get("minutes").asInt())));
        return reminders;
    }

    /** notificationSettings: e-mail notifications of the types the reference lists. */
    private static List<CalendarListSettings.Notification> notifications(JsonNode settings) {
        if (settings == null || settings.isNull()) {
            return List.of();
        }
        JsonNode list = settings.get("notifications");
        if (!settings.isObject() || (list != null && !list.isNull() && !list.isArray())) {
            throw CalendarErrors.invalidValue();
        }
        List<CalendarListSettings.Notification> notifications = new ArrayList<>();
        if (list != null && !list.isNull()) {
            for (JsonNode notification : list) {
                String type = EventResource.text(notification, "type");
                String method = EventResource.text(notification, "method");
                if (type == null || !NOTIFICATION_TYPES.contains(type) || !"email".equals(method)) {
                    throw CalendarErrors.invalidValue();
                }
                notifications.add(new CalendarListSettings.Notification(type, method));
            }
        }
        return notifications;
    }
}
