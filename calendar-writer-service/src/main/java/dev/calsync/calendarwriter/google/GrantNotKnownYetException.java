package dev.calsync.calendarwriter.google;

/**
 * token-service knows no grant of the subscriber yet (404): its first {@code TokenGranted} is usually still on
 * its way. Retried for a while, then dead-lettered (and shown on the feed's status), never dropped.
 */
public class GrantNotKnownYetException extends RuntimeException {
    public GrantNotKnownYetException(String message) {
        super(message);
    }
}
