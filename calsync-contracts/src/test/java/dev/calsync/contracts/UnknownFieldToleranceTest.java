package dev.calsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A newer producer may add fields anywhere; an older consumer must read the rest unchanged. */
class UnknownFieldToleranceTest {

    private static final JsonNode FUTURE_VALUE = JsonEdits.parse("{\"x\":1}");

    /** Strict about unknown properties, as Jackson is by default: only the records' annotations can help. */
    private static final ObjectMapper STRICT_MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static Stream<Arguments> samples() {
        return ContractSamples.everySample().stream()
                .map(sample -> Arguments.of(sample.getClass().getSimpleName(), sample));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void contractJsonIgnoresFieldsAddedAtTopLevelAndInsideNestedObjects(String name, CalsyncEvent sample) {
        ObjectNode json = JsonEdits.withFieldInEveryObject(JsonEdits.wireJson(sample), "someFutureField", FUTURE_VALUE);

        assertThat(ContractJson.decode(JsonEdits.bytes(json), sample.getClass())).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void anyObjectMapperIgnoresThemBecauseTheRecordsSaySo(String name, CalsyncEvent sample) throws Exception {
        ObjectNode json = JsonEdits.withFieldInEveryObject(JsonEdits.wireJson(sample), "someFutureField", FUTURE_VALUE);

        assertThat(STRICT_MAPPER.readValue(JsonEdits.bytes(json), sample.getClass())).isEqualTo(sample);
    }
}
