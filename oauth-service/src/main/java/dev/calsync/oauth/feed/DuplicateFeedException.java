package dev.calsync.oauth.feed;

/** The subscriber already has a feed with this address; the message is for the person and names no URL. */
public class DuplicateFeedException extends RuntimeException {

    public DuplicateFeedException() {
        super("You have already added this feed.", null, false, false);
    }
}
