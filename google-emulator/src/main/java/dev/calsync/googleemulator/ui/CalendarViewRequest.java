package dev.calsync.googleemulator.ui;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;

/**
 * The calendar view's query parameters, checked. Absent (or empty) values mean the defaults: the first
 * seeded account, its primary calendar, today, the week grid.
 *
 * @param account  an account's email (or {@code sub}); null = the first account of the seed
 * @param calendar a calendar id of that account; null = its primary calendar
 * @param day      any day of the week to show (the agenda starts on it); null = today in the calendar's zone
 */
record CalendarViewRequest(String account, String calendar, LocalDate day, ViewKind view) {

    /** The days the view can show (the years 1900 to 2200). */
    static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2200, 12, 31);

    static CalendarViewRequest parse(String account, String calendar, String week, String view) {
        return new CalendarViewRequest(blankToNull(account), blankToNull(calendar), day(blankToNull(week)),
                view(blankToNull(view)));
    }

    private static LocalDate day(String week) {
        if (week == null) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(week);
        } catch (DateTimeParseException e) {
            throw new CalendarViewException(HttpStatus.BAD_REQUEST,
                    "week must be an ISO date such as 2026-03-09 (any day of the week), not \"" + week + "\"");
        }
        // LocalDate reaches year 999999999, where the week's end and its instants overflow; no calendar needs that
        if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
            throw new CalendarViewException(HttpStatus.BAD_REQUEST,
                    "week must lie between " + FIRST_DAY + " and " + LAST_DAY + ", not \"" + week + "\"");
        }
        return day;
    }

    private static ViewKind view(String view) {
        if (view == null) {
            return ViewKind.WEEK;
        }
        for (ViewKind kind : ViewKind.values()) {
            if (kind.parameter().equals(view)) {
                return kind;
            }
        }
        throw new CalendarViewException(HttpStatus.BAD_REQUEST, "view must be agenda or week, not \"" + view + "\"");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
