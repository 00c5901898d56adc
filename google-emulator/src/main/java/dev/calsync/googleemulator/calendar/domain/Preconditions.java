package dev.calsync.googleemulator.calendar.domain;

import dev.calsync.googleemulator.api.GoogleApiException;
import java.util.Arrays;

/** HTTP conditional requests as Google applies them ("Get specific versions of resources"; GOOGLE.md §3). */
public final class Preconditions {

    private Preconditions() {
    }

    /** A write with {@code If-Match} whose etag is not the current one gives 412 conditionNotMet. */
    public static void ifMatch(String header, String currentEtag) {
        if (header != null && !header.isBlank() && !matches(header, currentEtag)) {
            throw GoogleApiException.conditionNotMet();
        }
    }

    /** A read with {@code If-None-Match} naming the current etag gives 304 Not Modified. */
    public static boolean notModified(String header, String currentEtag) {
        return header != null && !header.isBlank() && matches(header, currentEtag);
    }

    private static boolean matches(String header, String currentEtag) {
        return Arrays.stream(header.split(",")).map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(currentEtag));
    }
}
