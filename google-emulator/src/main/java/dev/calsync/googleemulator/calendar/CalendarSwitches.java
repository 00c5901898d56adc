package dev.calsync.googleemulator.calendar;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Calendar API behaviours GOOGLE.md marks unverified (⚠️): each defaults to the recommended
 * emulation [E] and can be switched to the alternative [S]. Bound from {@code emulator.calendar.*}
 * (the tombstone switch lives in {@code emulator.switches.tombstone-update}).
 *
 * @param defaultICalUid        §2: an event without iCalUID gets {@code {id}@google.com} (false: no iCalUID)
 * @param sequenceAutoBump      §3: time, location and recurrence changes raise {@code sequence}
 * @param enforceReminderLimits §6: at most 5 override reminders of 0..40320 minutes (false: accept any)
 * @param enforceExtendedPropertyLimits §6: key ≤ 44, value ≤ 1024, ≤ 300 properties, ≤ 32 kB (false: accept any)
 * @param updatedMinHorizon     §4: an older {@code updatedMin} gives 410 updatedMinTooLongAgo
 * @param syncTokenLifetime     §4: how long an events.list {@code nextSyncToken} stays usable, on the
 *                              emulator's clock; an older one gives 410 fullSyncRequired. Google states
 *                              no lifetime (tokens "expire"), so the emulator picks a week
 * @param foreignCalendarForAppCreated §7: what a calendar.app.created caller gets for a calendar its
 *                              client did not create
 * @param cancelledBodies       §2/§4: what a read shows of a cancelled event or instance. Google guarantees only
 *                              its id (and, for an instance, recurringEventId and originalStartTime), so STRIPPED
 *                              (default) shows no more; FULL keeps every field, as the emulator once did
 * @param rejectRgbWithoutColorRgbFormat §7: calendarList update/patch with backgroundColor/foregroundColor other than
 *                              the entry's but without {@code colorRgbFormat=true}: ignored (default, as a field report
 *                              shows) or 400 invalid
 */
@ConfigurationProperties("emulator.calendar")
public record CalendarSwitches(
        @DefaultValue("true") boolean defaultICalUid,
        @DefaultValue("true") boolean sequenceAutoBump,
        @DefaultValue("true") boolean enforceReminderLimits,
        @DefaultValue("true") boolean enforceExtendedPropertyLimits,
        @DefaultValue("30d") Duration updatedMinHorizon,
        @DefaultValue("7d") Duration syncTokenLifetime,
        @DefaultValue("NOT_FOUND_404") ForeignCalendar foreignCalendarForAppCreated,
        @DefaultValue("false") boolean rejectRgbWithoutColorRgbFormat,
        @DefaultValue("STRIPPED") CancelledBodies cancelledBodies) {

    public enum CancelledBodies {
        /** {@code kind}, {@code etag}, {@code id}, {@code status}; an instance adds recurringEventId and originalStartTime */
        STRIPPED,
        /** every field the event had before it was cancelled */
        FULL
    }

    public enum ForeignCalendar {
        /** 404 notFound, and calendarList shows only the app's calendars */
        NOT_FOUND_404,
        /** 403 forbidden, and calendarList shows every calendar of the account */
        FORBIDDEN_403
    }
}
