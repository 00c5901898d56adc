package dev.calsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.token.TokenRevoked;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever arrives on a topic, decode either returns a valid record or says in one line what is wrong. */
class MalformedPayloadTest {

    private static final String REVOKED = new String(ContractJson.encode(ContractSamples.tokenRevoked()), StandardCharsets.UTF_8);

    static Stream<Arguments> unreadablePayloads() {
        return Stream.of(
                Arguments.of("empty", "", "the payload is empty"),
                Arguments.of("whitespace", " \n\t ", "the payload is empty"),
                Arguments.of("JSON null", "null", "the payload is JSON null"),
                Arguments.of("array", "[]", "expected TokenRevoked as a JSON object"),
                Arguments.of("string", "\"USER_DISCONNECT\"", "expected TokenRevoked as a JSON object"),
                Arguments.of("truncated", REVOKED.substring(0, REVOKED.length() - 20), "TokenRevoked.revokedAt: the JSON ends too early"),
                Arguments.of("not JSON", "{\"subscriberId\": sub-7f3a9c}", "not valid JSON (line 1, column 18)"),
                Arguments.of("trailing content", REVOKED + "{}", "unexpected content after the JSON object"),
                Arguments.of("duplicate key", REVOKED.replace("{", "{\"grantId\":\"" + ContractSamples.GRANT_ID + "\","),
                        "a key appears twice (line 1, column 88)"),
                Arguments.of("number for a UUID", REVOKED.replace("\"" + ContractSamples.GRANT_ID + "\"", "42"),
                        "TokenRevoked.grantId is not valid; expected a UUID"),
                Arguments.of("object for a string", REVOKED.replace("\"sub-7f3a9c\"", "{\"id\":1}"),
                        "TokenRevoked.subscriberId has the wrong type; expected a string"),
                Arguments.of("not an instant", REVOKED.replace("2026-11-24T08:30:00Z", "yesterday"),
                        "TokenRevoked.revokedAt is not valid; expected an ISO-8601 instant such as 2026-12-01T08:00:00Z"),
                Arguments.of("blank required text", REVOKED.replace("\"sub-7f3a9c\"", "\"  \""),
                        "TokenRevoked.subscriberId is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadablePayloads")
    void anUnreadablePayloadIsAMalformedMessageWithAOneLineReason(String name, String payload, String problem) {
        MalformedMessageException error = catchThrowableOfType(MalformedMessageException.class,
                () -> ContractJson.decode(payload.getBytes(StandardCharsets.UTF_8), TokenRevoked.class));

        assertThat(error.getMessage()).isEqualTo("cannot read TokenRevoked: " + problem);
        assertThat(error.problem()).isEqualTo(problem);
        assertThat(error.payloadType()).isEqualTo(TokenRevoked.class);
    }

    @Test
    void aNullPayloadIsAMalformedMessageToo() {
        assertThatThrownBy(() -> ContractJson.decode(null, TokenRevoked.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("cannot read TokenRevoked: the payload is empty");
    }

    static Stream<Arguments> badEventChanges() {
        ObjectNode upsert = JsonEdits.wireJson(ContractSamples.eventChanged().build());
        return Stream.of(
                Arguments.of(JsonEdits.with(upsert, "/version", JsonEdits.parse("0")),
                        "EventChanged.version must be greater than 0"),
                Arguments.of(JsonEdits.with(upsert, "/version", JsonEdits.parse("1.5")),
                        "EventChanged.version is not valid; expected a whole number (long)"),
                Arguments.of(JsonEdits.with(upsert, "/resync", JsonEdits.parse("null")),
                        "EventChanged.resync must not be null"),
                Arguments.of(JsonEdits.with(upsert, "/event/recurrence", JsonEdits.parse("\"RRULE:FREQ=DAILY\"")),
                        "EventChanged.event.recurrence has the wrong type; expected a JSON array"),
                Arguments.of(JsonEdits.with(upsert, "/event/reminders/overrides/1/minutesBefore",
                                JsonEdits.parse("99999999999")),
                        "EventChanged.event.reminders.overrides[1].minutesBefore: a number is out of range for a whole"
                                + " number (int)"),
                Arguments.of(JsonEdits.with(upsert, "/event/reminders/overrides/1/minutesBefore",
                                JsonEdits.parse("40321")),
                        "Reminder.minutesBefore must be between 0 and 40320 (at EventChanged.event.reminders.overrides[1])"),
                Arguments.of(JsonEdits.with(upsert, "/event/start/localDateTime", "2026-13-01T09:00:00"),
                        "EventChanged.event.start.localDateTime is not valid; expected an ISO-8601 local date-time"
                                + " such as 2026-12-01T09:00:00"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badEventChanges")
    void aBrokenFieldDeepInsideARecordIsNamedWithItsPath(ObjectNode json, String problem) {
        assertThatThrownBy(() -> ContractJson.decode(JsonEdits.bytes(json), EventChanged.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("cannot read EventChanged: " + problem);
    }

    static Stream<Arguments> invalidTimeZones() {
        return Stream.of(
                Arguments.of("Europe/Berln", "'Europe/Berln'"),
                Arguments.of("W. Europe Standard Time", "'W. Europe Standard Time'"),
                Arguments.of("+01:00", "'+01:00'"),
                Arguments.of("europe/berlin", "'europe/berlin'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTimeZones")
    void aTimeZoneThatIsNoIanaRegionIsAClearError(String timeZone, String shown) {
        ObjectNode json = JsonEdits.with(JsonEdits.wireJson(ContractSamples.eventChanged().build()),
                "/event/end/timeZone", timeZone);

        assertThatThrownBy(() -> ContractJson.decode(JsonEdits.bytes(json), EventChanged.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("cannot read EventChanged: EventTime.Zoned.timeZone is not an IANA time zone id: " + shown
                        + " (at EventChanged.event.end)");
    }

    @Test
    void decodingIntoSomethingThatIsNotAContractRecordIsTheCallersMistake() {
        assertThatThrownBy(() -> ContractJson.decode(REVOKED.getBytes(StandardCharsets.UTF_8), CalsyncEvent.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CalsyncEvent is not a calsync contract record");
    }
}
