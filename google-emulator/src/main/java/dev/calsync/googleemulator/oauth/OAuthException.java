package dev.calsync.googleemulator.oauth;

import org.springframework.http.HttpStatus;

/**
 * An error the token, revoke, device and userinfo endpoints answer with Google's flat OAuth JSON,
 * {@code {"error":"…","error_description":"…"}} (GOOGLE.md §9, token error table). Descriptions are
 * fixed strings: no request value, least of all a secret, is ever echoed.
 */
public class OAuthException extends RuntimeException {

    private final HttpStatus status;
    private final String error;

    OAuthException(HttpStatus status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    static OAuthException invalidRequest(String description) {
        return new OAuthException(HttpStatus.BAD_REQUEST, "invalid_request", description);
    }

    static OAuthException missingParameter(String name) {
        return invalidRequest("Missing required parameter: " + name);
    }

    static OAuthException invalidGrant(String description) {
        return new OAuthException(HttpStatus.BAD_REQUEST, "invalid_grant", description);
    }

    static OAuthException invalidClient(String description) {
        return new OAuthException(HttpStatus.UNAUTHORIZED, "invalid_client", description);
    }
}
