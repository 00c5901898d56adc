package dev.calsync.googleemulator.auth;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Google's Calendar scopes ("Choose Google Calendar API scopes") and the sets of them that admit a method: the API
 * filter checks a token against these before a call runs, the domain asks what a caller's scopes reach.
 */
public final class CalendarScopes {

    static final String PREFIX = "https://www.googleapis.com/auth/";
    public static final String CALENDAR = PREFIX + "calendar";
    public static final String CALENDAR_READONLY = PREFIX + "calendar.readonly";
    public static final String APP_CREATED = PREFIX + "calendar.app.created";
    public static final String CALENDARS = PREFIX + "calendar.calendars";
    public static final String CALENDARS_READONLY = PREFIX + "calendar.calendars.readonly";
    public static final String CALENDAR_LIST = PREFIX + "calendar.calendarlist";
    public static final String CALENDAR_LIST_READONLY = PREFIX + "calendar.calendarlist.readonly";
    public static final String EVENTS = PREFIX + "calendar.events";
    public static final String EVENTS_READONLY = PREFIX + "calendar.events.readonly";
    public static final String EVENTS_OWNED = PREFIX + "calendar.events.owned";

    /**
     * Scopes that let a token into the Calendar API's methods other than calendarList's. The narrower read-only and
     * events.owned scopes are modelled by the domain but not admitted yet (the API filter answers 403 for a token
     * with only those).
     */
    public static final Set<String> API_ACCESS = Set.of(CALENDAR, CALENDAR_READONLY, APP_CREATED, CALENDARS, EVENTS);

    /**
     * calendarList.list/get: what the API admits, and the two calendarlist scopes, which reach nothing else
     * (CalendarList: list/get name calendar.calendarlist and calendar.calendarlist.readonly; no other method does).
     */
    public static final Set<String> CALENDAR_LIST_READ = Stream.concat(API_ACCESS.stream(),
            Stream.of(CALENDAR_LIST, CALENDAR_LIST_READONLY)).collect(Collectors.toUnmodifiableSet());

    /**
     * calendarList.update/patch accept calendar, calendar.app.created or calendar.calendarlist (their reference
     * pages); neither calendar.calendars nor a read-only scope is among them.
     */
    public static final Set<String> CALENDAR_LIST_WRITE = Set.of(CALENDAR, APP_CREATED, CALENDAR_LIST);

    private CalendarScopes() {
    }
}
