package dev.calsync.googleemulator.oauth;

import java.util.Optional;

/** A seeded account's display name split the way Google's given_name / family_name claims split it. */
record PersonName(String full, Optional<String> given, Optional<String> family) {

    static PersonName of(String full) {
        String trimmed = full == null ? "" : full.trim();
        int space = trimmed.indexOf(' ');
        if (trimmed.isEmpty()) {
            return new PersonName(trimmed, Optional.empty(), Optional.empty());
        }
        if (space < 0) {
            return new PersonName(trimmed, Optional.of(trimmed), Optional.empty());
        }
        return new PersonName(trimmed, Optional.of(trimmed.substring(0, space)), Optional.of(trimmed.substring(space + 1).trim()));
    }
}
