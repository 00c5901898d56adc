package dev.calsync.token.web;

import dev.calsync.token.google.GoogleRefusedException;
import dev.calsync.token.google.GoogleUnavailableException;
import dev.calsync.token.keys.StoredTokenUnreadableException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/**
 * Every error of the internal API as {@code {"error": code, "message": text}}. Messages are this service's
 * own (subscriber and grant ids, statuses); a request's content or a library's message is never echoed, as
 * either could hold a token.
 */
@RestControllerAdvice
@EnableConfigurationProperties(RetryAfterProperties.class)
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /** The body of every error answer. */
    public record ErrorBody(String error, String message) {
    }

    private final Duration googleRetryAfter;

    public ApiErrors(RetryAfterProperties retryAfter) {
        this.googleRetryAfter = retryAfter.googleUnavailable();
    }

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ErrorBody> api(ApiException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        return answer.body(new ErrorBody(e.error(), e.getMessage()));
    }

    @ExceptionHandler(GoogleUnavailableException.class)
    public ResponseEntity<ErrorBody> googleUnavailable(GoogleUnavailableException e) {
        log.warn("Google unavailable: {}", e.getMessage());
        return api(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "google_unavailable",
                "Google's OAuth endpoints cannot be reached; try again later", googleRetryAfter));
    }

    @ExceptionHandler(GoogleRefusedException.class)
    public ResponseEntity<ErrorBody> googleRefused(GoogleRefusedException e) {
        log.error("Google refused: {}", e.getMessage());
        return api(new ApiException(HttpStatus.BAD_GATEWAY, "google_refused", e.getMessage()));
    }

    @ExceptionHandler(StoredTokenUnreadableException.class)
    public ResponseEntity<ErrorBody> unreadable(StoredTokenUnreadableException e) {
        log.error("{}", e.getMessage());
        return api(new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "stored_token_unreadable", e.getMessage()));
    }

    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<ErrorBody> badInput(ServerWebInputException e) {
        // e's reason may quote the request body; say only what is expected
        return api(new ApiException(HttpStatus.BAD_REQUEST, "bad_request",
                "expected a JSON body {\"grant_id\": \"<uuid>\"}"));
    }
}
