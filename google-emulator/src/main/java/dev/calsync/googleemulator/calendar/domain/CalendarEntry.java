package dev.calsync.googleemulator.calendar.domain;

import java.time.Instant;

/**
 * A calendar as the emulator keeps it. The emulator has no sharing (ACLs): the owner is the only
 * account that can reach it, with accessRole owner.
 *
 * @param createdByClientId the OAuth client that created it; null for an account's primary calendar
 * @param deleted           deleted calendars stay for calendarList's showDeleted and for inspection
 */
public record CalendarEntry(
        String id,
        String ownerSubject,
        String ownerEmail,
        String createdByClientId,
        boolean primary,
        String summary,
        String description,
        String location,
        String timeZone,
        String etag,
        Instant updated,
        boolean deleted) {

    public CalendarEntry withDetails(String newSummary, String newDescription, String newLocation, String newTimeZone,
                                     String newEtag, Instant at) {
        return new CalendarEntry(id, ownerSubject, ownerEmail, createdByClientId, primary, newSummary, newDescription,
                newLocation, newTimeZone, newEtag, at, deleted);
    }

    public CalendarEntry markDeleted(String newEtag, Instant at) {
        return new CalendarEntry(id, ownerSubject, ownerEmail, createdByClientId, primary, summary, description, location,
                timeZone, newEtag, at, true);
    }
}
