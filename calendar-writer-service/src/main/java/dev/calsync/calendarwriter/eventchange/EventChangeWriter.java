package dev.calsync.calendarwriter.eventchange;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import dev.calsync.calendarwriter.calendar.CalendarMap;
import dev.calsync.calendarwriter.calendar.FeedCalendars;
import dev.calsync.calendarwriter.config.WriterProperties;
import dev.calsync.calendarwriter.google.GoogleCalendarClient;
import dev.calsync.calendarwriter.google.GrantRevokedException;
import dev.calsync.calendarwriter.google.InvalidEventException;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventTime;
import java.time.Instant;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.EventStatus;
import dev.calsync.contracts.status.SyncCounts;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.support.messaging.EventPublisher;
import dev.calsync.support.messaging.InboundHandler;
import dev.calsync.support.messaging.ReceivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Writes one {@link EventChanged} into the feed's Google calendar, idempotently: an older or equal
 * version is skipped, an unchanged hash costs no call, a top-level event is inserted under its derived id
 * and updated on {@code 409}, an override is written to the series' instance id. Safe to replay.
 */
public class EventChangeWriter implements InboundHandler<EventChanged> {

    public static final String OUTCOME_METRIC = "calsync.writer.changes";
    /** Changes handed to the binder for calsync.event-changed.v1.dlq (invalid events, series that never came). */
    public static final String DEAD_LETTER_METRIC = "calsync.writer.dead-lettered";
    private static final int MAX_GENERATIONS = 5;
    private static final int MAX_SERIES_ATTEMPTS = 5;

    /** What one change did; UNCHANGED is a skip (older or equal version, same content) that cost no Google call. */
    private enum Result { ADDED, CHANGED, DELETED, UNCHANGED, FEED_REMOVED }

    private final FeedCalendars calendars;
    private final EventMap map;
    private final GoogleCalendarClient google;
    private final EventPublisher publisher;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ZoneId floatingZone;

    public EventChangeWriter(FeedCalendars calendars, EventMap map, GoogleCalendarClient google, EventPublisher publisher,
                             MeterRegistry meters, Clock clock, WriterProperties properties) {
        this.calendars = calendars;
        this.map = map;
        this.google = google;
        this.publisher = publisher;
        this.meters = meters;
        this.clock = clock;
        this.floatingZone = ZoneId.of(properties.floatingTimeZone());
    }

    @Override
    public void handle(ReceivedEvent<EventChanged> received) {
        EventChanged change = received.payload();
        int seriesAttempts = 0;
        long backoff = 500;
        while (true) {
            try {
                handleOnce(change);
                return;
            } catch (SeriesNotWrittenException missing) {
                if (++seriesAttempts >= MAX_SERIES_ATTEMPTS) {
                    status(change, SyncOutcome.PARTIAL, new SyncCounts(0, 0, 0, 0, 1),
                            "an exception to a recurring event arrived without its series");
                    meters.counter(DEAD_LETTER_METRIC, "reason", "series_missing").increment();
                    throw missing;
                }
            } catch (RuntimeException e) {
                Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
                if (!GoogleCalendarClient.isTransient(cause)) {
                    throw e;
                }
                meters.counter(OUTCOME_METRIC, "outcome", "transient_retry").increment();
            }
            sleep(backoff + java.util.concurrent.ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
            backoff = Math.min(backoff * 2, 60_000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a change", e);
        }
    }

    private void handleOnce(EventChanged change) {
        try {
            Result result = write(change);
            meters.counter(OUTCOME_METRIC, "outcome", result.name().toLowerCase()).increment();
            // a skip is reported too: the feed's status must show its changes arrived, even when none needed
            // writing (a resync, a replay); a change of a removed feed reports nothing, the feed is gone
            if (result != Result.FEED_REMOVED) {
                status(change, SyncOutcome.SUCCESS, counts(result), null);
            }
        } catch (GrantRevokedException revoked) {
            meters.counter(OUTCOME_METRIC, "outcome", "grant_revoked").increment();
            status(change, SyncOutcome.FAILED, new SyncCounts(0, 0, 0, 0, 1),
                    "Google Calendar access was revoked: reconnect needed");
        } catch (InvalidEventException invalid) {
            meters.counter(OUTCOME_METRIC, "outcome", "invalid").increment();
            status(change, SyncOutcome.PARTIAL, new SyncCounts(0, 0, 0, 0, 1), "Google rejected an event as invalid");
            meters.counter(DEAD_LETTER_METRIC, "reason", "invalid_event").increment();
            throw invalid;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result write(EventChanged change) throws IOException {
        if (change.changeType() == ChangeType.FEED_REMOVED) {
            calendars.remove(change);
            return Result.DELETED;
        }
        // read once for removed() and calendarFor(): only FeedCalendars writes this row, and nothing in between does
        Optional<CalendarMap.Entry> calendar = calendars.find(change);
        if (calendars.removed(change, calendar)) {
            return Result.FEED_REMOVED;
        }
        String recurrenceKey = change.recurrenceId() == null ? "" : change.recurrenceId().canonical();
        Optional<EventMap.Entry> entry = map.find(change.subscriberId(), change.feedId(), change.uid(), recurrenceKey);
        if (entry.isPresent() && change.version() <= entry.get().version()) {
            return Result.UNCHANGED;
        }
        boolean delete = change.changeType() == ChangeType.DELETE
                || change.event().status() == EventStatus.CANCELLED;
        if (delete && entry.isPresent() && entry.get().deleted() && change.changeType() == ChangeType.DELETE) {
            map.save(withVersion(entry.get(), change.version()));
            return Result.UNCHANGED;
        }
        if (!delete && entry.isPresent() && !entry.get().deleted() && change.contentHash().equals(entry.get().contentHash())) {
            map.save(withVersion(entry.get(), change.version()));
            return Result.UNCHANGED;
        }
        String calendarId = calendars.calendarFor(change, calendar);
        try {
            return change.recurrenceId() == null
                    ? writeTopLevel(change, calendarId, entry, delete)
                    : writeOverride(change, calendarId, entry, delete, recurrenceKey);
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 404 || (e.getStatusCode() == 403 && !GoogleCalendarClient.isTransient(e))) {
                String current = calendars.recreateIfGone(change, calendarId);
                if (!current.equals(calendarId)) {
                    // a new calendar: recreateIfGone cleared the feed's event map, so the change has no entry now
                    return change.recurrenceId() == null
                            ? writeTopLevel(change, current, Optional.empty(), delete)
                            : writeOverride(change, current, Optional.empty(), delete, recurrenceKey);
                }
            }
            throw permanentOrRethrow(e);
        }
    }

    private Result writeTopLevel(EventChanged change, String calendarId, Optional<EventMap.Entry> entry, boolean delete)
            throws IOException {
        int generation = entry.map(EventMap.Entry::generation).orElse(0);
        String id = EventIds.eventId(change.subscriberId(), change.feedId(), change.uid(), generation);
        if (delete) {
            deleteEvent(change, calendarId, id);
            map.save(new EventMap.Entry(change.subscriberId(), change.feedId(), change.uid(), "", id, generation,
                    change.version(), null, null, true, null));
            return Result.DELETED;
        }
        String seriesTiming = EventMapping.seriesTiming(change.event());
        for (int attempt = 0; attempt < MAX_GENERATIONS; attempt++) {
            String eventId = EventIds.eventId(change.subscriberId(), change.feedId(), change.uid(), generation);
            Event insert = EventMapping.toGoogle(change, false, false, floatingZone).setId(eventId);
            Result result;
            if (attempt == 0 && entry.isPresent() && !entry.get().deleted() && entry.get().generation() == generation) {
                // written before: update straight away (an insert would only answer 409)
                try {
                    Event patch = EventMapping.toGoogle(change, true, false, floatingZone);
                    google.execute(change.subscriberId(), change.grantId(), "events.patch",
                            c -> c.events().patch(calendarId, eventId, patch).setSendUpdates("none"));
                    map.save(topLevelEntry(change, eventId, generation, seriesTiming));
                    if (!seriesTiming.equals(entry.get().seriesTiming())) {
                        rewriteOverrides(change, calendarId, eventId);
                    }
                    return Result.CHANGED;
                } catch (GoogleJsonResponseException e) {
                    if (e.getStatusCode() == 410 || e.getStatusCode() == 403 && !GoogleCalendarClient.isTransient(e)) {
                        generation++;
                        continue;
                    }
                    if (e.getStatusCode() != 404) {
                        throw e;
                    }
                }
            }
            try {
                google.execute(change.subscriberId(), change.grantId(), "events.insert",
                        c -> c.events().insert(calendarId, insert).setSendUpdates("none"));
                result = Result.ADDED;
            } catch (GoogleJsonResponseException e) {
                if (e.getStatusCode() != 409) {
                    throw e;
                }
                Event patch = EventMapping.toGoogle(change, true, false, floatingZone);
                try {
                    google.execute(change.subscriberId(), change.grantId(), "events.patch",
                            c -> c.events().patch(calendarId, eventId, patch).setSendUpdates("none"));
                    result = Result.CHANGED;
                } catch (GoogleJsonResponseException burned) {
                    if (burned.getStatusCode() == 403 && !GoogleCalendarClient.isTransient(burned)
                            || burned.getStatusCode() == 410) {
                        generation++; // the id is a tombstone Google will not revive: move to the next generation
                        continue;
                    }
                    throw burned;
                }
            }
            map.save(topLevelEntry(change, eventId, generation, seriesTiming));
            return result;
        }
        throw new InvalidEventException("no usable Google id after " + MAX_GENERATIONS + " generations", null);
    }

    private Result writeOverride(EventChanged change, String calendarId, Optional<EventMap.Entry> entry, boolean delete,
                                 String recurrenceKey) throws IOException {
        EventMap.Entry series = map.find(change.subscriberId(), change.feedId(), change.uid(), "")
                .filter(s -> !s.deleted())
                .orElseThrow(() -> new SeriesNotWrittenException("override of a series not written yet (uid hash "
                        + EventIds.eventId(change.subscriberId(), change.feedId(), change.uid(), 0) + ")"));
        String instanceId = EventIds.instanceId(series.googleId(), change.recurrenceId(), floatingZone);
        Result result;
        if (change.changeType() == ChangeType.DELETE) {
            restoreToPattern(change, calendarId, series.googleId(), instanceId);
            result = Result.CHANGED;
        } else if (delete) {
            deleteEvent(change, calendarId, instanceId);
            result = Result.DELETED;
        } else {
            Event patch = EventMapping.toGoogle(change, true, true, floatingZone);
            google.execute(change.subscriberId(), change.grantId(), "events.patch",
                    c -> c.events().patch(calendarId, instanceId, patch).setSendUpdates("none"));
            result = entry.isPresent() && !entry.get().deleted() ? Result.CHANGED : Result.ADDED;
        }
        map.save(new EventMap.Entry(change.subscriberId(), change.feedId(), change.uid(), recurrenceKey, instanceId,
                0, change.version(), delete ? null : change.contentHash(), null, change.changeType() == ChangeType.DELETE,
                delete ? null : new String(ContractJson.encode(change), java.nio.charset.StandardCharsets.UTF_8)));
        return result;
    }

    /**
     * A series' time or recurrence changed: its overrides are written again (their unchanged hashes would
     * skip them), and an override whose slot the series no longer has is cancelled.
     */
    private void rewriteOverrides(EventChanged series, String calendarId, String seriesId) throws IOException {
        for (EventMap.Entry override : map.overridesOf(series.subscriberId(), series.feedId(), series.uid())) {
            if (override.overrideChange() == null) {
                continue;
            }
            EventChanged written = ContractJson.decode(override.overrideChange().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    EventChanged.class);
            String oldInstance = override.googleId();
            if (!inPattern(written.recurrenceId(), series.event().start())) {
                deleteEvent(series, calendarId, oldInstance);
                map.save(new EventMap.Entry(override.subscriberId(), override.feedId(), override.uid(), override.recurrenceId(),
                        oldInstance, 0, override.version(), null, null, true, null));
                continue;
            }
            String instanceId = EventIds.instanceId(seriesId, written.recurrenceId(), floatingZone);
            Event patch = EventMapping.toGoogle(written, true, true, floatingZone);
            google.execute(series.subscriberId(), series.grantId(), "events.patch",
                    c -> c.events().patch(calendarId, instanceId, patch).setSendUpdates("none"));
        }
    }

    /** Whether an original start is a slot of a series starting at {@code seriesStart} (same wall-clock time of day). */
    static boolean inPattern(EventTime recurrenceId, EventTime seriesStart) {
        if (recurrenceId instanceof EventTime.AllDay || seriesStart instanceof EventTime.AllDay) {
            return true;
        }
        return localTime(recurrenceId).equals(localTime(seriesStart));
    }

    private static java.time.LocalTime localTime(EventTime time) {
        if (time instanceof EventTime.Zoned zoned) {
            return zoned.localDateTime().toLocalTime();
        }
        if (time instanceof EventTime.Floating floating) {
            return floating.localDateTime().toLocalTime();
        }
        return ((EventTime.UtcDateTime) time).instant().atZone(java.time.ZoneOffset.UTC).toLocalTime();
    }

    /** An override gone from the feed: the occurrence takes the series' content and slot again. */
    private void restoreToPattern(EventChanged change, String calendarId, String seriesId, String instanceId) throws IOException {
        Event master = google.execute(change.subscriberId(), change.grantId(), "events.get",
                c -> c.events().get(calendarId, seriesId));
        if (master.getStart() != null && master.getStart().getDateTime() != null && !slotOf(master, change.recurrenceId())) {
            // the series no longer has this slot (its time moved): the old occurrence must not stay
            deleteEvent(change, calendarId, instanceId);
            return;
        }
        EventDateTime originalStart = EventMapping.time(change.recurrenceId(), floatingZone);
        Event restored = new Event()
                .setSummary(orNull(master.getSummary()))
                .setDescription(orNull(master.getDescription()))
                .setLocation(orNull(master.getLocation()))
                .setTransparency(master.getTransparency())
                .setVisibility(master.getVisibility())
                .setStatus("confirmed")
                .setStart(withZone(originalStart, master.getStart()))
                .setEnd(withZone(shift(originalStart, master.getStart(), master.getEnd()), master.getEnd()));
        google.execute(change.subscriberId(), change.grantId(), "events.patch",
                c -> c.events().patch(calendarId, instanceId, restored).setSendUpdates("none"));
    }

    private boolean slotOf(Event master, EventTime recurrenceId) {
        String zone = master.getStart().getTimeZone() != null ? master.getStart().getTimeZone() : floatingZone.getId();
        java.time.LocalTime seriesTime = java.time.Instant.ofEpochMilli(master.getStart().getDateTime().getValue())
                .atZone(ZoneId.of(zone)).toLocalTime();
        java.time.LocalTime slotTime = Instant.ofEpochMilli(EventMapping.time(recurrenceId, floatingZone).getDateTime().getValue())
                .atZone(ZoneId.of(zone)).toLocalTime();
        return seriesTime.equals(slotTime);
    }

    private static String orNull(String value) {
        return value == null ? com.google.api.client.util.Data.NULL_STRING : value;
    }

    private static EventDateTime withZone(EventDateTime time, EventDateTime seriesTime) {
        if (time.getDateTime() != null && seriesTime != null && seriesTime.getTimeZone() != null) {
            time.setTimeZone(seriesTime.getTimeZone());
        }
        return time;
    }

    private static EventDateTime shift(EventDateTime originalStart, EventDateTime seriesStart, EventDateTime seriesEnd) {
        if (originalStart.getDate() != null) {
            long days = (seriesEnd.getDate().getValue() - seriesStart.getDate().getValue()) / 86_400_000L;
            return new EventDateTime().setDate(new DateTime(
                    java.time.LocalDate.parse(originalStart.getDate().toStringRfc3339()).plusDays(days).toString()));
        }
        long duration = seriesEnd.getDateTime().getValue() - seriesStart.getDateTime().getValue();
        DateTime start = originalStart.getDateTime();
        return new EventDateTime().setDateTime(new DateTime(start.getValue() + duration, start.getTimeZoneShift()));
    }

    private void deleteEvent(EventChanged change, String calendarId, String id) throws IOException {
        try {
            google.execute(change.subscriberId(), change.grantId(), "events.delete",
                    c -> c.events().delete(calendarId, id).setSendUpdates("none"));
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() != 404 && e.getStatusCode() != 410) {
                throw e;
            }
        }
    }

    private static RuntimeException permanentOrRethrow(GoogleJsonResponseException e) {
        if (e.getStatusCode() == 400) {
            return new InvalidEventException("Google rejected the event: " + GoogleCalendarClient.reason(e), e);
        }
        return new UncheckedIOException(e);
    }

    /** The map entry of a top-level event written (inserted or patched) under {@code eventId}. */
    private static EventMap.Entry topLevelEntry(EventChanged change, String eventId, int generation, String seriesTiming) {
        return new EventMap.Entry(change.subscriberId(), change.feedId(), change.uid(), "", eventId, generation,
                change.version(), change.contentHash(), seriesTiming, false, null);
    }

    private static EventMap.Entry withVersion(EventMap.Entry entry, long version) {
        return new EventMap.Entry(entry.subscriberId(), entry.feedId(), entry.uid(), entry.recurrenceId(), entry.googleId(),
                entry.generation(), version, entry.contentHash(), entry.seriesTiming(), entry.deleted(), entry.overrideChange());
    }

    private static SyncCounts counts(Result result) {
        return switch (result) {
            case ADDED -> new SyncCounts(1, 0, 0, 0, 0);
            case CHANGED -> new SyncCounts(0, 1, 0, 0, 0);
            case DELETED -> new SyncCounts(0, 0, 1, 0, 0);
            case UNCHANGED -> new SyncCounts(0, 0, 0, 1, 0);
            case FEED_REMOVED -> SyncCounts.ZERO;
        };
    }

    private void status(EventChanged change, SyncOutcome outcome, SyncCounts counts, String lastError) {
        publisher.publish(new SyncStatus(change.subscriberId(), change.feedId(), SyncStage.WRITE, outcome, counts, lastError,
                clock.instant()));
    }
}
