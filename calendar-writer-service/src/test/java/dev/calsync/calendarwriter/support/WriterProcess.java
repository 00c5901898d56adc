package dev.calsync.calendarwriter.support;

import static org.awaitility.Awaitility.await;

import dev.calsync.calendarwriter.CalendarWriterServiceApplication;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * calendar-writer-service as a process of its own ({@code java -cp … CalendarWriterServiceApplication}),
 * configured through environment variables as in production, so that a test can kill it for real:
 * {@link #kill()} is SIGKILL — no shutdown hook, no graceful stop, no last offset commit, no leaving the
 * consumer group. Its output goes to {@code target/writer-process-<n>.log}.
 */
public final class WriterProcess implements AutoCloseable {

    /** SIGKILL ends a JVM with 128 + 9. */
    public static final int KILLED_EXIT_CODE = 137;

    private static final AtomicInteger STARTED = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    /** Where its Actuator, and so its readiness, answers. */
    private final int managementPort;
    private final Path log;

    private WriterProcess(Process process, int managementPort, Path log) {
        this.process = process;
        this.managementPort = managementPort;
        this.log = log;
    }

    /**
     * Starts a writer with these environment variables (on top of this JVM's) and Spring properties, and
     * waits until it is ready (its readiness includes the Kafka binder and the database).
     */
    public static WriterProcess start(Map<String, String> environment, Map<String, String> properties, Duration readyWithin)
            throws IOException, InterruptedException {
        int port = freePort();
        int managementPort = freePort();
        Path log = Path.of(System.getProperty("basedir", "."), "target", "writer-process-" + STARTED.incrementAndGet() + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-cp", serviceClassPath(), CalendarWriterServiceApplication.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("MANAGEMENT_PORT", String.valueOf(managementPort));
        WriterProcess writer = new WriterProcess(builder.start(), managementPort, log);
        // a test JVM that dies must not leave a writer consuming from the shared broker
        Runtime.getRuntime().addShutdownHook(new Thread(writer.process::destroyForcibly));
        writer.awaitReady(readyWithin);
        return writer;
    }

    /**
     * This JVM's class path without the test classes: the service sees its own classes and dependencies
     * (the emulator's jar is harmless, nothing scans its packages), but none of the tests' Spring
     * configurations, which component scanning would otherwise pick up.
     */
    private static String serviceClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(Duration within) {
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the writer process exited with " + process.exitValue() + "; its log ends:\n" + logTail());
                }
                try {
                    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (IOException notListeningYet) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException notReady) {
            process.destroyForcibly();
            throw new IllegalStateException("the writer process was not ready within " + within + "; its log ends:\n" + logTail());
        }
    }

    /** SIGKILL, and wait until the process is gone. Returns its exit code. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the writer process outlived SIGKILL by 30 s");
        }
        return process.exitValue();
    }

    /** SIGTERM: Spring stops the bindings, so the consumer leaves its group at once; waits until the process is gone. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
