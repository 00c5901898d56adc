package dev.calsync.contracts.event;

/** ICS {@code STATUS} of an event, as Google knows it. */
public enum EventStatus {
    CONFIRMED,
    TENTATIVE,
    CANCELLED
}
