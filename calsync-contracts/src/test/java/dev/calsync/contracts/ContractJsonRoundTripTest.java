package dev.calsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calsync.contracts.event.EventTime;
import dev.calsync.contracts.event.NormalizedEvent;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContractJsonRoundTripTest {

    static Stream<Arguments> samples() {
        return ContractSamples.everySample().stream()
                .map(sample -> Arguments.of(sample.getClass().getSimpleName(), sample));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void everyRecordReadsBackEqualToWhatWasWritten(String name, CalsyncEvent sample) {
        byte[] json = ContractJson.encode(sample);

        assertThat(ContractJson.decode(json, sample.getClass())).isEqualTo(sample);
    }

    @Test
    void theSamplesCoverEveryRecordType() {
        assertThat(ContractSamples.everySample()).extracting(Object::getClass)
                .containsAll(List.of(CalsyncEvent.class.getPermittedSubclasses()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.calsync.contracts.ContractSamples#everyEventTime")
    void everyEventTimeKindReadsBackAsTheSameKindAndValue(EventTime time) throws Exception {
        String json = ContractJson.objectMapper().writeValueAsString(time);

        assertThat(ContractJson.objectMapper().readValue(json, EventTime.class)).isEqualTo(time);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.calsync.contracts.ContractSamples#everyEventTime")
    void everyEventTimeKindSurvivesAsStartEndAndRecurrenceIdOfAnEventChange(EventTime time) {
        NormalizedEvent event = new NormalizedEvent("x", null, null, null, time, time, null, null, null, null, null, null);
        CalsyncEvent change = ContractSamples.eventChanged().recurrenceId(time).event(event).build();

        assertThat(ContractJson.decode(ContractJson.encode(change), change.getClass())).isEqualTo(change);
    }

    @Test
    void timesAreIsoStringsAndNullFieldsAreLeftOut() {
        JsonNode json = JsonEdits.wireJson(ContractSamples.resyncOfEveryFeed());

        assertThat(json.get("requestedAt").isTextual()).isTrue();
        assertThat(json.get("requestedAt").asText()).isEqualTo("2026-11-23T10:15:30.123Z");
        assertThat(json.has("feedId")).isFalse();
    }
}
