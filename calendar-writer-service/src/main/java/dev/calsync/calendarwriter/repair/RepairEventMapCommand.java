package dev.calsync.calendarwriter.repair;

import dev.calsync.calendarwriter.CalendarWriterServiceApplication;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar calendar-writer-service.jar repair-event-map --subscriber=<id> --grant=<grantId> --feed=<feedId>}:
 * the service's configuration (database, secrets, token-service, Google) without its HTTP server and
 * without consuming; refills {@code google_event_map} for that feed from Google's private tags, prints the
 * count and exits. Stop the writer's consumers meanwhile (POST /actuator/bindings/… on its management port, with the
 * service credential: README "calendar-writer-service") and let them replay afterwards.
 */
public final class RepairEventMapCommand {

    public static final String NAME = "repair-event-map";

    private RepairEventMapCommand() {
    }

    public static int run(String... args) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CalendarWriterServiceApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.cloud.stream.bindings.eventChanges-in-0.consumer.auto-startup=false",
                        "spring.cloud.stream.bindings.tokenRevocations-in-0.consumer.auto-startup=false")
                .run(args)) {
            var env = context.getEnvironment();
            return context.getBean(EventMapRepair.class).repair(env.getRequiredProperty("subscriber"),
                    UUID.fromString(env.getRequiredProperty("grant")), env.getRequiredProperty("feed"));
        }
    }
}
