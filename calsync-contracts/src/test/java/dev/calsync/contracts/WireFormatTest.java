package dev.calsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.contracts.event.EventChanged;
import dev.calsync.contracts.event.EventTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins what goes on the wire. Other services, older releases and records already on Kafka depend on
 * these names: renaming a record component or a kind must fail here, not in production.
 */
class WireFormatTest {

    private static final String OVERRIDE_ON_THE_WIRE = """
            {
              "subscriberId": "sub-7f3a9c",
              "feedId": "feed-42",
              "feedDisplayName": "Team calendar",
              "grantId": "6f1d2c3b-4a59-4e8f-9b7a-0c1d2e3f4a5b",
              "uid": "standup-2026@example.org",
              "recurrenceId": {"kind": "zoned", "localDateTime": "2026-12-08T09:00:00", "timeZone": "Europe/Berlin"},
              "changeType": "UPSERT",
              "version": 102,
              "contentHash": "sha256:5b0e2c",
              "resync": false,
              "event": {
                "summary": "Stand-up (moved)",
                "location": "Room 2",
                "start": {"kind": "zoned", "localDateTime": "2026-12-08T10:00:00", "timeZone": "Europe/Berlin"},
                "end": {"kind": "zoned", "localDateTime": "2026-12-08T10:15:00", "timeZone": "Europe/Berlin"},
                "recurrence": [],
                "status": "CONFIRMED",
                "transparency": "OPAQUE",
                "visibility": "DEFAULT",
                "sequence": 1
              },
              "occurredAt": "2026-11-23T10:15:30.123Z"
            }
            """;

    @Test
    void anOverrideIsWrittenExactlyLikeThis() {
        EventChanged override = ContractSamples.overrideChanged();

        assertThat(JsonEdits.parse(ContractJson.encode(override))).isEqualTo(JsonEdits.parse(OVERRIDE_ON_THE_WIRE));
    }

    @Test
    void andWhatIsWrittenLikeThisIsReadAsTheOverride() {
        EventChanged read = ContractJson.decode(JsonEdits.bytes(JsonEdits.parse(OVERRIDE_ON_THE_WIRE)), EventChanged.class);

        assertThat(read).isEqualTo(ContractSamples.overrideChanged());
    }

    static Stream<Arguments> timesOnTheWire() {
        return Stream.of(
                Arguments.of(ContractSamples.ALL_DAY, "{\"kind\":\"date\",\"date\":\"2026-12-01\"}"),
                Arguments.of(ContractSamples.UTC, "{\"kind\":\"utc\",\"instant\":\"2026-12-01T08:00:00Z\"}"),
                Arguments.of(ContractSamples.ZONED,
                        "{\"kind\":\"zoned\",\"localDateTime\":\"2026-12-01T09:00:00\",\"timeZone\":\"Europe/Berlin\"}"),
                Arguments.of(ContractSamples.FLOATING, "{\"kind\":\"floating\",\"localDateTime\":\"2026-12-01T09:00:00\"}"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("timesOnTheWire")
    void everyKindOfTimeIsWrittenExactlyLikeThis(EventTime time, String wire) throws Exception {
        JsonNode written = JsonEdits.parse(ContractJson.objectMapper().writeValueAsBytes(time));

        assertThat(written).isEqualTo(JsonEdits.parse(wire));
    }

    @Test
    void remindersAndCountsAreWrittenLikeThis() {
        JsonNode event = JsonEdits.wireJson(ContractSamples.eventChanged().build()).get("event");
        JsonNode status = JsonEdits.wireJson(ContractSamples.syncStatus());

        assertThat(event.get("reminders")).isEqualTo(JsonEdits.parse(
                "{\"overrides\":[{\"method\":\"POPUP\",\"minutesBefore\":10},{\"method\":\"EMAIL\",\"minutesBefore\":1440}]}"));
        assertThat(status.get("counts")).isEqualTo(JsonEdits.parse(
                "{\"added\":3,\"changed\":2,\"deleted\":1,\"unchanged\":40,\"failed\":1}"));
    }
}
