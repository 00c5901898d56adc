package dev.calsync.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;

/**
 * Turns Jackson's read errors into one line that names the field and the problem.
 *
 * <p>Jackson's own messages span several lines and quote the offending text ({@code from String
 * "..."}, {@code Unrecognized token '...'}), which may be a secret; so each message here is built
 * from the error's kind, its path and the target type only, and never repeats Jackson's text.
 */
final class ReadProblems {

    // Jackson tells these cases apart only by the start of its message; the texts are stable across
    // 2.x, and RequiredFieldTest and MalformedPayloadTest fail if an upgrade changes them.
    private static final String MISSING_CREATOR_PROPERTY = "Missing required creator property";
    private static final String NULL_FOR_PRIMITIVE = "Cannot map `null` into type";
    private static final String TRAILING_TOKEN = "Trailing token";
    private static final String DUPLICATE_FIELD = "Duplicate field";

    private ReadProblems() {
    }

    static String describe(IOException error, Class<?> rootType) {
        if (error instanceof ValueInstantiationException e) {
            return instantiation(e, rootType);
        }
        if (error instanceof InvalidTypeIdException e) {
            return typeId(e, rootType);
        }
        if (error instanceof InvalidFormatException e) {
            boolean isEnum = e.getTargetType() != null && e.getTargetType().isEnum();
            return location(e, rootType) + (isEnum ? " has an unknown value" : " is not valid")
                    + "; expected " + expected(e.getTargetType());
        }
        if (error instanceof MismatchedInputException e) {
            return mismatchedInput(e, rootType);
        }
        if (error instanceof JsonMappingException e) {
            // Jackson wraps parser errors that happen inside a record; the path then says where they are.
            if (e.getCause() instanceof IOException inner && !(inner instanceof JsonMappingException)) {
                return location(e, rootType) + ": " + parserProblem(inner, false);
            }
            return location(e, rootType) + " cannot be read";
        }
        return parserProblem(error, true);
    }

    private static String parserProblem(IOException error, boolean withPosition) {
        if (error instanceof InputCoercionException e) {
            return "a number is out of range for " + expected(e.getTargetType()) + at(e.getLocation(), withPosition);
        }
        if (error instanceof JsonEOFException) {
            return "the JSON ends too early";
        }
        if (error instanceof StreamConstraintsException) {
            return "the JSON exceeds a parser limit (size or nesting)";
        }
        if (error instanceof StreamReadException e) {
            // the key itself is not repeated: it comes from the payload
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            return (message.startsWith(DUPLICATE_FIELD) ? "a key appears twice" : "not valid JSON")
                    + at(e.getLocation(), withPosition);
        }
        if (error instanceof JsonProcessingException e) {
            return "not valid JSON" + at(e.getLocation(), withPosition);
        }
        return "cannot be read (" + error.getClass().getSimpleName() + ")";
    }

    /**
     * The contract records' own validation errors are {@link IllegalArgumentException}s whose
     * messages hold no payload values; only those are worth keeping as the cause.
     */
    static Throwable safeCause(ValueInstantiationException error) {
        return error.getCause() instanceof IllegalArgumentException cause ? cause : null;
    }

    private static String instantiation(ValueInstantiationException error, Class<?> rootType) {
        Throwable cause = error.getCause();
        String where = pathBelowRoot(error);
        String suffix = where.isEmpty() ? "" : " (at " + rootType.getSimpleName() + where + ")";
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return oneLine(cause.getMessage()) + suffix;
        }
        String type = error.getType() == null ? "a value" : error.getType().getRawClass().getSimpleName();
        return "cannot build " + type + suffix
                + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
    }

    private static String typeId(InvalidTypeIdException error, Class<?> rootType) {
        Class<?> base = error.getBaseType() == null ? null : error.getBaseType().getRawClass();
        JsonTypeInfo info = base == null ? null : base.getAnnotation(JsonTypeInfo.class);
        JsonSubTypes subTypes = base == null ? null : base.getAnnotation(JsonSubTypes.class);
        String property = info == null ? "type" : info.property();
        String choices = subTypes == null
                ? ""
                : "; expected one of " + Arrays.stream(subTypes.value()).map(JsonSubTypes.Type::name).toList();
        String problem = error.getTypeId() == null ? " has no \"" + property + "\"" : " has an unknown \"" + property + "\"";
        return location(error, rootType) + problem + choices;
    }

    private static String mismatchedInput(MismatchedInputException error, Class<?> rootType) {
        String message = error.getOriginalMessage() == null ? "" : error.getOriginalMessage();
        if (message.startsWith(MISSING_CREATOR_PROPERTY)) {
            return location(error, rootType) + " is required";
        }
        if (message.startsWith(NULL_FOR_PRIMITIVE)) {
            return location(error, rootType) + " must not be null";
        }
        if (message.startsWith(TRAILING_TOKEN)) {
            return "unexpected content after the JSON object";
        }
        if (error.getPath().isEmpty()) {
            return "expected " + rootType.getSimpleName() + " as a JSON object";
        }
        return location(error, rootType) + " has the wrong type; expected " + expected(error.getTargetType());
    }

    /** {@code EventChanged.event.reminders.overrides[1]}: the root type and the JSON path below it. */
    private static String location(JsonMappingException error, Class<?> rootType) {
        return rootType.getSimpleName() + pathBelowRoot(error);
    }

    private static String pathBelowRoot(JsonMappingException error) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : error.getPath()) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class) {
            return "a whole number (int)";
        }
        if (type == long.class || type == Long.class) {
            return "a whole number (long)";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-12-01T08:00:00Z";
        }
        if (type == LocalDate.class) {
            return "an ISO-8601 date such as 2026-12-01";
        }
        if (type == LocalDateTime.class) {
            return "an ISO-8601 local date-time such as 2026-12-01T09:00:00";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a JSON object (" + type.getSimpleName() + ")";
    }

    private static String at(JsonLocation location, boolean wanted) {
        if (!wanted || location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
