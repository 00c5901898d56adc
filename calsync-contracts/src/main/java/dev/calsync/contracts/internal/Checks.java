package dev.calsync.contracts.internal;

import java.util.List;

/**
 * Validation shared by the contract records' compact constructors.
 *
 * <p>Every violation is an {@link IllegalArgumentException} whose message starts with
 * {@code Record.field}, so a producer sees at once which field it got wrong and
 * {@code ContractJson.decode} can pass the message on unchanged. These messages never echo a value:
 * some fields carry ciphertexts.
 */
public final class Checks {

    private Checks() {
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** For a field required only in some cases; {@code when} says which, e.g. "for UPSERT". */
    public static <T> T required(T value, String field, String when) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required " + when);
        }
        return value;
    }

    public static String requiredText(String value, String field, String when) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required " + when);
        }
        return value;
    }

    /** A blank string is as useless as a missing one for ids, names and ciphertexts. */
    public static String requiredText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** For nullable text: absent is fine, but present and blank is a producer bug. */
    public static String optionalText(String value, String field) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank when present");
        }
        return value;
    }

    /** Copies so that a record stays immutable whatever the caller does with its list afterwards. */
    public static <T> List<T> listOf(List<T> values, String field) {
        required(values, field);
        for (T value : values) {
            if (value == null) {
                throw new IllegalArgumentException(field + " must not contain null");
            }
        }
        return List.copyOf(values);
    }

    public static List<String> textListOf(List<String> values, String field) {
        List<String> copy = listOf(values, field);
        for (String value : copy) {
            if (value.isBlank()) {
                throw new IllegalArgumentException(field + " must not contain blank entries");
            }
        }
        return copy;
    }

    public static int notNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative");
        }
        return value;
    }
}
