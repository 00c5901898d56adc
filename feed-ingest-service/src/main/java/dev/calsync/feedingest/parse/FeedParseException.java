package dev.calsync.feedingest.parse;

/** The feed as a whole could not be read (not an iCalendar file, truncated, binary); nothing is applied. */
public class FeedParseException extends Exception {

    public FeedParseException(String message) {
        super(message);
    }
}
