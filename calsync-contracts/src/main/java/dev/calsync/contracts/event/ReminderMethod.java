package dev.calsync.contracts.event;

/** How Google reminds: ICS {@code ACTION:DISPLAY} and {@code AUDIO} become pop-ups, {@code EMAIL} mail. */
public enum ReminderMethod {
    POPUP,
    EMAIL
}
