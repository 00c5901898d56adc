package dev.calsync.googleemulator.api;

import dev.calsync.googleemulator.auth.CalendarScopes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;

/**
 * The Calendar API methods the emulator serves, named as Google's reference names them
 * ({@code events.insert}); the unit of quota accounting, call counting and fault injection, and what decides
 * which scopes admit a call and how many quota units it costs.
 */
public enum CalendarOperation {
    CALENDARS_INSERT("calendars.insert", HttpMethod.POST, "/calendar/v3/calendars"),
    CALENDARS_GET("calendars.get", HttpMethod.GET, "/calendar/v3/calendars/[^/]+"),
    CALENDARS_DELETE("calendars.delete", HttpMethod.DELETE, "/calendar/v3/calendars/[^/]+"),
    CALENDARS_UPDATE("calendars.update", HttpMethod.PUT, "/calendar/v3/calendars/[^/]+"),
    CALENDARS_PATCH("calendars.patch", HttpMethod.PATCH, "/calendar/v3/calendars/[^/]+"),
    CALENDAR_LIST_LIST("calendarList.list", HttpMethod.GET, "/calendar/v3/users/me/calendarList"),
    CALENDAR_LIST_GET("calendarList.get", HttpMethod.GET, "/calendar/v3/users/me/calendarList/[^/]+"),
    CALENDAR_LIST_UPDATE("calendarList.update", HttpMethod.PUT, "/calendar/v3/users/me/calendarList/[^/]+"),
    CALENDAR_LIST_PATCH("calendarList.patch", HttpMethod.PATCH, "/calendar/v3/users/me/calendarList/[^/]+"),
    COLORS_GET("colors.get", HttpMethod.GET, "/calendar/v3/colors"),
    EVENTS_INSERT("events.insert", HttpMethod.POST, "/calendar/v3/calendars/[^/]+/events"),
    EVENTS_LIST("events.list", HttpMethod.GET, "/calendar/v3/calendars/[^/]+/events"),
    EVENTS_GET("events.get", HttpMethod.GET, "/calendar/v3/calendars/[^/]+/events/[^/]+"),
    EVENTS_UPDATE("events.update", HttpMethod.PUT, "/calendar/v3/calendars/[^/]+/events/[^/]+"),
    EVENTS_PATCH("events.patch", HttpMethod.PATCH, "/calendar/v3/calendars/[^/]+/events/[^/]+"),
    EVENTS_DELETE("events.delete", HttpMethod.DELETE, "/calendar/v3/calendars/[^/]+/events/[^/]+"),
    EVENTS_INSTANCES("events.instances", HttpMethod.GET, "/calendar/v3/calendars/[^/]+/events/[^/]+/instances");

    private final String apiName;
    private final HttpMethod method;
    private final Pattern path;

    CalendarOperation(String apiName, HttpMethod method, String path) {
        this.apiName = apiName;
        this.method = method;
        this.path = Pattern.compile(path + "/?");
    }

    public String apiName() {
        return apiName;
    }

    /**
     * The scopes of which a token needs one for this method: calendarList's methods take the calendarlist scopes
     * too, each as its reference page lists them; every other method what {@link CalendarScopes#API_ACCESS} admits.
     */
    public Set<String> scopes() {
        return switch (this) {
            case CALENDAR_LIST_LIST, CALENDAR_LIST_GET -> CalendarScopes.CALENDAR_LIST_READ;
            case CALENDAR_LIST_UPDATE, CALENDAR_LIST_PATCH -> CalendarScopes.CALENDAR_LIST_WRITE;
            default -> CalendarScopes.API_ACCESS;
        };
    }

    /**
     * Quota units the call costs: 1, a patch (events, calendars, calendarList) {@code patchQuotaUnits}
     * ({@code emulator.switches.patch-quota-units}; Google's patch reference pages: "uses three units of quota").
     */
    public int quotaUnits(int patchQuotaUnits) {
        return HttpMethod.PATCH.equals(method) ? patchQuotaUnits : 1;
    }

    public static Optional<CalendarOperation> of(HttpMethod method, String path) {
        for (CalendarOperation operation : List.of(values())) {
            if (operation.method.equals(method) && operation.path.matcher(path).matches()) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
