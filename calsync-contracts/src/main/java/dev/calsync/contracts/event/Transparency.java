package dev.calsync.contracts.event;

/** ICS {@code TRANSP}: whether the event makes the person busy. */
public enum Transparency {
    OPAQUE,
    TRANSPARENT
}
