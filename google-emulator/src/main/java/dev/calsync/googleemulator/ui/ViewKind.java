package dev.calsync.googleemulator.ui;

import java.util.Locale;

/** The two ways the calendar view shows a calendar ({@code view=agenda|week}). */
enum ViewKind {
    /** the next {@link CalendarViewReader#AGENDA_DAYS} days' occurrences, grouped by day */
    AGENDA,
    /** Monday to Sunday as columns, timed events placed by the hour, all-day events in a top row */
    WEEK;

    String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
