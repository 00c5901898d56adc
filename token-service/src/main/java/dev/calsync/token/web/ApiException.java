package dev.calsync.token.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * An answer other than success, with the status a caller acts on. The message is shown in the error body:
 * it names subscribers and grants, never a token, a ciphertext or a key.
 *
 * @see ApiErrors
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String error;
    private final transient Duration retryAfter;

    public ApiException(HttpStatus status, String error, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    public ApiException(HttpStatus status, String error, String message) {
        this(status, error, message, null);
    }

    public HttpStatus status() {
        return status;
    }

    /** A stable machine-readable code, e.g. {@code grant_revoked}. */
    public String error() {
        return error;
    }

    /** For a 503: when to try again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
