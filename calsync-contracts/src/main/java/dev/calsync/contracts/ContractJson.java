package dev.calsync.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The JSON codec of every calsync topic. All services read and write contract records through it,
 * so that they agree on dates, enums, nulls and unknown fields.
 */
public final class ContractJson {

    // Kept apart from the instance objectMapper() hands out, so that a caller who reconfigures that
    // one cannot change what encode and decode put on the wire.
    private static final ObjectMapper CODEC = newObjectMapper();
    private static final ObjectMapper SHARED = newObjectMapper();

    private ContractJson() {
    }

    /**
     * A shared mapper configured like the codec, for callers that need an {@link ObjectMapper} (a
     * Kafka serializer, a JSON tree). Do not reconfigure it, other code uses it too; use
     * {@link ObjectMapper#copy()} for a variant.
     *
     * <p>Configuration: Java time types as ISO-8601 strings; unknown properties ignored and unknown
     * enum values read as the enum's default, so an older consumer reads what a newer producer
     * writes; null properties left out; a null or a fraction for a whole number, trailing content
     * and duplicate keys rejected.
     */
    public static ObjectMapper objectMapper() {
        return SHARED;
    }

    /** @throws IllegalStateException if the record cannot be written, which valid records always can */
    public static byte[] encode(CalsyncEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("event is required");
        }
        try {
            return CODEC.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a record and checks it like its constructor does.
     *
     * @throws MalformedMessageException for anything that is not a valid {@code type}: an empty
     *     payload, invalid JSON, a value of the wrong type, a missing required field, an enum value
     *     that has no default
     */
    public static <T extends CalsyncEvent> T decode(byte[] json, Class<T> type) {
        ContractType.of(type); // a caller's mistake, not a malformed message: fails with IllegalArgumentException
        if (json == null || isBlank(json)) {
            throw new MalformedMessageException(type, "the payload is empty");
        }
        T value;
        try {
            value = CODEC.readValue(json, type);
        } catch (ValueInstantiationException e) {
            throw new MalformedMessageException(type, ReadProblems.describe(e, type), ReadProblems.safeCause(e));
        } catch (IOException e) {
            throw new MalformedMessageException(type, ReadProblems.describe(e, type));
        }
        if (value == null) {
            throw new MalformedMessageException(type, "the payload is JSON null");
        }
        return value;
    }

    private static boolean isBlank(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static ObjectMapper newObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // 1.5 as a version must not quietly become 1
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // two values for one key would let two readers see two different records
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // error messages must never quote the payload
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();
    }
}
