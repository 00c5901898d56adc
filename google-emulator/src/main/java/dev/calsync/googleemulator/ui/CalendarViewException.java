package dev.calsync.googleemulator.ui;

import org.springframework.http.HttpStatus;

/** A calendar-view request the emulator cannot answer; the message is shown to the person (escaped). */
final class CalendarViewException extends RuntimeException {

    private final HttpStatus status;

    CalendarViewException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
