package dev.calsync.googleemulator.calendar.domain;

import java.util.List;

/**
 * What the user sets on a calendar's calendarList entry, apart from the calendar itself (Calendar API
 * reference: CalendarList). The entry has its own etag: changing a colour does not change the calendar.
 *
 * @param colorId         a calendar palette id ({@link CalendarColors}), the best match when RGB colours were set
 * @param defaultReminders the calendar's default reminders
 * @param notifications   notificationSettings.notifications
 */
public record CalendarListSettings(
        String colorId,
        String backgroundColor,
        String foregroundColor,
        boolean hidden,
        boolean selected,
        String summaryOverride,
        List<Reminder> defaultReminders,
        List<Notification> notifications,
        String etag) {

    public record Reminder(String method, int minutes) {
    }

    public record Notification(String type, String method) {
    }

    public CalendarListSettings {
        defaultReminders = List.copyOf(defaultReminders);
        notifications = List.copyOf(notifications);
    }

    /**
     * A new entry as live responses show it: the primary calendar in colour 14 with a 30-minute popup and
     * e-mail notifications of invitations; a secondary calendar in colour 1 without either.
     */
    static CalendarListSettings defaultsFor(boolean primary, String etag) {
        String colorId = defaultColorId(primary);
        List<Notification> notifications = primary
                ? List.of(new Notification("eventCreation", "email"), new Notification("eventChange", "email"),
                new Notification("eventCancellation", "email"), new Notification("eventResponse", "email"))
                : List.of();
        return new CalendarListSettings(colorId, CalendarColors.calendarColor(colorId).orElseThrow().background(),
                CalendarColors.ENTRY_FOREGROUND, false, true, null,
                primary ? List.of(new Reminder("popup", 30)) : List.of(), notifications, etag);
    }

    static String defaultColorId(boolean primary) {
        return primary ? "14" : "1";
    }
}
