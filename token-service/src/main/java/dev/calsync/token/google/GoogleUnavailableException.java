package dev.calsync.token.google;

/**
 * Google's token or revoke endpoint did not answer usefully: a 5xx, a timeout, a dropped connection, or
 * the circuit breaker is open after many of those. Worth retrying later; the message holds no token.
 */
public class GoogleUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GoogleUnavailableException(String message) {
        super(message);
    }
}
