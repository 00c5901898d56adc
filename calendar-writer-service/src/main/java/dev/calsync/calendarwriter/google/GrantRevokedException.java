package dev.calsync.calendarwriter.google;

/** token-service answered 409: the change's grant was revoked or superseded; the change is skipped. */
public class GrantRevokedException extends RuntimeException {
    public GrantRevokedException(String message) {
        super(message);
    }
}
