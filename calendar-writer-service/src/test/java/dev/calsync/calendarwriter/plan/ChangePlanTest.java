package dev.calsync.calendarwriter.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import dev.calsync.calendarwriter.google.EventIds;
import dev.calsync.calendarwriter.google.EventMapping;
import dev.calsync.calendarwriter.map.CalendarMap;
import dev.calsync.calendarwriter.map.EventMap;
import dev.calsync.contracts.ContractJson;
import dev.calsync.contracts.ContractSamples;
import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.EventStatus;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every decision of the writer's plan, without Google or a database: what it does, and what it does with each answer. */
class ChangePlanTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String SUBSCRIBER = ContractSamples.SUBSCRIBER_ID;
    private static final String FEED = ContractSamples.FEED_ID;
    private static final String UID = "standup-2026@example.org";
    private static final Optional<CalendarMap.Entry> ACTIVE = Optional.of(new CalendarMap.Entry(SUBSCRIBER, FEED,
            CalendarMap.State.ACTIVE, "cal-1", "marker", null));
    private static final String ID_0 = EventIds.eventId(SUBSCRIBER, FEED, UID, 0);
    private static final String ID_1 = EventIds.eventId(SUBSCRIBER, FEED, UID, 1);

    private static EventChanged upsert(long version, String hash) {
        return ContractSamples.eventChanged().version(version).contentHash(hash).build();
    }

    private static EventChanged delete(long version) {
        return ContractSamples.eventChanged().changeType(ChangeType.DELETE).event(null).contentHash(null).version(version).build();
    }

    private static EventChanged cancelled(long version, String hash) {
        NormalizedEvent event = ContractSamples.weeklyZonedEvent();
        return ContractSamples.eventChanged().version(version).contentHash(hash).event(new NormalizedEvent(event.summary(),
                event.description(), event.location(), event.url(), event.start(), event.end(), event.recurrence(),
                EventStatus.CANCELLED, event.transparency(), event.visibility(), event.sequence(), event.reminders())).build();
    }

    private static EventMap.Entry written(int generation, long version, String hash, String seriesTiming) {
        return new EventMap.Entry(SUBSCRIBER, FEED, UID, "", EventIds.eventId(SUBSCRIBER, FEED, UID, generation), generation,
                version, hash, seriesTiming, false, null);
    }

    private static ChangePlan plan(EventChanged change, Optional<CalendarMap.Entry> calendar, EventMap.Entry entry) {
        return new ChangePlan(change, new ChangePlan.Known(calendar, Optional.ofNullable(entry), Optional.empty()), UTC);
    }

    private static Answer status(Answer.Kind kind, int status) {
        return new Answer(kind, status, null, null);
    }

    @Nested
    class WhatIsSkipped {

        @Test
        void anOlderOrEqualVersionCostsNothingAndSavesNothing() {
            EventMap.Entry entry = written(0, 10, "h1", null);

            assertThat(plan(upsert(10, "h2"), ACTIVE, entry).first())
                    .isEqualTo(new Step.Finish(Result.UNCHANGED, Optional.empty(), false));
            assertThat(plan(upsert(9, "h2"), ACTIVE, entry).first())
                    .isEqualTo(new Step.Finish(Result.UNCHANGED, Optional.empty(), false));
        }

        @Test
        void anUnchangedHashCostsNothingAndKeepsTheNewVersion() {
            EventMap.Entry entry = written(0, 10, "h1", null);

            assertThat(plan(upsert(11, "h1"), ACTIVE, entry).first())
                    .isEqualTo(new Step.Finish(Result.UNCHANGED, Optional.of(entry.withVersion(11)), false));
        }

        @Test
        void aDeleteOfAnEventAlreadyDeletedCostsNothing() {
            EventMap.Entry gone = new EventMap.Entry(SUBSCRIBER, FEED, UID, "", ID_0, 0, 10, null, null, true, null);

            assertThat(plan(delete(11), ACTIVE, gone).first())
                    .isEqualTo(new Step.Finish(Result.UNCHANGED, Optional.of(gone.withVersion(11)), false));
        }

        @Test
        void aResyncedDeleteOfAnEventNeverWrittenCostsNothing() {
            // a resync re-sends what left the feed long ago, an override of a series gone too among them
            EventChanged resyncedDelete = ContractSamples.eventChanged().changeType(ChangeType.DELETE).event(null)
                    .contentHash(null).version(11L).resync(true).build();
            EventChanged resyncedOverrideDelete = ContractSamples.eventChanged().recurrenceId(ContractSamples.UTC)
                    .changeType(ChangeType.DELETE).event(null).contentHash(null).version(12L).resync(true).build();

            assertThat(plan(resyncedDelete, ACTIVE, null).first()).isEqualTo(new Step.Finish(Result.UNCHANGED, Optional.empty(), false));
            assertThat(plan(resyncedOverrideDelete, ACTIVE, null).first())
                    .isEqualTo(new Step.Finish(Result.UNCHANGED, Optional.empty(), false));
            assertThat(plan(delete(11), ACTIVE, null).first()).as("a fetch's delete still looks in Google")
                    .isNotInstanceOf(Step.Finish.class);
        }

        @Test
        void theSameCancelledContentAgainCostsNothing() {
            // a resync after a reconnect re-sends a cancelled event: Google already has it cancelled (it would answer 410)
            Step.Finish first = (Step.Finish) plan(cancelled(10, "hc"), ACTIVE, written(0, 9, "h1", null)).next(
                    new Step.Delete(ID_0, 0), Answer.OK);
            EventMap.Entry afterCancel = first.entry().orElseThrow();

            assertThat(afterCancel.deleted()).isTrue();
            assertThat(plan(cancelled(11, "hc"), ACTIVE, afterCancel).first())
                    .isEqualTo(new Step.Finish(Result.UNCHANGED, Optional.of(afterCancel.withVersion(11)), false));
        }

        @Test
        void aChangeOfAFeedRemovedAtOrAfterItsVersionIsNotWritten() {
            Optional<CalendarMap.Entry> removed = Optional.of(new CalendarMap.Entry(SUBSCRIBER, FEED, CalendarMap.State.REMOVED,
                    null, "marker", 20L));

            assertThat(plan(upsert(20, "h"), removed, null).first())
                    .isEqualTo(new Step.Finish(Result.FEED_REMOVED, Optional.empty(), false));
            assertThat(plan(upsert(21, "h"), removed, null).first()).as("a feed added again after its removal")
                    .isEqualTo(new Step.EnsureCalendar());
        }
    }

    @Nested
    class TopLevelEvents {

        @Test
        void aNewEventGetsItsCalendarFirstThenIsInsertedUnderItsDerivedId() {
            ChangePlan plan = plan(upsert(1, "h1"), Optional.empty(), null);

            assertThat(plan.first()).isEqualTo(new Step.EnsureCalendar());
            Step insert = plan.next(new Step.EnsureCalendar(), Answer.OK);
            assertThat(insert).isEqualTo(new Step.Insert(ID_0, 0));
            Step.Finish done = (Step.Finish) plan.next(insert, Answer.OK);
            assertThat(done.result()).isEqualTo(Result.ADDED);
            assertThat(done.entry()).hasValueSatisfying(entry -> {
                assertThat(entry.googleId()).isEqualTo(ID_0);
                assertThat(entry.contentHash()).isEqualTo("h1");
                assertThat(entry.version()).isEqualTo(1);
                assertThat(entry.seriesTiming()).isEqualTo(EventMapping.seriesTiming(ContractSamples.weeklyZonedEvent()));
            });
        }

        @Test
        void anInsertThatFindsItsIdTakenUpdatesIt() {
            ChangePlan plan = plan(upsert(1, "h1"), ACTIVE, null);

            Step insert = plan.first();
            Step update = plan.next(insert, status(Answer.Kind.CONFLICT, 409));
            assertThat(update).isEqualTo(new Step.Update(ID_0, 0, true));
            assertThat(plan.next(update, Answer.OK)).isEqualTo(new Step.Finish(Result.CHANGED,
                    ((Step.Finish) plan(upsert(1, "h1"), ACTIVE, null).next(insert, Answer.OK)).entry(), false));
        }

        @Test
        void anEventWrittenBeforeIsUpdatedAndItsOverridesRewrittenOnlyWhenTheSeriesTimingChanged() {
            String timing = EventMapping.seriesTiming(ContractSamples.weeklyZonedEvent());
            ChangePlan sameTiming = plan(upsert(2, "h2"), ACTIVE, written(0, 1, "h1", timing));
            ChangePlan newTiming = plan(upsert(2, "h2"), ACTIVE, written(0, 1, "h1", "an older timing"));

            assertThat(sameTiming.first()).isEqualTo(new Step.Update(ID_0, 0, false));
            assertThat(((Step.Finish) sameTiming.next(new Step.Update(ID_0, 0, false), Answer.OK)).rewriteOverrides()).isFalse();
            assertThat(((Step.Finish) newTiming.next(newTiming.first(), Answer.OK)).rewriteOverrides()).isTrue();
        }

        @Test
        void anUpdateOfAnIdGoogleDeletedInsertsItAgain() {
            ChangePlan plan = plan(upsert(2, "h2"), ACTIVE, written(0, 1, "h1", null));

            assertThat(plan.next(plan.first(), status(Answer.Kind.NOT_FOUND, 404))).isEqualTo(new Step.Insert(ID_0, 0));
        }

        @Test
        void anIdGoogleWillNotReviveMovesToTheNextGeneration() {
            ChangePlan gone = plan(upsert(2, "h2"), ACTIVE, written(0, 1, "h1", null));
            ChangePlan forbidden = plan(upsert(2, "h2"), ACTIVE, written(0, 1, "h1", null));
            ChangePlan afterConflict = plan(upsert(2, "h2"), ACTIVE, null);

            assertThat(gone.next(gone.first(), status(Answer.Kind.GONE, 410))).isEqualTo(new Step.Insert(ID_1, 1));
            assertThat(forbidden.next(forbidden.first(), status(Answer.Kind.FORBIDDEN, 403))).isEqualTo(new Step.Insert(ID_1, 1));
            Step update = afterConflict.next(afterConflict.first(), status(Answer.Kind.CONFLICT, 409));
            assertThat(afterConflict.next(update, status(Answer.Kind.GONE, 410))).isEqualTo(new Step.Insert(ID_1, 1));
        }

        @Test
        void anEventDeletedBeforeComesBackUnderTheNextGenerationWithOneInsert() {
            EventMap.Entry deleted = new EventMap.Entry(SUBSCRIBER, FEED, UID, "", ID_0, 0, 2, null, null, true, null);
            ChangePlan plan = plan(upsert(3, "h3"), ACTIVE, deleted);

            assertThat(plan.first()).isEqualTo(new Step.Insert(ID_1, 1));
            assertThat(((Step.Finish) plan.next(plan.first(), Answer.OK)).entry())
                    .hasValueSatisfying(entry -> assertThat(entry.generation()).isEqualTo(1));
        }

        @Test
        void anEventMayComeBackAsOftenAsItLikesButOneChangeBurnsAtMostFiveIds() {
            EventMap.Entry deletedMany = new EventMap.Entry(SUBSCRIBER, FEED, UID, "",
                    EventIds.eventId(SUBSCRIBER, FEED, UID, 9), 9, 2, null, null, true, null);
            assertThat(plan(upsert(3, "h3"), ACTIVE, deletedMany).first())
                    .isEqualTo(new Step.Insert(EventIds.eventId(SUBSCRIBER, FEED, UID, 10), 10));

            ChangePlan plan = plan(upsert(2, "h2"), ACTIVE, written(0, 1, "h1", null));
            Step step = plan.first();
            for (int burned = 0; burned < 4; burned++) {
                step = plan.next(step, status(Answer.Kind.GONE, 410));
                assertThat(step).isEqualTo(new Step.Insert(EventIds.eventId(SUBSCRIBER, FEED, UID, burned + 1), burned + 1));
                step = plan.next(step, status(Answer.Kind.CONFLICT, 409));
            }
            assertThat(plan.next(step, status(Answer.Kind.GONE, 410))).isEqualTo(new Step.Refuse("no usable Google id after 5 tries"));
        }

        @Test
        void aDeleteOrCancelRemovesTheEventAndRemembersTheCancelledContent() {
            ChangePlan removed = plan(delete(3), ACTIVE, written(1, 2, "h1", null));
            ChangePlan cancel = plan(cancelled(3, "hc"), ACTIVE, written(1, 2, "h1", null));

            assertThat(removed.first()).isEqualTo(new Step.Delete(ID_1, 1));
            for (Answer answer : List.of(Answer.OK, status(Answer.Kind.NOT_FOUND, 404), status(Answer.Kind.GONE, 410))) {
                Step.Finish done = (Step.Finish) plan(delete(3), ACTIVE, written(1, 2, "h1", null)).next(new Step.Delete(ID_1, 1), answer);
                assertThat(done.result()).isEqualTo(Result.DELETED);
                assertThat(done.entry()).hasValueSatisfying(entry -> {
                    assertThat(entry.deleted()).isTrue();
                    assertThat(entry.contentHash()).isNull();
                    assertThat(entry.generation()).isEqualTo(1);
                });
            }
            assertThat(((Step.Finish) cancel.next(cancel.first(), Answer.OK)).entry()).hasValueSatisfying(entry ->
                    assertThat(entry.contentHash()).isEqualTo("hc"));
        }

        @Test
        void googleRejectingTheContentRefusesTheChangeWithItsReason() {
            ChangePlan plan = plan(upsert(1, "h1"), ACTIVE, null);

            assertThat(plan.next(plan.first(), new Answer(Answer.Kind.INVALID, 400, "invalid", null)))
                    .isEqualTo(new Step.Refuse("Google rejected the event: invalid"));
        }
    }

    @Nested
    class AGoneCalendar {

        @Test
        void aWriteAnsweredAsIfTheCalendarWereGoneChecksItAndStartsOverOnceRecreated() {
            ChangePlan plan = plan(upsert(2, "h2"), ACTIVE, written(0, 1, "h1", null));

            Step update = plan.first();
            Step insert = plan.next(update, status(Answer.Kind.NOT_FOUND, 404));
            Step check = plan.next(insert, status(Answer.Kind.NOT_FOUND, 404));
            assertThat(check).isEqualTo(new Step.RecreateCalendarIfGone());
            assertThat(plan.next(check, Answer.of(Answer.Kind.CALENDAR_RECREATED))).as("an empty map: inserted as new")
                    .isEqualTo(new Step.Insert(ID_0, 0));
            assertThat(plan.next(new Step.Insert(ID_0, 0), status(Answer.Kind.NOT_FOUND, 404))).as("recreated once only")
                    .isInstanceOf(Step.Refuse.class);
        }

        @Test
        void aCalendarThatIsThereRefusesTheChange() {
            ChangePlan plan = plan(upsert(1, "h1"), ACTIVE, null);

            Step check = plan.next(plan.first(), status(Answer.Kind.FORBIDDEN, 403));
            assertThat(plan.next(check, Answer.of(Answer.Kind.CALENDAR_PRESENT))).isInstanceOf(Step.Refuse.class);
        }
    }

    @Nested
    class Overrides {

        private final EventChanged override = ContractSamples.overrideChanged();
        private final EventMap.Entry series = written(0, 50, "hs", null);
        private final String instanceId = EventIds.instanceId(ID_0, override.recurrenceId(), UTC);

        private ChangePlan plan(EventChanged change, EventMap.Entry entry, EventMap.Entry seriesEntry) {
            return new ChangePlan(change, new ChangePlan.Known(ACTIVE, Optional.ofNullable(entry), Optional.ofNullable(seriesEntry)), UTC);
        }

        @Test
        void anOverrideBeforeItsSeriesWaits() {
            EventMap.Entry deletedSeries = new EventMap.Entry(SUBSCRIBER, FEED, UID, "", ID_0, 0, 50, null, null, true, null);

            assertThat(plan(override, null, null).first()).isEqualTo(new Step.WaitForSeries());
            assertThat(plan(override, null, deletedSeries).first()).isEqualTo(new Step.WaitForSeries());
        }

        @Test
        void anOverrideIsWrittenToItsSeriesInstanceAndRemembersWhatItWrote() {
            ChangePlan plan = plan(override, null, series);

            Step write = plan.first();
            assertThat(write).isEqualTo(new Step.WriteInstance(instanceId, false));
            Step.Finish done = (Step.Finish) plan.next(write, Answer.OK);
            assertThat(done.result()).isEqualTo(Result.ADDED);
            assertThat(done.entry()).hasValueSatisfying(entry -> {
                assertThat(entry.googleId()).isEqualTo(instanceId);
                assertThat(entry.recurrenceId()).isEqualTo(override.recurrenceId().canonical());
                assertThat(ContractJson.decode(entry.overrideChange().getBytes(StandardCharsets.UTF_8), EventChanged.class))
                        .isEqualTo(override);
            });
            EventMap.Entry before = done.entry().orElseThrow();
            EventChanged edited = ContractSamples.eventChanged().recurrenceId(override.recurrenceId()).event(override.event())
                    .contentHash("edited").version(103L).build();
            assertThat(plan(edited, before, series).first()).isEqualTo(new Step.WriteInstance(instanceId, true));
        }

        @Test
        void aCancelledOccurrenceCancelsTheInstanceAndAResyncOfItCostsNothing() {
            EventChanged cancelledOverride = ContractSamples.eventChanged().recurrenceId(override.recurrenceId()).version(103L)
                    .contentHash("hc").event(new NormalizedEvent(null, null, null, null, override.event().start(), null, List.of(),
                            EventStatus.CANCELLED, null, null, 0, null)).build();
            ChangePlan plan = plan(cancelledOverride, null, series);

            Step cancel = plan.first();
            assertThat(cancel).isEqualTo(new Step.CancelInstance(instanceId, false));
            Step.Finish done = (Step.Finish) plan.next(cancel, status(Answer.Kind.GONE, 410));
            assertThat(done.result()).isEqualTo(Result.DELETED);
            EventMap.Entry entry = done.entry().orElseThrow();
            EventChanged resent = ContractSamples.eventChanged().recurrenceId(override.recurrenceId()).version(200L)
                    .contentHash("hc").event(cancelledOverride.event()).resync(true).build();
            assertThat(plan(resent, entry, series).first())
                    .isEqualTo(new Step.Finish(Result.UNCHANGED, Optional.of(entry.withVersion(200L)), false));
        }

        @Test
        void anOverrideGoneFromTheFeedGivesTheInstanceBackToTheSeries() {
            EventChanged gone = ContractSamples.eventChanged().recurrenceId(override.recurrenceId()).changeType(ChangeType.DELETE)
                    .event(null).contentHash(null).version(104L).build();
            ChangePlan plan = plan(gone, null, series);

            Step read = plan.first();
            assertThat(read).isEqualTo(new Step.ReadSeries(ID_0, instanceId));
            Event master = new Event().setSummary("Stand-up")
                    .setStart(new EventDateTime().setDateTime(new DateTime("2026-12-01T09:00:00.000+01:00")).setTimeZone("Europe/Berlin"))
                    .setEnd(new EventDateTime().setDateTime(new DateTime("2026-12-01T09:15:00.000+01:00")).setTimeZone("Europe/Berlin"));
            Step restore = plan.next(read, Answer.read(master));
            assertThat(restore).isInstanceOfSatisfying(Step.RestoreInstance.class, step -> {
                assertThat(step.instanceId()).isEqualTo(instanceId);
                assertThat(step.restored().getSummary()).isEqualTo("Stand-up");
                assertThat(step.restored().getStart().getTimeZone()).isEqualTo("Europe/Berlin");
            });
            Step.Finish done = (Step.Finish) plan.next(restore, Answer.OK);
            assertThat(done.result()).isEqualTo(Result.CHANGED);
            assertThat(done.entry()).hasValueSatisfying(entry -> assertThat(entry.deleted()).isTrue());
        }

        @Test
        void anOverrideGoneFromTheFeedOfASeriesDeletedInGoogleHasNothingToGiveBack() {
            EventChanged gone = ContractSamples.eventChanged().recurrenceId(override.recurrenceId()).changeType(ChangeType.DELETE)
                    .event(null).contentHash(null).version(104L).build();
            ChangePlan plan = plan(gone, null, series);

            // Google may show a cancelled event with nothing but its id and status
            Step.Finish done = (Step.Finish) plan.next(plan.first(), Answer.read(new Event().setId(ID_0).setStatus("cancelled")));

            assertThat(done.result()).isEqualTo(Result.UNCHANGED);
            assertThat(done.entry()).hasValueSatisfying(entry -> assertThat(entry.deleted()).isTrue());
        }

        @Test
        void anOverrideGoneFromTheFeedWhoseSlotTheSeriesNoLongerHasIsCancelled() {
            EventChanged gone = ContractSamples.eventChanged().recurrenceId(override.recurrenceId()).changeType(ChangeType.DELETE)
                    .event(null).contentHash(null).version(104L).build();
            ChangePlan plan = plan(gone, null, series);
            Event movedMaster = new Event()
                    .setStart(new EventDateTime().setDateTime(new DateTime("2026-12-01T11:00:00.000+01:00")).setTimeZone("Europe/Berlin"))
                    .setEnd(new EventDateTime().setDateTime(new DateTime("2026-12-01T11:15:00.000+01:00")).setTimeZone("Europe/Berlin"));

            Step cancel = plan.next(plan.first(), Answer.read(movedMaster));
            assertThat(cancel).isEqualTo(new Step.CancelInstance(instanceId, true));
            assertThat(((Step.Finish) plan.next(cancel, Answer.OK)).result()).isEqualTo(Result.CHANGED);
        }

        @Test
        void aSeriesWhoseTimingChangedRewritesItsOverridesOrCancelsThoseWhoseSlotIsGone() {
            EventMap.Entry written = new EventMap.Entry(SUBSCRIBER, FEED, UID, override.recurrenceId().canonical(), instanceId, 0,
                    102, "h", null, false, new String(ContractJson.encode(override), StandardCharsets.UTF_8));
            EventMap.Entry cancelledOnly = new EventMap.Entry(SUBSCRIBER, FEED, UID, "x", "id_x", 0, 5, "hc", null, false, null);
            EventChanged sameTime = ContractSamples.eventChanged().version(300L).build();
            NormalizedEvent moved = ContractSamples.weeklyZonedEvent();
            EventChanged otherTime = ContractSamples.eventChanged().version(300L).event(new NormalizedEvent(moved.summary(), null,
                    null, null, new EventTime.Zoned(LocalDateTime.of(2026, 12, 1, 11, 0), "Europe/Berlin"), null,
                    moved.recurrence(), EventStatus.CONFIRMED, null, null, 0, null)).build();

            assertThat(ChangePlan.rewriteOverrides(sameTime, ID_0, List.of(written, cancelledOnly), UTC)).singleElement()
                    .satisfies(rewrite -> {
                        assertThat(rewrite.instanceId()).isEqualTo(instanceId);
                        assertThat(rewrite.patch().getSummary()).isEqualTo("Stand-up (moved)");
                    });
            assertThat(ChangePlan.rewriteOverrides(otherTime, ID_0, List.of(written), UTC)).singleElement()
                    .satisfies(rewrite -> {
                        assertThat(rewrite.patch()).isNull();
                        assertThat(rewrite.cancelled().deleted()).isTrue();
                    });
        }
    }

    @Nested
    class RemovedFeeds {

        @Test
        void aRemovedFeedLosesItsCalendarOnceAndAReplayOfTheRemovalCostsNothing() {
            EventChanged removal = ContractSamples.feedRemoved();
            ChangePlan plan = plan(removal, ACTIVE, null);
            Optional<CalendarMap.Entry> tombstone = Optional.of(new CalendarMap.Entry(SUBSCRIBER, FEED, CalendarMap.State.REMOVED,
                    null, "marker", removal.version()));

            assertThat(plan.first()).isEqualTo(new Step.RemoveFeed());
            assertThat(plan.next(new Step.RemoveFeed(), Answer.OK)).isEqualTo(new Step.Finish(Result.DELETED, Optional.empty(), false));
            assertThat(plan(removal, tombstone, null).first()).isEqualTo(new Step.Finish(Result.UNCHANGED, Optional.empty(), false));
        }

        @Test
        void aFinishedPlanTakesNoMoreAnswers() {
            assertThatThrownBy(() -> plan(upsert(1, "h"), ACTIVE, null).next(new Step.WaitForSeries(), Answer.OK))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
