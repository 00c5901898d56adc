package dev.calsync.googleemulator.calendar.domain;

import dev.calsync.googleemulator.api.GoogleApiException;
import dev.calsync.googleemulator.calendar.CalendarSwitches;
import org.springframework.stereotype.Component;

/**
 * Which calendar a {@code calendarId} path segment names for a caller, and whether the caller may
 * reach it: {@code primary} is the caller's own calendar; other accounts' calendars are "Not Found"
 * (there is no sharing); a calendar.app.created caller reaches only calendars its client created
 * (GOOGLE.md §7, [E: 404 | S: 403]).
 */
@Component
public class CalendarAccess {

    private final CalendarStore store;
    private final CalendarSwitches switches;

    public CalendarAccess(CalendarStore store, CalendarSwitches switches) {
        this.store = store;
        this.switches = switches;
    }

    public CalendarEntry readable(Caller caller, String calendarId) {
        return resolve(caller, calendarId);
    }

    public CalendarEntry forEventWrites(Caller caller, String calendarId) {
        CalendarEntry calendar = resolve(caller, calendarId);
        if (!caller.mayWriteEvents()) {
            throw GoogleApiException.insufficientPermissions();
        }
        return calendar;
    }

    public CalendarEntry forCalendarWrites(Caller caller, String calendarId) {
        CalendarEntry calendar = resolve(caller, calendarId);
        if (!caller.mayWriteCalendars()) {
            throw GoogleApiException.insufficientPermissions();
        }
        return calendar;
    }

    /**
     * calendarList.update/patch. Their scopes (calendar, calendarlist, calendar.app.created) are the API filter's
     * check; what is left here is the app.created rule: such a caller writes only its app's own calendars' entries.
     */
    public CalendarEntry forCalendarListWrites(Caller caller, String calendarId) {
        return resolve(caller, calendarId);
    }

    /** For calendarList: under the 404 default an app.created caller lists only its app's calendars. */
    public boolean listed(Caller caller, CalendarEntry calendar) {
        return !caller.appCreatedOnly() || createdByCallersClient(caller, calendar)
                || switches.foreignCalendarForAppCreated() == CalendarSwitches.ForeignCalendar.FORBIDDEN_403;
    }

    private CalendarEntry resolve(Caller caller, String calendarId) {
        CalendarEntry primary = store.primaryCalendar(caller.subject(), caller.email());
        String id = "primary".equals(calendarId) ? primary.id() : calendarId;
        CalendarEntry calendar = store.calendar(id)
                .filter(found -> !found.deleted() && found.ownerSubject().equals(caller.subject()))
                .orElseThrow(GoogleApiException::notFound);
        if (caller.appCreatedOnly() && !createdByCallersClient(caller, calendar)) {
            throw switches.foreignCalendarForAppCreated() == CalendarSwitches.ForeignCalendar.FORBIDDEN_403
                    ? CalendarErrors.forbidden() : GoogleApiException.notFound();
        }
        return calendar;
    }

    private static boolean createdByCallersClient(Caller caller, CalendarEntry calendar) {
        return calendar.createdByClientId() != null && calendar.createdByClientId().equals(caller.clientId());
    }
}
