package dev.calsync.googleemulator.oauth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scopes the emulator knows, with the words the consent page shows for them. Google accepts any
 * scope of an API it serves and rejects the rest with "Error 400: invalid_scope"; here every
 * {@code https://www.googleapis.com/auth/…} scope counts as known and anything else as invalid.
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
        DESCRIPTIONS.put(API_SCOPE_PREFIX + "calendar.app.created",
                "See, create, change and delete Google Calendars that this app created, and the events on them");
        DESCRIPTIONS.put(API_SCOPE_PREFIX + "calendar",
                "See, edit, share and permanently delete all the calendars you can access using Google Calendar");
        DESCRIPTIONS.put(API_SCOPE_PREFIX + "calendar.readonly",
                "See and download any calendar you can access using your Google Calendar");
        DESCRIPTIONS.put(API_SCOPE_PREFIX + "calendar.events", "View and edit events on all your calendars");
        DESCRIPTIONS.put(API_SCOPE_PREFIX + "calendar.calendars",
                "See and change the properties of Google calendars you have access to, and create secondary calendars");
    }

    private OAuthScopes() {
    }

    /** The scope parameter: space-delimited, duplicates dropped, order kept. */
    static List<String> parse(String scopeParameter) {
        return List.of(scopeParameter.trim().split("\\s+")).stream().filter(scope -> !scope.isEmpty()).distinct().toList();
    }

    static boolean isKnown(String scope) {
        return DESCRIPTIONS.containsKey(scope) || scope.startsWith(API_SCOPE_PREFIX) && scope.length() > API_SCOPE_PREFIX.length();
    }

    static String describe(String scope) {
        return DESCRIPTIONS.getOrDefault(scope, "Use " + scope);
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
