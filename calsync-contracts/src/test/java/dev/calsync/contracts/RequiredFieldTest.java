package dev.calsync.contracts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calsync.contracts.event.EventChanged;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A producer that leaves out a required field gets a message that names the field. */
class RequiredFieldTest {

    static Stream<Arguments> requiredFields() {
        return Stream.of(
                missing(ContractSamples.tokenGranted(), "/subscriberId", "TokenGranted.subscriberId is required"),
                missing(ContractSamples.tokenGranted(), "/grantId", "TokenGranted.grantId is required"),
                missing(ContractSamples.tokenGranted(), "/grantedAt", "TokenGranted.grantedAt is required"),
                missing(ContractSamples.tokenGranted(), "/googleSubject", "TokenGranted.googleSubject is required"),
                missing(ContractSamples.tokenGranted(), "/email", "TokenGranted.email is required"),
                missing(ContractSamples.tokenGranted(), "/scopes", "TokenGranted.scopes is required"),
                missing(ContractSamples.tokenGranted(), "/oauthClientId", "TokenGranted.oauthClientId is required"),
                missing(ContractSamples.tokenGranted(), "/encryptedRefreshToken",
                        "TokenGranted.encryptedRefreshToken is required"),

                missing(ContractSamples.tokenRevoked(), "/subscriberId", "TokenRevoked.subscriberId is required"),
                missing(ContractSamples.tokenRevoked(), "/grantId", "TokenRevoked.grantId is required"),
                missing(ContractSamples.tokenRevoked(), "/reason", "TokenRevoked.reason is required"),
                missing(ContractSamples.tokenRevoked(), "/revokedAt", "TokenRevoked.revokedAt is required"),

                missing(ContractSamples.feedSubscribed(), "/subscriberId", "FeedSubscription.subscriberId is required"),
                missing(ContractSamples.feedSubscribed(), "/feedId", "FeedSubscription.feedId is required"),
                missing(ContractSamples.feedSubscribed(), "/action", "FeedSubscription.action is required"),
                missing(ContractSamples.feedSubscribed(), "/occurredAt", "FeedSubscription.occurredAt is required"),
                missing(ContractSamples.feedSubscribed(), "/encryptedUrl",
                        "FeedSubscription.encryptedUrl is required when SUBSCRIBED"),
                missing(ContractSamples.feedSubscribed(), "/displayName",
                        "FeedSubscription.displayName is required when SUBSCRIBED"),

                missing(ContractSamples.resyncRequested(), "/subscriberId", "ResyncRequested.subscriberId is required"),
                missing(ContractSamples.resyncRequested(), "/reason", "ResyncRequested.reason is required"),
                missing(ContractSamples.resyncRequested(), "/requestedAt", "ResyncRequested.requestedAt is required"),

                missing(upsert(), "/subscriberId", "EventChanged.subscriberId is required"),
                missing(upsert(), "/feedId", "EventChanged.feedId is required"),
                missing(upsert(), "/grantId", "EventChanged.grantId is required"),
                missing(upsert(), "/changeType", "EventChanged.changeType is required"),
                missing(upsert(), "/version", "EventChanged.version is required"),
                missing(upsert(), "/resync", "EventChanged.resync is required"),
                missing(upsert(), "/occurredAt", "EventChanged.occurredAt is required"),
                missing(upsert(), "/uid", "EventChanged.uid is required unless FEED_REMOVED"),
                missing(upsert(), "/event", "EventChanged.event is required for UPSERT"),
                missing(upsert(), "/contentHash", "EventChanged.contentHash is required for UPSERT"),
                missing(upsert(), "/event/start", "NormalizedEvent.start is required (at EventChanged.event)"),
                missing(upsert(), "/event/start/timeZone",
                        "EventTime.Zoned.timeZone is required (at EventChanged.event.start)"),
                missing(upsert(), "/event/start/localDateTime",
                        "EventTime.Zoned.localDateTime is required (at EventChanged.event.start)"),
                missing(upsert(), "/event/start/kind",
                        "EventChanged.event.start has no \"kind\"; expected one of [date, utc, zoned, floating]"),
                missing(upsert(), "/event/reminders/overrides",
                        "Reminders.overrides is required (at EventChanged.event.reminders)"),
                missing(upsert(), "/event/reminders/overrides/1/method",
                        "Reminder.method is required (at EventChanged.event.reminders.overrides[1])"),
                missing(upsert(), "/event/reminders/overrides/0/minutesBefore",
                        "EventChanged.event.reminders.overrides[0].minutesBefore is required"),
                missing(ContractSamples.overrideChanged(), "/recurrenceId/kind",
                        "EventChanged.recurrenceId has no \"kind\"; expected one of [date, utc, zoned, floating]"),
                missing(ContractSamples.feedRemoved(), "/feedId", "EventChanged.feedId is required"),

                missing(ContractSamples.syncStatus(), "/subscriberId", "SyncStatus.subscriberId is required"),
                missing(ContractSamples.syncStatus(), "/stage", "SyncStatus.stage is required"),
                missing(ContractSamples.syncStatus(), "/outcome", "SyncStatus.outcome is required"),
                missing(ContractSamples.syncStatus(), "/at", "SyncStatus.at is required"),
                missing(ContractSamples.syncStatus(), "/counts/deleted", "SyncStatus.counts.deleted is required"));
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("requiredFields")
    void aMissingRequiredFieldIsNamedInTheError(CalsyncEvent sample, String pointer, String problem) {
        ObjectNode json = JsonEdits.without(JsonEdits.wireJson(sample), pointer);

        assertThatThrownBy(() -> ContractJson.decode(JsonEdits.bytes(json), sample.getClass()))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("cannot read " + sample.getClass().getSimpleName() + ": " + problem);
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("requiredFields")
    void anExplicitNullIsAsMissingAsAnAbsentField(CalsyncEvent sample, String pointer, String problem) {
        ObjectNode json = JsonEdits.with(JsonEdits.wireJson(sample), pointer, JsonEdits.parse("null"));

        assertThatThrownBy(() -> ContractJson.decode(JsonEdits.bytes(json), sample.getClass()))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("cannot read " + sample.getClass().getSimpleName() + ": ")
                .hasMessageContaining(pointer.substring(pointer.lastIndexOf('/') + 1));
    }

    private static EventChanged upsert() {
        return ContractSamples.eventChanged().build();
    }

    private static Arguments missing(CalsyncEvent sample, String pointer, String problem) {
        return Arguments.of(sample, pointer, problem);
    }
}
