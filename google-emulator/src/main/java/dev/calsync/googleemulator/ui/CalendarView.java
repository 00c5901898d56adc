package dev.calsync.googleemulator.ui;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What one calendar-view page shows: the account and calendar choosers, and the occurrences of the chosen
 * calendar from {@code first} for {@code days} days. Holds nothing secret: no tokens, codes or client ids.
 *
 * @param accounts  every seeded account's email, in seed order
 * @param calendars the chosen account's calendars that are not deleted, primary first
 * @param calendar  the calendar shown; null when the account has none yet (no API call has made its primary)
 * @param today     today in the calendar's zone, by the emulator's clock
 */
record CalendarView(List<String> accounts, String account, List<CalendarChoice> calendars, CalendarChoice calendar,
                    ZoneId zone, ViewKind kind, LocalDate first, int days, LocalDate today, List<ShownEvent> events) {

    /** A calendar the chooser offers. */
    record CalendarChoice(String id, String summary, boolean primary) {
    }

    LocalDate last() {
        return first.plusDays(days - 1L);
    }

    /** The occurrences a person sees on {@code day}: all-day ones first, then by start. */
    List<ShownEvent> on(LocalDate day) {
        return events.stream().filter(event -> event.on(day)).sorted(ShownEvent.BY_DAY_ORDER).toList();
    }
}
