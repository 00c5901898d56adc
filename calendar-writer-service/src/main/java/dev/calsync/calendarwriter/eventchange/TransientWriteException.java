package dev.calsync.calendarwriter.eventchange;

/** A change failed for a passing reason (Google's rate limits or 5xx, I/O, token-service not ready): retried later. */
public class TransientWriteException extends RuntimeException {
    public TransientWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
