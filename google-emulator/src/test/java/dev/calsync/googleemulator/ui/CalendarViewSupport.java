package dev.calsync.googleemulator.ui;

import dev.calsync.googleemulator.EmbeddedGoogleEmulator;
import dev.calsync.googleemulator.EmulatorTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An emulator with the calendar view on, for the class (the shared one has it off, as tests and services
 * get it by default); {@link #withoutView} is the shared one.
 */
abstract class CalendarViewSupport extends EmulatorTestSupport {

    static WebTestClient withoutView;

    @BeforeAll
    static void startEmulatorWithTheView() throws IOException {
        withoutView = http;
        Path seedFile = Files.createTempFile("emulator-seed-ui", ".json");
        Files.writeString(seedFile, seed.toJson());
        google = EmbeddedGoogleEmulator.start(seedFile, Map.of("emulator.ui.enabled", "true"));
        http = WebTestClient.bindToServer().baseUrl(google.baseUrl().toString()).build();
    }

    static String viewUrl(String query) {
        return google.baseUrl() + "/emulator/ui" + (query.isEmpty() ? "" : "?" + query);
    }
}
