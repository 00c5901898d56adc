package dev.calsync.contracts;

import dev.calsync.contracts.event.ChangeType;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.EventStatus;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import dev.calsync.contracts.event.Reminder;
import dev.calsync.contracts.event.ReminderMethod;
import dev.calsync.contracts.event.Reminders;
import dev.calsync.contracts.event.Transparency;
import dev.calsync.contracts.event.Visibility;
import dev.calsync.contracts.feed.FeedSubscription;
import dev.calsync.contracts.feed.SubscriptionAction;
import dev.calsync.contracts.resync.ResyncReason;
import dev.calsync.contracts.resync.ResyncRequested;
import dev.calsync.contracts.status.SyncCounts;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.contracts.token.RevocationReason;
import dev.calsync.contracts.token.TokenGranted;
import dev.calsync.contracts.token.TokenRevoked;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** Object mother: one valid, realistic instance of every contract record and every time kind. */
public final class ContractSamples {

    public static final String SUBSCRIBER_ID = "sub-7f3a9c";
    public static final UUID GRANT_ID = UUID.fromString("6f1d2c3b-4a59-4e8f-9b7a-0c1d2e3f4a5b");
    public static final String FEED_ID = "feed-42";
    public static final Instant OCCURRED_AT = Instant.parse("2026-11-23T10:15:30.123Z");

    /** Looks like what token-service decrypts; distinctive so that tests can look for leaks. */
    public static final String ENCRYPTED_REFRESH_TOKEN =
            "AQ7xK3Jt5ZmV0cmVzaFRva2VuQ2lwaGVydGV4dFNlY3JldDEyMzQ1Njc4OTA=";
    public static final String ENCRYPTED_URL =
            "AR9pQmZlZWRVcmxDaXBoZXJ0ZXh0U2VjcmV0TGlua0FCQ0RFRkdISUpLTE1OTw==";

    public static final EventTime ALL_DAY = new EventTime.AllDay(LocalDate.of(2026, 12, 1));
    public static final EventTime UTC = new EventTime.UtcDateTime(Instant.parse("2026-12-01T08:00:00Z"));
    public static final EventTime ZONED =
            new EventTime.Zoned(LocalDateTime.of(2026, 12, 1, 9, 0), "Europe/Berlin");
    public static final EventTime FLOATING = new EventTime.Floating(LocalDateTime.of(2026, 12, 1, 9, 0));

    private ContractSamples() {
    }

    public static List<EventTime> everyEventTime() {
        return List.of(ALL_DAY, UTC, ZONED, FLOATING);
    }

    /** One sample per record type, in {@link ContractType} order. */
    public static List<CalsyncEvent> oneOfEachRecord() {
        return List.of(tokenGranted(), tokenRevoked(), feedSubscribed(), resyncRequested(),
                eventChanged().build(), syncStatus());
    }

    /** Every sample, including the variants of the records whose shape depends on a field. */
    public static List<CalsyncEvent> everySample() {
        return List.of(
                tokenGranted(),
                tokenRevoked(),
                feedSubscribed(),
                feedUnsubscribed(),
                resyncRequested(),
                resyncOfEveryFeed(),
                eventChanged().build(),
                overrideChanged(),
                eventChanged().event(allDayEvent()).build(),
                eventChanged().event(utcEvent()).build(),
                eventChanged().event(floatingEvent()).build(),
                eventChanged().event(minimalEvent()).build(),
                eventChanged().changeType(ChangeType.DELETE).event(null).contentHash(null).build(),
                feedRemoved(),
                syncStatus(),
                writeStatusOfARun(),
                fetchStatusWithWarnings(),
                eventChanged().build().inRun(101L, 7),
                subscriberStatus());
    }

    public static TokenGranted tokenGranted() {
        return new TokenGranted(SUBSCRIBER_ID, GRANT_ID, Instant.parse("2026-11-23T10:00:00Z"),
                "108234567890123456789", "ada@example.org",
                List.of("openid", "email", "https://www.googleapis.com/auth/calendar.app.created"),
                "web-client-1.apps.googleusercontent.com", ENCRYPTED_REFRESH_TOKEN);
    }

    public static TokenRevoked tokenRevoked() {
        return new TokenRevoked(SUBSCRIBER_ID, GRANT_ID, RevocationReason.USER_DISCONNECT,
                Instant.parse("2026-11-24T08:30:00Z"));
    }

    public static FeedSubscription feedSubscribed() {
        return new FeedSubscription(SUBSCRIBER_ID, FEED_ID, SubscriptionAction.SUBSCRIBED, ENCRYPTED_URL,
                "Team holidays", OCCURRED_AT);
    }

    public static FeedSubscription feedUnsubscribed() {
        return new FeedSubscription(SUBSCRIBER_ID, FEED_ID, SubscriptionAction.UNSUBSCRIBED, null, null,
                OCCURRED_AT);
    }

    public static ResyncRequested resyncRequested() {
        return new ResyncRequested(SUBSCRIBER_ID, FEED_ID, ResyncReason.CALENDAR_RECREATED, OCCURRED_AT);
    }

    public static ResyncRequested resyncOfEveryFeed() {
        return new ResyncRequested(SUBSCRIBER_ID, null, ResyncReason.NEW_GRANT_AFTER_REVOKE, OCCURRED_AT);
    }

    /** A weekly series in Berlin time with reminders, as an upsert. */
    public static EventChangedBuilder eventChanged() {
        return new EventChangedBuilder();
    }

    /** Moves one instance of the weekly series: an override, identified by its RECURRENCE-ID. */
    public static EventChanged overrideChanged() {
        NormalizedEvent moved = new NormalizedEvent("Stand-up (moved)", null, "Room 2", null,
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 10, 0), "Europe/Berlin"),
                new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 10, 15), "Europe/Berlin"),
                List.of(), EventStatus.CONFIRMED, Transparency.OPAQUE, Visibility.DEFAULT, 1, null);
        return eventChanged()
                .recurrenceId(new EventTime.Zoned(LocalDateTime.of(2026, 12, 8, 9, 0), "Europe/Berlin"))
                .event(moved)
                .contentHash("sha256:5b0e2c")
                .version(102L)
                .build();
    }

    public static EventChanged feedRemoved() {
        return eventChanged().changeType(ChangeType.FEED_REMOVED).uid(null).event(null).contentHash(null)
                .version(250L).build();
    }

    public static NormalizedEvent weeklyZonedEvent() {
        return new NormalizedEvent("Stand-up", "Daily sync, see https://wiki.example.org/standup",
                "Room 1", "https://example.org/events/standup",
                ZONED, new EventTime.Zoned(LocalDateTime.of(2026, 12, 1, 9, 15), "Europe/Berlin"),
                List.of("RRULE:FREQ=WEEKLY;BYDAY=TU", "EXDATE;TZID=Europe/Berlin:20261222T090000"),
                EventStatus.CONFIRMED, Transparency.OPAQUE, Visibility.PRIVATE, 3,
                new Reminders(List.of(new Reminder(ReminderMethod.POPUP, 10), new Reminder(ReminderMethod.EMAIL, 1440))));
    }

    public static NormalizedEvent allDayEvent() {
        return new NormalizedEvent("Company holiday", null, null, null,
                ALL_DAY, new EventTime.AllDay(LocalDate.of(2026, 12, 2)),
                List.of(), EventStatus.CONFIRMED, Transparency.TRANSPARENT, Visibility.PUBLIC, 0,
                new Reminders(List.of()));
    }

    public static NormalizedEvent utcEvent() {
        return new NormalizedEvent("Release call", null, "https://meet.example.org/rel", null,
                UTC, new EventTime.UtcDateTime(Instant.parse("2026-12-01T09:00:00Z")),
                List.of(), EventStatus.TENTATIVE, Transparency.OPAQUE, Visibility.CONFIDENTIAL, 2, null);
    }

    public static NormalizedEvent floatingEvent() {
        return new NormalizedEvent("Gym", null, null, null,
                FLOATING, null, List.of("RRULE:FREQ=DAILY;COUNT=5"), EventStatus.CONFIRMED,
                Transparency.OPAQUE, Visibility.DEFAULT, 0, null);
    }

    /** Only the start: everything else takes its default. */
    public static NormalizedEvent minimalEvent() {
        return new NormalizedEvent(null, null, null, null, UTC, null, null, null, null, null, null, null);
    }

    public static SyncStatus syncStatus() {
        return new SyncStatus(SUBSCRIBER_ID, FEED_ID, SyncStage.WRITE, SyncOutcome.PARTIAL,
                new SyncCounts(3, 2, 1, 40, 1), "1 event was rejected by Google: invalid recurrence",
                OCCURRED_AT);
    }

    /** The writer's status of one whole run: what it did and what the feed's calendar holds now. */
    public static SyncStatus writeStatusOfARun() {
        return new SyncStatus(SUBSCRIBER_ID, FEED_ID, SyncStage.WRITE, SyncOutcome.SUCCESS, new SyncCounts(5, 0, 0, 0, 0),
                null, OCCURRED_AT, 5, null);
    }

    /** A fetch read leniently: each warning names the component and the rule. */
    public static SyncStatus fetchStatusWithWarnings() {
        return new SyncStatus(SUBSCRIBER_ID, FEED_ID, SyncStage.EMIT, SyncOutcome.SUCCESS, new SyncCounts(2, 0, 0, 0, 0),
                null, OCCURRED_AT, null, List.of("VEVENT 'Lunch' without UID: identity derived from its content"));
    }

    /** Status of the subscriber as a whole, e.g. their grant. */
    public static SyncStatus subscriberStatus() {
        return new SyncStatus(SUBSCRIBER_ID, null, SyncStage.TOKEN, SyncOutcome.SUCCESS, SyncCounts.ZERO, null,
                OCCURRED_AT);
    }

    /** Starts from a valid weekly upsert; tests change what they are about. */
    public static final class EventChangedBuilder {
        private String subscriberId = SUBSCRIBER_ID;
        private String feedId = FEED_ID;
        private String feedDisplayName = "Team calendar";
        private UUID grantId = GRANT_ID;
        private String uid = "standup-2026@example.org";
        private EventTime recurrenceId;
        private ChangeType changeType = ChangeType.UPSERT;
        private Long version = 101L;
        private String contentHash = "sha256:9f86d081884c7d65";
        private boolean resync;
        private NormalizedEvent event = weeklyZonedEvent();
        private Instant occurredAt = OCCURRED_AT;

        private EventChangedBuilder() {
        }

        public EventChangedBuilder subscriberId(String value) {
            subscriberId = value;
            return this;
        }

        public EventChangedBuilder feedId(String value) {
            feedId = value;
            return this;
        }

        public EventChangedBuilder feedDisplayName(String value) {
            feedDisplayName = value;
            return this;
        }

        public EventChangedBuilder grantId(UUID value) {
            grantId = value;
            return this;
        }

        public EventChangedBuilder uid(String value) {
            uid = value;
            return this;
        }

        public EventChangedBuilder recurrenceId(EventTime value) {
            recurrenceId = value;
            return this;
        }

        public EventChangedBuilder changeType(ChangeType value) {
            changeType = value;
            return this;
        }

        public EventChangedBuilder version(Long value) {
            version = value;
            return this;
        }

        public EventChangedBuilder contentHash(String value) {
            contentHash = value;
            return this;
        }

        public EventChangedBuilder resync(boolean value) {
            resync = value;
            return this;
        }

        public EventChangedBuilder event(NormalizedEvent value) {
            event = value;
            return this;
        }

        public EventChangedBuilder occurredAt(Instant value) {
            occurredAt = value;
            return this;
        }

        public EventChanged build() {
            return new EventChanged(subscriberId, feedId, feedDisplayName, grantId, uid, recurrenceId, changeType,
                    version, contentHash, resync, event, occurredAt);
        }
    }
}
