package dev.calsync.contracts.event;

/** ICS {@code CLASS} mapped to Google's visibility; {@code DEFAULT} follows the calendar's setting. */
public enum Visibility {
    DEFAULT,
    PUBLIC,
    PRIVATE,
    CONFIDENTIAL
}
