package dev.calsync.googleemulator.oauth;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The scopes the emulator knows, with the words the consent page shows for them: openid, email and
 * profile (also in their {@code userinfo.*} URL forms) and every Calendar scope Google publishes
 * (google-api-services-calendar's {@code CalendarScopes}). Google answers any other scope, an unknown
 * {@code https://www.googleapis.com/auth/…} one included, with its "Error 400: invalid_scope" page
 * ("Some requested scopes were invalid"), and so does the emulator.
 */
final class OAuthScopes {

    static final String OPENID = "openid";
    static final String EMAIL = "email";
    static final String PROFILE = "profile";
    static final String USERINFO_EMAIL = "https://www.googleapis.com/auth/userinfo.email";
    static final String USERINFO_PROFILE = "https://www.googleapis.com/auth/userinfo.profile";
    private static final String API_SCOPE_PREFIX = "https://www.googleapis.com/auth/";

    /** openid, email or profile in any spelling: Google returns an id_token for these (GOOGLE.md §9). */
    static final Set<String> IDENTITY = Set.of(OPENID, EMAIL, PROFILE, USERINFO_EMAIL, USERINFO_PROFILE);

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(OPENID, "Associate you with your personal info on Google");
        DESCRIPTIONS.put(EMAIL, "See your primary Google Account email address");
        DESCRIPTIONS.put(USERINFO_EMAIL, "See your primary Google Account email address");
        DESCRIPTIONS.put(PROFILE, "See your personal info, including any personal info you've made publicly available");
        DESCRIPTIONS.put(USERINFO_PROFILE, "See your personal info, including any personal info you've made publicly available");
        // Google's consent-screen wording for each Calendar scope
        calendar("calendar", "See, edit, share and permanently delete all the calendars you can access using Google Calendar");
        calendar("calendar.readonly", "See and download any calendar you can access using your Google Calendar");
        calendar("calendar.app.created", "See, create, change and delete Google Calendars that this app created, and the events on them");
        calendar("calendar.calendars",
                "See and change the properties of Google calendars you have access to, and create secondary calendars");
        calendar("calendar.calendars.readonly",
                "See the title, description, default time zone, and other properties of Google calendars you have access to");
        calendar("calendar.calendarlist", "See, add, and remove Google calendars you're subscribed to");
        calendar("calendar.calendarlist.readonly", "See the list of Google calendars you're subscribed to");
        calendar("calendar.events", "View and edit events on all your calendars");
        calendar("calendar.events.readonly", "View events on all your calendars");
        calendar("calendar.events.owned", "See, create, change, and delete events on Google calendars you own");
        calendar("calendar.events.owned.readonly", "See the events on Google calendars you own");
        calendar("calendar.events.public.readonly", "See the events on public calendars");
        calendar("calendar.events.freebusy", "See the availability on Google calendars you have access to");
        calendar("calendar.freebusy", "View your availability in your calendars");
        calendar("calendar.acls", "See and change the sharing permissions of Google calendars you own");
        calendar("calendar.acls.readonly", "See the sharing permissions of Google calendars you own");
        calendar("calendar.settings.readonly", "View your Calendar settings");
    }

    private OAuthScopes() {
    }

    /** The scope parameter: space-delimited, duplicates dropped, order kept. */
    static List<String> parse(String scopeParameter) {
        return List.of(scopeParameter.trim().split("\\s+")).stream().filter(scope -> !scope.isEmpty()).distinct().toList();
    }

    private static void calendar(String name, String description) {
        DESCRIPTIONS.put(API_SCOPE_PREFIX + name, description);
    }

    static boolean isKnown(String scope) {
        return DESCRIPTIONS.containsKey(scope);
    }

    /** The scopes among {@code scopes} that Google would call invalid, in their order. */
    static List<String> unknown(Collection<String> scopes) {
        return scopes.stream().filter(scope -> !isKnown(scope)).toList();
    }

    /** For the admin shortcuts: a grant Google could never have given is a 400 there too. */
    static void requireKnown(Collection<String> scopes) {
        List<String> unknown = unknown(scopes);
        if (!unknown.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "invalid_scope: Google knows no scope " + unknown);
        }
    }

    static String describe(String scope) {
        return DESCRIPTIONS.get(scope);
    }

    static boolean anyIdentity(Set<String> scopes) {
        return scopes.stream().anyMatch(IDENTITY::contains);
    }

    static boolean grantsEmail(Set<String> scopes) {
        return scopes.contains(EMAIL) || scopes.contains(USERINFO_EMAIL);
    }

    static boolean grantsProfile(Set<String> scopes) {
        return scopes.contains(PROFILE) || scopes.contains(USERINFO_PROFILE);
    }
}
