package dev.calsync.googleemulator.calendar.domain;

import dev.calsync.googleemulator.api.GoogleApiException;
import org.springframework.http.HttpStatus;

/**
 * Calendar-specific errors beyond the shared factories in {@link GoogleApiException}; wire strings as
 * GOOGLE.md §1 and the field reports it cites give them. Where Google's answer is undocumented the
 * emulator uses GOOGLE.md §1's default, 400 global/invalid "Invalid Value".
 */
public final class CalendarErrors {

    static final String INVALID_VALUE = "Invalid Value";

    private CalendarErrors() {
    }

    public static GoogleApiException invalidValue() {
        return GoogleApiException.invalid(INVALID_VALUE);
    }

    /** A bad query parameter, with its location as Google gives it ("The requested ordering…" for orderBy). */
    public static GoogleApiException invalidParameter(String parameter, String message) {
        return new GoogleApiException(HttpStatus.BAD_REQUEST, "global", "invalid", message, "parameter", parameter);
    }

    /** §1: sequence below the stored one. ⚠️ domain/reason unverified, message quoted by two codebases. */
    public static GoogleApiException sequenceTooLow() {
        return GoogleApiException.invalid("Invalid sequence value. The specified sequence number is below the current "
                + "sequence number of the resource. Re-fetch the resource and use its sequence number on the following request.");
    }

    /** §2: a tombstone under the FORBIDDEN_403 switch; also a calendar the caller may not touch (§7 switch). */
    public static GoogleApiException forbidden() {
        return new GoogleApiException(HttpStatus.FORBIDDEN, "global", "forbidden", "Forbidden");
    }

    /** §4: updatedMin older than the horizon. */
    public static GoogleApiException updatedMinTooLongAgo() {
        return new GoogleApiException(HttpStatus.GONE, "calendar", "updatedMinTooLongAgo",
                "The requested minimum modification time lies too far in the past.", "parameter", "updatedMin");
    }

    /** Field reports (OGCS #666, gogcli #97): useDefault true together with overrides. */
    public static GoogleApiException defaultRemindersAndOverrides() {
        return new GoogleApiException(HttpStatus.BAD_REQUEST, "calendar", "cannotUseDefaultRemindersAndSpecifyOverride",
                "Cannot specify both default reminders and overrides at the same time.");
    }

    /** Field report (activepieces #4341): start as date and end as dateTime or the reverse. */
    public static GoogleApiException mixedDateKinds() {
        return GoogleApiException.invalid("Start and end times must either both be date or both be dateTime.");
    }

    /** Field reports (gogcli #347): a recurrence line Google cannot parse. */
    public static GoogleApiException invalidRecurrence() {
        return GoogleApiException.invalid("Invalid recurrence rule.");
    }

    /** An event whose end is before its start, or an all-day event ending on its start day. */
    public static GoogleApiException emptyTimeRange(String field) {
        return new GoogleApiException(HttpStatus.BAD_REQUEST, "calendar", "timeRangeEmpty",
                "The specified time range is empty.", "parameter", field);
    }

    /**
     * §4: a sync token that expired, was invalidated or garbled. Body as Google's live answer carries it
     * (compass-calendar #1239): domain calendar, location parameter/syncToken.
     */
    public static GoogleApiException fullSyncRequired() {
        return new GoogleApiException(HttpStatus.GONE, "calendar", "fullSyncRequired",
                "Sync token is no longer valid, a full sync is required.", "parameter", "syncToken");
    }

    /**
     * §4: syncToken together with a filter it excludes, or with showDeleted=false. GOOGLE.md calls the
     * error undocumented; a field report (qiita.com/shiraily, 2021) quotes Google's message and reason
     * for both cases. ⚠️ The domain is not quoted; calendar, as Google's other Calendar-specific reasons.
     */
    public static GoogleApiException syncTokenWithRequestRestrictions() {
        return new GoogleApiException(HttpStatus.BAD_REQUEST, "calendar", "syncTokenWithRequestRestrictions",
                "Sync token cannot be used with other request restrictions.");
    }
}
