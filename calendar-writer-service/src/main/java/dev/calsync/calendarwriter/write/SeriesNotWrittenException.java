package dev.calsync.calendarwriter.write;

/** An override arrived before its series: retried by the binder a bounded number of times, then dead-lettered. */
public class SeriesNotWrittenException extends RuntimeException {
    public SeriesNotWrittenException(String message) {
        super(message);
    }
}
