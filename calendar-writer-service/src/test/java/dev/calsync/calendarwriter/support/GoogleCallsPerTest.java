package dev.calsync.calendarwriter.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Appends the Google calls each test caused to {@code target/google-calls-per-test.md}, one list item
 * per test ({@code - EventWritingIT.insertUpdateDelete…: {calendars.insert: 1, events.insert: 2}}): the closing
 * note of the writer lists them. The first test of a JVM starts the file afresh, so it describes one run.
 * Counts are the emulator's per-method counts for Alice's account, including the few calls a test makes
 * as Alice herself (to delete a calendar the way the person would, say).
 */
public class GoogleCallsPerTest implements AfterEachCallback {

    /** A test class that can tell which Google calls its current test caused. */
    public interface Source {
        /** Method → calls since the test began; null-free and safe to call after the test. */
        Map<String, Long> googleCallsOfThisTest() throws Exception;
    }

    static final Path FILE = Path.of(System.getProperty("basedir", "."), "target", "google-calls-per-test.md");
    private static boolean started;

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (!(context.getRequiredTestInstance() instanceof Source source)) {
            return;
        }
        String calls = source.googleCallsOfThisTest().entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
        String outcome = context.getExecutionException().isPresent() ? " (failed)" : "";
        append("- " + context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName() + outcome
                + ": " + calls + "\n");
    }

    private static synchronized void append(String line) throws IOException {
        Files.createDirectories(FILE.getParent());
        if (!started) {
            started = true;
            Files.writeString(FILE, "# Google calls per writer test (emulator counts for the test's account)\n\n",
                    StandardCharsets.UTF_8);
        }
        Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
