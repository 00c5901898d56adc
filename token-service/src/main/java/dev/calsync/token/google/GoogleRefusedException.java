package dev.calsync.token.google;

/**
 * Google refused a call for a reason retrying cannot fix and that is not about the grant: an unknown or
 * wrongly configured OAuth client ({@code invalid_client}), a malformed request. An operator must look.
 */
public class GoogleRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GoogleRefusedException(String message) {
        super(message);
    }
}
