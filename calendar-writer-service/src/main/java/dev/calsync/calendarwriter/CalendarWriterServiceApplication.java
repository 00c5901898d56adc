package dev.calsync.calendarwriter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** calendar-writer-service: writes every change into Google exactly once. */
@SpringBootApplication
public class CalendarWriterServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CalendarWriterServiceApplication.class, args);
    }
}
