package dev.calsync.googleemulator.calendar.domain;

import static dev.calsync.googleemulator.auth.CalendarScopes.APP_CREATED;
import static dev.calsync.googleemulator.auth.CalendarScopes.CALENDAR;
import static dev.calsync.googleemulator.auth.CalendarScopes.CALENDARS;
import static dev.calsync.googleemulator.auth.CalendarScopes.CALENDARS_READONLY;
import static dev.calsync.googleemulator.auth.CalendarScopes.CALENDAR_READONLY;
import static dev.calsync.googleemulator.auth.CalendarScopes.EVENTS;
import static dev.calsync.googleemulator.auth.CalendarScopes.EVENTS_OWNED;
import static dev.calsync.googleemulator.auth.CalendarScopes.EVENTS_READONLY;

import dev.calsync.googleemulator.auth.TokenPrincipal;
import java.util.Set;

/**
 * The account and OAuth client behind a Calendar call, with what its scopes allow (Calendar API
 * "Choose Google Calendar API scopes"; calendars.insert reference for calendar.app.created). Which scopes admit a
 * method at all is the API filter's check ({@link dev.calsync.googleemulator.auth.CalendarScopes}), made before the
 * call reaches the domain.
 */
public record Caller(String subject, String email, String clientId, Set<String> scopes) {

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

    public boolean mayWriteEvents() {
        return scopes.contains(CALENDAR) || scopes.contains(APP_CREATED) || scopes.contains(EVENTS)
                || scopes.contains(EVENTS_OWNED);
    }
}
