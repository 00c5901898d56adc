package dev.calsync.googleemulator.calendar.domain;

import dev.calsync.googleemulator.state.Resettable;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Every calendar and event in memory. One lock for all of it: the emulator serves tests, not
 * traffic, and a single lock makes "check the id, then insert" as atomic as Google's answer implies.
 * Events keep their insertion order, which is the order listings page through.
 */
@Component
public class CalendarStore implements Resettable {

    /** What changed last in a calendar: the list response's etag and updated. */
    public record LastChange(String etag, Instant updated) {
    }

    private static final class CalendarState {
        private CalendarEntry entry;
        private CalendarListSettings listSettings;
        private final Map<String, StoredEvent> events = new LinkedHashMap<>();
        private LastChange lastChange;
        /** The etag of the entry's latest change that calendarList's incremental sync reports. */
        private String listChange;

        private CalendarState(CalendarEntry entry) {
            this.entry = entry;
            this.listSettings = CalendarListSettings.defaultsFor(entry.primary(), entry.etag());
            this.lastChange = new LastChange(entry.etag(), entry.updated());
            this.listChange = entry.etag();
        }
    }

    private final Clock clock;
    private final Map<String, CalendarState> calendars = new LinkedHashMap<>();
    private long lastEtag;

    public CalendarStore(Clock clock) {
        this.clock = clock;
    }

    public synchronized <T> T atomically(Supplier<T> work) {
        return work.get();
    }

    /**
     * A new etag: a quoted digit string, as Google's (microseconds of the emulator clock), strictly
     * increasing so that two changes within one microsecond still differ.
     */
    public synchronized String nextEtag() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        lastEtag = Math.max(lastEtag + 1, micros);
        return "\"" + lastEtag + "\"";
    }

    /** An etag's place in the change sequence ({@code "123"} is 123); one the store did not mint counts as new. */
    static long changeOf(String etag) {
        try {
            return Long.parseLong(etag.replace("\"", ""));
        } catch (RuntimeException unknown) {
            return Long.MAX_VALUE;
        }
    }

    public synchronized Optional<CalendarEntry> calendar(String id) {
        return Optional.ofNullable(calendars.get(id)).map(state -> state.entry);
    }

    /** The account's own calendar, whose id is its email; Google has it from the start, we create it on first use. */
    public synchronized CalendarEntry primaryCalendar(String subject, String email) {
        CalendarState state = calendars.get(email);
        if (state == null) {
            CalendarEntry primary = new CalendarEntry(email, subject, email, null, true, email, null, null, "UTC",
                    nextEtag(), clock.instant(), false);
            state = new CalendarState(primary);
            calendars.put(email, state);
        }
        return state.entry;
    }

    /** All calendars of an account, deleted ones included, in creation order. */
    public synchronized List<CalendarEntry> calendarsOf(String subject) {
        List<CalendarEntry> owned = new ArrayList<>();
        calendars.values().stream().filter(state -> state.entry.ownerSubject().equals(subject))
                .forEach(state -> owned.add(state.entry));
        return owned;
    }

    public synchronized void saveCalendar(CalendarEntry entry) {
        CalendarState state = calendars.get(entry.id());
        if (state == null) {
            calendars.put(entry.id(), new CalendarState(entry));
        } else {
            if (entry.deleted() && !state.entry.deleted()) {
                state.listChange = entry.etag();
            }
            state.entry = entry;
            state.lastChange = new LastChange(entry.etag(), entry.updated());
        }
    }

    /**
     * When the calendar's calendarList entry last changed as calendarList's incremental sync sees it: its
     * creation, a change of its settings, its deletion. Calendar properties (calendars.update/patch) do not
     * count: "If only read-only fields such as calendar properties or ACLs have changed, the entry won't be
     * returned" (CalendarList: list, syncToken).
     */
    public synchronized String listChange(String calendarId) {
        return state(calendarId).listChange;
    }

    /** The calendar's calendarList entry settings (colour, visibility, default reminders). */
    public synchronized CalendarListSettings listSettings(String calendarId) {
        return state(calendarId).listSettings;
    }

    /** Unlike {@link #saveCalendar}, leaves the calendar's etag and last change (events.list's) alone. */
    public synchronized void saveListSettings(String calendarId, CalendarListSettings settings) {
        CalendarState state = state(calendarId);
        state.listSettings = settings;
        state.listChange = settings.etag();
    }

    private CalendarState state(String calendarId) {
        CalendarState state = calendars.get(calendarId);
        if (state == null) {
            throw new IllegalStateException("no calendar " + calendarId);
        }
        return state;
    }

    public synchronized Optional<StoredEvent> event(String calendarId, String eventId) {
        CalendarState state = calendars.get(calendarId);
        return state == null ? Optional.empty() : Optional.ofNullable(state.events.get(eventId));
    }

    public synchronized List<StoredEvent> events(String calendarId) {
        CalendarState state = calendars.get(calendarId);
        return state == null ? List.of() : List.copyOf(state.events.values());
    }

    public synchronized void saveEvent(String calendarId, StoredEvent event) {
        CalendarState state = calendars.get(calendarId);
        if (state == null) {
            throw new IllegalStateException("no calendar " + calendarId);
        }
        state.events.put(event.id(), event);
        state.lastChange = new LastChange(event.etag(), event.updated());
    }

    public synchronized LastChange lastChange(String calendarId) {
        return calendars.get(calendarId).lastChange;
    }

    @Override
    public synchronized void reset() {
        calendars.clear();
    }
}
