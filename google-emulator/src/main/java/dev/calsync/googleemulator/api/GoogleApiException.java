package dev.calsync.googleemulator.api;

import org.springframework.http.HttpStatus;

/**
 * A Calendar API error as Google answers it:
 * {@code {"error":{"errors":[{"domain","reason","message"[,"locationType","location"]}],"code","message"}}}
 * (Calendar guide "Handle API errors"; GOOGLE.md §1).
 */
public class GoogleApiException extends RuntimeException {

    private final HttpStatus status;
    private final String domain;
    private final String reason;
    private final String locationType;
    private final String location;

    public GoogleApiException(HttpStatus status, String domain, String reason, String message,
                              String locationType, String location) {
        super(message);
        this.status = status;
        this.domain = domain;
        this.reason = reason;
        this.locationType = locationType;
        this.location = location;
    }

    public GoogleApiException(HttpStatus status, String domain, String reason, String message) {
        this(status, domain, reason, message, null, null);
    }

    public static GoogleApiException authError() {
        return new GoogleApiException(HttpStatus.UNAUTHORIZED, "global", "authError", "Invalid Credentials",
                "header", "Authorization");
    }

    /** A Calendar call without any credential (no {@code Authorization: Bearer} header): 401 required. */
    public static GoogleApiException loginRequired() {
        return new GoogleApiException(HttpStatus.UNAUTHORIZED, "global", "required", "Login Required.",
                "header", "Authorization");
    }

    public static GoogleApiException insufficientPermissions() {
        return new GoogleApiException(HttpStatus.FORBIDDEN, "global", "insufficientPermissions",
                "Request had insufficient authentication scopes.");
    }

    public static GoogleApiException notFound() {
        return new GoogleApiException(HttpStatus.NOT_FOUND, "global", "notFound", "Not Found");
    }

    public static GoogleApiException duplicate() {
        return new GoogleApiException(HttpStatus.CONFLICT, "global", "duplicate", "The requested identifier already exists.");
    }

    public static GoogleApiException deleted() {
        return new GoogleApiException(HttpStatus.GONE, "global", "deleted", "Resource has been deleted");
    }

    public static GoogleApiException conditionNotMet() {
        return new GoogleApiException(HttpStatus.PRECONDITION_FAILED, "global", "conditionNotMet", "Precondition Failed",
                "header", "If-Match");
    }

    public static GoogleApiException invalid(String message) {
        return new GoogleApiException(HttpStatus.BAD_REQUEST, "global", "invalid", message);
    }

    public static GoogleApiException required(String message) {
        return new GoogleApiException(HttpStatus.BAD_REQUEST, "global", "required", message);
    }

    public static GoogleApiException timeRangeEmpty(String parameter) {
        return new GoogleApiException(HttpStatus.BAD_REQUEST, "calendar", "timeRangeEmpty",
                "The specified time range is empty.", "parameter", parameter);
    }

    public static GoogleApiException userRateLimitExceeded() {
        return new GoogleApiException(HttpStatus.FORBIDDEN, "usageLimits", "userRateLimitExceeded", "User Rate Limit Exceeded");
    }

    public static GoogleApiException rateLimitExceeded(HttpStatus status) {
        return new GoogleApiException(status, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded");
    }

    public static GoogleApiException quotaExceeded() {
        return new GoogleApiException(HttpStatus.FORBIDDEN, "usageLimits", "quotaExceeded", "Calendar usage limits exceeded.");
    }

    public static GoogleApiException backendError() {
        return new GoogleApiException(HttpStatus.INTERNAL_SERVER_ERROR, "global", "backendError", "Backend Error");
    }

    /** Google's answer for a bare status, where nothing more specific is known (the §1 table's row, else invalid/backendError). */
    public static GoogleApiException ofStatus(HttpStatus status) {
        return switch (status.value()) {
            case 401 -> authError();
            case 403 -> rateLimitExceeded(HttpStatus.FORBIDDEN);
            case 404 -> notFound();
            case 409 -> duplicate();
            case 410 -> deleted();
            case 412 -> conditionNotMet();
            case 429 -> rateLimitExceeded(HttpStatus.TOO_MANY_REQUESTS);
            case 500 -> backendError();
            default -> new GoogleApiException(status, "global", status.is5xxServerError() ? "backendError" : "invalid",
                    status.getReasonPhrase());
        };
    }

    public HttpStatus status() {
        return status;
    }

    public String domain() {
        return domain;
    }

    public String reason() {
        return reason;
    }

    public String locationType() {
        return locationType;
    }

    public String location() {
        return location;
    }
}
