package dev.calsync.token.google;

/**
 * Google answered {@code invalid_grant} to a refresh: the grant is dead for good (revoked by the person,
 * unused for six months, a testing client's seven days, or pushed out by the token cap).
 */
public class InvalidGrantException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidGrantException(String message) {
        super(message);
    }
}
