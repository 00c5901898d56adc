package dev.calsync.calendarwriter.plan;

import com.google.api.client.util.Data;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import dev.calsync.calendarwriter.google.EventIds;
import dev.calsync.calendarwriter.google.EventMapping;
import dev.calsync.calendarwriter.map.CalendarMap;
import dev.calsync.calendarwriter.map.EventMap;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.EventStatus;
import dev.calsync.contracts.event.EventTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, for one change and what the maps know about it, which steps write it into Google, and what to do
 * with each answer. No I/O: the executor runs the steps and reports the answers, so every decision is a plain
 * unit test ({@code ChangePlanTest}).
 *
 * <p>The decisions: an older or equal version is skipped; an unchanged hash (cancelled content included)
 * is skipped; a top-level event is updated when written before, else inserted under its derived id, and an
 * insert that finds the id taken is updated; an id Google will not revive (410, or 403 on a patch) moves to
 * the next generation; an override is written to the series' instance, a cancelled one cancels it, one that
 * left the feed gives the instance back to the series; a write answered as if the calendar were gone checks
 * the calendar and, if it is, recreates it once and starts over with an empty map.
 */
public final class ChangePlan {

    /**
     * Ids one change of a top-level event may burn before it is refused: a guard against a Google that burns every
     * id, not a limit on how often an event may leave the feed and come back (each return takes a new id).
     */
    static final int MAX_IDS_BURNED_PER_CHANGE = 5;

    /**
     * What the maps hold for a change.
     *
     * @param entry the event's own row (the override's for an override)
     * @param series the series' row, for an override only
     */
    public record Known(Optional<CalendarMap.Entry> calendar, Optional<EventMap.Entry> entry, Optional<EventMap.Entry> series) {
    }

    private final EventChanged change;
    private final ZoneId floatingZone;
    private final String recurrenceKey;
    private final boolean delete;
    private Known known;
    private boolean recreated;
    /** The generation this change's first write of a top-level event used. */
    private int firstGeneration;

    public ChangePlan(EventChanged change, Known known, ZoneId floatingZone) {
        this.change = change;
        this.known = known;
        this.floatingZone = floatingZone;
        this.recurrenceKey = change.recurrenceId() == null ? "" : change.recurrenceId().canonical();
        this.delete = change.changeType() == ChangeType.DELETE
                || change.event() != null && change.event().status() == EventStatus.CANCELLED;
    }

    /** The map key of an override ('' for a single event or a series). */
    public String recurrenceKey() {
        return recurrenceKey;
    }

    public Step first() {
        Optional<CalendarMap.Entry> calendar = known.calendar();
        if (change.changeType() == ChangeType.FEED_REMOVED) {
            boolean alreadyRemoved = calendar.filter(row -> row.state() == CalendarMap.State.REMOVED)
                    .filter(row -> row.removedAtVersion() != null && row.removedAtVersion() >= change.version()).isPresent();
            return alreadyRemoved ? finish(Result.UNCHANGED, null) : new Step.RemoveFeed();
        }
        boolean feedRemoved = calendar.filter(row -> row.state() == CalendarMap.State.REMOVED)
                .filter(row -> row.removedAtVersion() == null || change.version() <= row.removedAtVersion()).isPresent();
        if (feedRemoved) {
            return finish(Result.FEED_REMOVED, null);
        }
        Optional<EventMap.Entry> entry = known.entry();
        if (entry.isPresent() && change.version() <= entry.get().version()) {
            return finish(Result.UNCHANGED, null);
        }
        if (entry.isEmpty() && change.changeType() == ChangeType.DELETE && change.resync()) {
            // a resync re-sends every event that ever left the feed (a parked subscriber's deletes come back that way):
            // one this writer never wrote, or forgot with a recreated calendar, is not in Google to delete
            return finish(Result.UNCHANGED, null);
        }
        if (entry.isPresent() && change.changeType() == ChangeType.DELETE && entry.get().deleted()) {
            return finish(Result.UNCHANGED, entry.get().withVersion(change.version()));
        }
        if (entry.isPresent() && change.changeType() == ChangeType.UPSERT && change.contentHash().equals(entry.get().contentHash())) {
            // written with this content before, cancelled content included: a resync or replay costs nothing
            return finish(Result.UNCHANGED, entry.get().withVersion(change.version()));
        }
        if (calendar.isEmpty() || calendar.get().state() != CalendarMap.State.ACTIVE) {
            return new Step.EnsureCalendar();
        }
        return eventStep();
    }

    public Step next(Step done, Answer answer) {
        if (answer.kind() == Answer.Kind.INVALID) {
            return new Step.Refuse("Google rejected the event: " + (answer.reason() == null ? "invalid" : answer.reason()));
        }
        Answer.Kind kind = answer.kind();
        if (done instanceof Step.RemoveFeed) {
            return finish(Result.DELETED, null);
        }
        if (done instanceof Step.EnsureCalendar) {
            return eventStep();
        }
        if (done instanceof Step.RecreateCalendarIfGone) {
            return afterCalendarCheck(answer);
        }
        if (done instanceof Step.Insert insert) {
            return switch (kind) {
                case OK -> finish(Result.ADDED, topLevel(insert.eventId(), insert.generation()));
                case CONFLICT -> new Step.Update(insert.eventId(), insert.generation(), true);
                case NOT_FOUND, FORBIDDEN -> calendarMayBeGone(done, answer);
                default -> unexpected(done, answer);
            };
        }
        if (done instanceof Step.Update update) {
            return switch (kind) {
                case OK -> finish(Result.CHANGED, topLevel(update.eventId(), update.generation()),
                        !update.afterConflict() && seriesTimingChanged());
                // the id is a tombstone Google will not revive: the next generation's id
                case GONE, FORBIDDEN -> nextGeneration(update.generation());
                case NOT_FOUND -> update.afterConflict() ? calendarMayBeGone(done, answer)
                        : new Step.Insert(update.eventId(), update.generation());
                default -> unexpected(done, answer);
            };
        }
        if (done instanceof Step.Delete deleted) {
            return switch (kind) {
                case OK, NOT_FOUND, GONE -> finish(Result.DELETED, new EventMap.Entry(change.subscriberId(), change.feedId(),
                        change.uid(), "", deleted.eventId(), deleted.generation(), change.version(), cancelledHash(), null,
                        true, null));
                case FORBIDDEN -> calendarMayBeGone(done, answer);
                default -> unexpected(done, answer);
            };
        }
        if (done instanceof Step.WriteInstance write) {
            return switch (kind) {
                case OK -> finish(write.existed() ? Result.CHANGED : Result.ADDED, override(write.instanceId()));
                case NOT_FOUND, FORBIDDEN -> calendarMayBeGone(done, answer);
                default -> unexpected(done, answer);
            };
        }
        if (done instanceof Step.CancelInstance cancel) {
            return switch (kind) {
                case OK, NOT_FOUND, GONE -> finish(cancel.leftFeed() ? Result.CHANGED : Result.DELETED, override(cancel.instanceId()));
                case FORBIDDEN -> calendarMayBeGone(done, answer);
                default -> unexpected(done, answer);
            };
        }
        if (done instanceof Step.ReadSeries read) {
            return switch (kind) {
                case OK -> restore(read, answer.event());
                case NOT_FOUND, FORBIDDEN -> calendarMayBeGone(done, answer);
                default -> unexpected(done, answer);
            };
        }
        if (done instanceof Step.RestoreInstance restore) {
            return switch (kind) {
                case OK -> finish(Result.CHANGED, override(restore.instanceId()));
                case NOT_FOUND, FORBIDDEN -> calendarMayBeGone(done, answer);
                default -> unexpected(done, answer);
            };
        }
        throw new IllegalStateException("the plan was already over: " + done);
    }

    private Step eventStep() {
        Optional<EventMap.Entry> entry = known.entry();
        if (change.recurrenceId() == null) {
            int generation = entry.map(EventMap.Entry::generation).orElse(0);
            if (entry.isPresent() && entry.get().deleted() && !delete) {
                // deleted before: Google keeps the id as a tombstone it need not revive, so the event comes back
                // under the next generation's id with one insert
                generation++;
            }
            firstGeneration = generation;
            String id = EventIds.eventId(change.subscriberId(), change.feedId(), change.uid(), generation);
            if (delete) {
                return new Step.Delete(id, generation);
            }
            // written before: update straight away (an insert would only answer 409)
            return entry.isPresent() && !entry.get().deleted() ? new Step.Update(id, generation, false) : new Step.Insert(id, generation);
        }
        Optional<EventMap.Entry> series = known.series().filter(row -> !row.deleted());
        if (series.isEmpty()) {
            return new Step.WaitForSeries();
        }
        String instanceId = EventIds.instanceId(series.get().googleId(), change.recurrenceId(), floatingZone);
        if (change.changeType() == ChangeType.DELETE) {
            return new Step.ReadSeries(series.get().googleId(), instanceId);
        }
        if (delete) {
            return new Step.CancelInstance(instanceId, false);
        }
        return new Step.WriteInstance(instanceId, entry.isPresent() && !entry.get().deleted());
    }

    private Step nextGeneration(int burned) {
        int generation = burned + 1;
        if (generation - firstGeneration >= MAX_IDS_BURNED_PER_CHANGE) {
            return new Step.Refuse("no usable Google id after " + MAX_IDS_BURNED_PER_CHANGE + " tries");
        }
        return new Step.Insert(EventIds.eventId(change.subscriberId(), change.feedId(), change.uid(), generation), generation);
    }

    /** A write answered 404 or 403: the calendar may have been deleted in Google; checked once per change. */
    private Step calendarMayBeGone(Step done, Answer answer) {
        return recreated ? unexpected(done, answer) : new Step.RecreateCalendarIfGone();
    }

    private Step afterCalendarCheck(Answer answer) {
        if (answer.kind() != Answer.Kind.CALENDAR_RECREATED) {
            return new Step.Refuse("Google answered the write with " + (answer.status() == 0 ? "an error" : answer.status())
                    + " although the feed's calendar exists");
        }
        // a new calendar: its map was cleared, so the change starts over as if nothing had been written
        recreated = true;
        known = new Known(known.calendar(), Optional.empty(), Optional.empty());
        return eventStep();
    }

    private Step unexpected(Step done, Answer answer) {
        return new Step.Refuse("Google answered " + (answer.status() == 0 ? answer.kind() : answer.status())
                + (answer.reason() == null ? "" : " (" + answer.reason() + ")") + " to " + done.getClass().getSimpleName());
    }

    /** The override's instance no longer in the feed: the series' slot and content again, or gone if the slot moved. */
    private Step restore(Step.ReadSeries read, Event master) {
        if ("cancelled".equals(master.getStatus())) {
            // the series was deleted in Google (a cancelled event may show nothing but its id): no slot to give back
            return finish(Result.UNCHANGED, override(read.instanceId()));
        }
        if (master.getStart() != null && master.getStart().getDateTime() != null && !slotOf(master, change.recurrenceId())) {
            // the series no longer has this slot (its time moved): the old occurrence must not stay
            return new Step.CancelInstance(read.instanceId(), true);
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
        return new Step.RestoreInstance(read.instanceId(), restored);
    }

    private Step.Finish finish(Result result, EventMap.Entry entry) {
        return finish(result, entry, false);
    }

    private static Step.Finish finish(Result result, EventMap.Entry entry, boolean rewriteOverrides) {
        return new Step.Finish(result, Optional.ofNullable(entry), rewriteOverrides);
    }

    private boolean seriesTimingChanged() {
        return known.entry().isPresent() && !EventMapping.seriesTiming(change.event()).equals(known.entry().get().seriesTiming());
    }

    /** The hash a delete leaves: a cancelled event's, so that the same cancelled content is skipped next time. */
    private String cancelledHash() {
        return change.changeType() == ChangeType.UPSERT ? change.contentHash() : null;
    }

    private EventMap.Entry topLevel(String eventId, int generation) {
        return new EventMap.Entry(change.subscriberId(), change.feedId(), change.uid(), "", eventId, generation,
                change.version(), change.contentHash(), EventMapping.seriesTiming(change.event()), false, null);
    }

    private EventMap.Entry override(String instanceId) {
        boolean leftFeed = change.changeType() == ChangeType.DELETE;
        return new EventMap.Entry(change.subscriberId(), change.feedId(), change.uid(), recurrenceKey, instanceId, 0,
                change.version(), leftFeed ? null : change.contentHash(), null, leftFeed,
                delete ? null : new String(ContractJson.encode(change), StandardCharsets.UTF_8));
    }

    /**
     * A series' time or recurrence changed: its overrides are written again (their unchanged hashes would skip
     * them), and an override whose slot the series no longer has is cancelled. Pure: one rewrite per override.
     */
    public static List<OverrideRewrite> rewriteOverrides(EventChanged series, String seriesId, List<EventMap.Entry> overrides,
                                                         ZoneId floatingZone) {
        List<OverrideRewrite> rewrites = new ArrayList<>();
        for (EventMap.Entry override : overrides) {
            if (override.overrideChange() == null) {
                continue;
            }
            EventChanged written = ContractJson.decode(override.overrideChange().getBytes(StandardCharsets.UTF_8), EventChanged.class);
            if (!inPattern(written.recurrenceId(), series.event().start())) {
                rewrites.add(new OverrideRewrite(override.googleId(), null, new EventMap.Entry(override.subscriberId(),
                        override.feedId(), override.uid(), override.recurrenceId(), override.googleId(), 0, override.version(),
                        null, null, true, null)));
            } else {
                String instanceId = EventIds.instanceId(seriesId, written.recurrenceId(), floatingZone);
                rewrites.add(new OverrideRewrite(instanceId, EventMapping.toGoogle(written, true, true, floatingZone), null));
            }
        }
        return rewrites;
    }

    /**
     * One override after its series' timing changed: patch {@code instanceId} with {@code patch}, or (patch null)
     * cancel it and save {@code cancelled}.
     */
    public record OverrideRewrite(String instanceId, Event patch, EventMap.Entry cancelled) {
    }

    /** Whether an original start is a slot of a series starting at {@code seriesStart} (same wall-clock time of day). */
    static boolean inPattern(EventTime recurrenceId, EventTime seriesStart) {
        if (recurrenceId instanceof EventTime.AllDay || seriesStart instanceof EventTime.AllDay) {
            return true;
        }
        return localTime(recurrenceId).equals(localTime(seriesStart));
    }

    private static LocalTime localTime(EventTime time) {
        if (time instanceof EventTime.Zoned zoned) {
            return zoned.localDateTime().toLocalTime();
        }
        if (time instanceof EventTime.Floating floating) {
            return floating.localDateTime().toLocalTime();
        }
        return ((EventTime.UtcDateTime) time).instant().atZone(ZoneOffset.UTC).toLocalTime();
    }

    private boolean slotOf(Event master, EventTime recurrenceId) {
        String zone = master.getStart().getTimeZone() != null ? master.getStart().getTimeZone() : floatingZone.getId();
        LocalTime seriesTime = Instant.ofEpochMilli(master.getStart().getDateTime().getValue()).atZone(ZoneId.of(zone)).toLocalTime();
        LocalTime slotTime = Instant.ofEpochMilli(EventMapping.time(recurrenceId, floatingZone).getDateTime().getValue())
                .atZone(ZoneId.of(zone)).toLocalTime();
        return seriesTime.equals(slotTime);
    }

    private static String orNull(String value) {
        return value == null ? Data.NULL_STRING : value;
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
                    LocalDate.parse(originalStart.getDate().toStringRfc3339()).plusDays(days).toString()));
        }
        long duration = seriesEnd.getDateTime().getValue() - seriesStart.getDateTime().getValue();
        DateTime start = originalStart.getDateTime();
        return new EventDateTime().setDateTime(new DateTime(start.getValue() + duration, start.getTimeZoneShift()));
    }
}
