package dev.calsync.googleemulator.oauth;

import org.springframework.http.HttpStatus;

/**
 * An error Google shows on its own page instead of redirecting to the client (GOOGLE.md §9: these are
 * never redirected, since the redirect URI itself may be what is wrong): "Access blocked: …" with
 * "Error 400: redirect_uri_mismatch", "Error 401: invalid_client" and the like.
 *
 * @param detail the sentence under the headline; only request values that are not secrets may appear in it
 */
class AuthorizationPageError extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final String headline;
    private final String redirectUri;

    private AuthorizationPageError(HttpStatus status, String error, String headline, String detail, String redirectUri) {
        super(detail);
        this.status = status;
        this.error = error;
        this.headline = headline;
        this.redirectUri = redirectUri;
    }

    HttpStatus status() {
        return status;
    }

    String error() {
        return error;
    }

    String headline() {
        return headline;
    }

    String detail() {
        return getMessage();
    }

    /** The redirect URI to list under "Request details", or null. */
    String redirectUri() {
        return redirectUri;
    }

    static AuthorizationPageError invalidRequest(String detail) {
        return new AuthorizationPageError(HttpStatus.BAD_REQUEST, "invalid_request", "Access blocked: This app's request is invalid",
                detail, null);
    }

    static AuthorizationPageError missingParameter(String name) {
        return invalidRequest("Missing required parameter: " + name);
    }

    static AuthorizationPageError invalidClient() {
        return new AuthorizationPageError(HttpStatus.UNAUTHORIZED, "invalid_client", "Access blocked: Authorization Error",
                "The OAuth client was not found.", null);
    }

    static AuthorizationPageError redirectUriMismatch(String redirectUri, String detail) {
        return new AuthorizationPageError(HttpStatus.BAD_REQUEST, "redirect_uri_mismatch", "Access blocked: This app's request is invalid",
                detail, redirectUri);
    }

    static AuthorizationPageError unsupportedResponseType() {
        return new AuthorizationPageError(HttpStatus.BAD_REQUEST, "unsupported_response_type", "Access blocked: Authorization Error",
                "This app's request uses a response_type the authorization server does not support for it.", null);
    }

    static AuthorizationPageError invalidScope(String detail) {
        return new AuthorizationPageError(HttpStatus.BAD_REQUEST, "invalid_scope", "Access blocked: This app's request is invalid",
                detail, null);
    }
}
