package dev.calsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.resync.ResyncReason;
import dev.calsync.contracts.resync.ResyncRequested;
import dev.calsync.contracts.status.SyncOutcome;
import dev.calsync.contracts.status.SyncStage;
import dev.calsync.contracts.status.SyncStatus;
import dev.calsync.contracts.token.RevocationReason;
import dev.calsync.contracts.token.TokenRevoked;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A newer producer may add enum values. Where a guess is harmless the older consumer reads UNKNOWN;
 * where it is not (what to do with an event, a subscription, a time) it must refuse the record.
 */
class EnumEvolutionTest {

    private static final ObjectMapper PLAIN_MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void anUnknownRevocationReasonReadsAsUnknown() {
        TokenRevoked read = decodeWith(ContractSamples.tokenRevoked(), "/reason", "ACCOUNT_SUSPENDED");

        assertThat(read).isEqualTo(new TokenRevoked(ContractSamples.SUBSCRIBER_ID, ContractSamples.GRANT_ID,
                RevocationReason.UNKNOWN, ContractSamples.tokenRevoked().revokedAt()));
    }

    @Test
    void anUnknownResyncReasonReadsAsUnknown() {
        ResyncRequested read = decodeWith(ContractSamples.resyncRequested(), "/reason", "QUOTA_RESET");

        assertThat(read.reason()).isEqualTo(ResyncReason.UNKNOWN);
        assertThat(read.feedId()).isEqualTo(ContractSamples.FEED_ID);
    }

    @Test
    void anUnknownSyncStageAndOutcomeReadAsUnknown() {
        ObjectNode json = JsonEdits.with(JsonEdits.wireJson(ContractSamples.syncStatus()), "/stage", "PUBLISH");
        json = JsonEdits.with(json, "/outcome", "THROTTLED");

        SyncStatus read = ContractJson.decode(JsonEdits.bytes(json), SyncStatus.class);

        assertThat(read.stage()).isEqualTo(SyncStage.UNKNOWN);
        assertThat(read.outcome()).isEqualTo(SyncOutcome.UNKNOWN);
        assertThat(read.counts()).isEqualTo(ContractSamples.syncStatus().counts());
    }

    @Test
    void anyObjectMapperReadsAnUnknownDefaultedValueAsUnknownNotOnlyContractJsons() throws Exception {
        ObjectNode json = JsonEdits.with(JsonEdits.wireJson(ContractSamples.tokenRevoked()), "/reason", "ACCOUNT_SUSPENDED");

        TokenRevoked read = PLAIN_MAPPER.readValue(JsonEdits.bytes(json), TokenRevoked.class);

        assertThat(read.reason()).isEqualTo(RevocationReason.UNKNOWN);
    }

    static Stream<Arguments> enumsWithoutDefault() {
        return Stream.of(
                Arguments.of(ContractSamples.eventChanged().build(), "/changeType", "MERGE",
                        "EventChanged.changeType has an unknown value; expected one of [UPSERT, DELETE, FEED_REMOVED]"),
                Arguments.of(ContractSamples.feedSubscribed(), "/action", "PAUSED",
                        "FeedSubscription.action has an unknown value; expected one of [SUBSCRIBED, UNSUBSCRIBED]"),
                Arguments.of(ContractSamples.eventChanged().build(), "/event/status", "POSTPONED",
                        "EventChanged.event.status has an unknown value; expected one of [CONFIRMED, TENTATIVE, CANCELLED]"),
                Arguments.of(ContractSamples.eventChanged().build(), "/event/reminders/overrides/0/method", "SMS",
                        "EventChanged.event.reminders.overrides[0].method has an unknown value; expected one of [POPUP, EMAIL]"),
                Arguments.of(ContractSamples.eventChanged().build(), "/event/start/kind", "relative",
                        "EventChanged.event.start has an unknown \"kind\"; expected one of [date, utc, zoned, floating]"));
    }

    @ParameterizedTest(name = "{2} as {1}")
    @MethodSource("enumsWithoutDefault")
    void anUnknownValueWithoutADefaultIsAClearError(CalsyncEvent sample, String pointer, String value, String problem) {
        ObjectNode json = JsonEdits.with(JsonEdits.wireJson(sample), pointer, value);

        assertThatThrownBy(() -> ContractJson.decode(JsonEdits.bytes(json), sample.getClass()))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("cannot read " + sample.getClass().getSimpleName() + ": " + problem);
    }

    @Test
    void enumNamesAreCaseSensitive() {
        ObjectNode json = JsonEdits.with(JsonEdits.wireJson(ContractSamples.eventChanged().build()), "/changeType", "upsert");

        assertThatThrownBy(() -> ContractJson.decode(JsonEdits.bytes(json), EventChanged.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("EventChanged.changeType has an unknown value");
    }

    @SuppressWarnings("unchecked")
    private static <T extends CalsyncEvent> T decodeWith(T sample, String pointer, String value) {
        ObjectNode json = JsonEdits.with(JsonEdits.wireJson(sample), pointer, value);
        return (T) ContractJson.decode(JsonEdits.bytes(json), sample.getClass());
    }
}
