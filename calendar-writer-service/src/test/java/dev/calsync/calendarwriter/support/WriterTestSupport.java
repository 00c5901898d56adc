package dev.calsync.calendarwriter.support;

import dev.calsync.testsupport.CalsyncServiceTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The writer in this JVM on a real broker and database, pointed at the emulator and the token-service
 * stand-in of {@link WriterTestFixtures}; tests assert on what Alice would see in her calendars.
 */
@CalsyncServiceTest(properties = {"calsync.writer.retry-initial-backoff=20ms", "calsync.writer.retry-max-backoff=200ms"})
public abstract class WriterTestSupport extends WriterTestFixtures {

    @DynamicPropertySource
    static void pointAtTheEmulator(DynamicPropertyRegistry registry) {
        registry.add("calsync.google.calendar-root-url", () -> emulator().baseUrl() + "/");
        registry.add("calsync.writer.token-service-url", () -> standIn().baseUrl().toString());
    }
}
