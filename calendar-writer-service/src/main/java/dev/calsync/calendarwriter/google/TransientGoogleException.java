package dev.calsync.calendarwriter.google;

/** Worth retrying later: Google's rate limits or 5xx, I/O, or a grant token-service does not hold yet. */
public class TransientGoogleException extends RuntimeException {
    public TransientGoogleException(String message, Throwable cause) {
        super(message, cause);
    }
}
