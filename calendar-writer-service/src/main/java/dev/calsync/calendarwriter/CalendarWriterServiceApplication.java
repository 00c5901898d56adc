package dev.calsync.calendarwriter;

import dev.calsync.calendarwriter.repair.RepairEventMapCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** calendar-writer-service: writes every change into Google exactly once. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CalendarWriterServiceApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(RepairEventMapCommand.NAME)) {
            int count = RepairEventMapCommand.run(Arrays.copyOfRange(args, 1, args.length));
            System.out.println("google_event_map: " + count + " rows refilled from Google");
            return;
        }
        SpringApplication.run(CalendarWriterServiceApplication.class, args);
    }
}
