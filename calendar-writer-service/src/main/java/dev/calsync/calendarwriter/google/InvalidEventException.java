package dev.calsync.calendarwriter.google;

/** Google rejected the event as invalid (400): retrying cannot help, the record goes to the DLQ. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
