package dev.calsync.googleemulator.calendar.domain;

import dev.calsync.googleemulator.auth.TokenPrincipal;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The account and OAuth client behind a Calendar call, with what its scopes allow (Calendar API
 * "Choose Google Calendar API scopes"; calendars.insert reference for calendar.app.created).
 */
public record Caller(String subject, String email, String clientId, Set<String> scopes) {

    static final String PREFIX = "https://www.googleapis.com/auth/";
    static final String CALENDAR = PREFIX + "calendar";
    static final String CALENDAR_READONLY = PREFIX + "calendar.readonly";
    static final String APP_CREATED = PREFIX + "calendar.app.created";
    static final String CALENDARS = PREFIX + "calendar.calendars";
    static final String CALENDARS_READONLY = PREFIX + "calendar.calendars.readonly";
    static final String CALENDAR_LIST = PREFIX + "calendar.calendarlist";
    static final String CALENDAR_LIST_READONLY = PREFIX + "calendar.calendarlist.readonly";
    static final String EVENTS = PREFIX + "calendar.events";
    static final String EVENTS_READONLY = PREFIX + "calendar.events.readonly";
    static final String EVENTS_OWNED = PREFIX + "calendar.events.owned";

    /**
     * Scopes that let a token into the Calendar API's methods other than calendarList's. The narrower read-only and
     * events.owned scopes are modelled below but not admitted yet (the API filter answers 403 for a token with only those).
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

    /** Scopes that reach every calendar of the account, not only the ones the app created. */
    private static final Set<String> ACCOUNT_WIDE = Set.of(CALENDAR, CALENDAR_READONLY, CALENDARS, CALENDARS_READONLY,
            EVENTS, EVENTS_READONLY, EVENTS_OWNED);

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public static Caller of(TokenPrincipal principal) {
        return new Caller(principal.subject(), principal.email(), principal.clientId(), principal.scopes());
    }

    /** Only {@code calendar.app.created}: the caller sees the calendars its own client created, nothing else. */
    public boolean appCreatedOnly() {
        return scopes.contains(APP_CREATED) && scopes.stream().noneMatch(ACCOUNT_WIDE::contains);
    }

    /** calendars.insert accepts calendar, calendar.app.created or calendar.calendars. */
    public boolean mayWriteCalendars() {
        return scopes.contains(CALENDAR) || scopes.contains(APP_CREATED) || scopes.contains(CALENDARS);
    }

    /** See {@link #CALENDAR_LIST_WRITE}. */
    public boolean mayWriteCalendarList() {
        return scopes.stream().anyMatch(CALENDAR_LIST_WRITE::contains);
    }

    public boolean mayWriteEvents() {
        return scopes.contains(CALENDAR) || scopes.contains(APP_CREATED) || scopes.contains(EVENTS)
                || scopes.contains(EVENTS_OWNED);
    }
}
