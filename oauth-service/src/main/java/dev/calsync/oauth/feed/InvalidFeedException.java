package dev.calsync.oauth.feed;

/** A feed the person entered is not acceptable; the message is for them and never contains the URL. */
public class InvalidFeedException extends RuntimeException {
    public InvalidFeedException(String message) {
        super(message, null, false, false);
    }
}
