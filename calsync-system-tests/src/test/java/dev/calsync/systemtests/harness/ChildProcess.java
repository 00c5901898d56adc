package dev.calsync.systemtests.harness;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One component of the stack as an operating-system process: started from its command and environment,
 * ready when its own check passes, and stopped as an operator would (SIGTERM), killed as a crash would
 * (SIGKILL) or restarted with the same command, ports and data. Every start appends to the same log,
 * {@code target/system/<name>.log}, so a restart's story reads in one file.
 */
public class ChildProcess {

    /** SIGKILL ends a process with 128 + 9. */
    public static final int KILLED_EXIT_CODE = 137;

    private static final Duration STOP_WITHIN = Duration.ofSeconds(30);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final Callable<Boolean> ready;
    private final Duration readyWithin;
    private volatile Process process;

    ChildProcess(String name, List<String> command, Map<String, String> environment, Path log,
                 Callable<Boolean> ready, Duration readyWithin) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.ready = ready;
        this.readyWithin = readyWithin;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** Starts the process without waiting for it to be ready (several start side by side). */
    public synchronized void launch() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== " + java.time.Instant.now() + " starting " + name + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // only what the stack gives it: a developer's own KAFKA_*, POSTGRES_*, CALSYNC_* must not leak in
            builder.environment().keySet().removeIf(variable -> variable.startsWith("KAFKA_") || variable.startsWith("POSTGRES_")
                    || variable.startsWith("CALSYNC_") || variable.startsWith("GOOGLE_") || variable.startsWith("SPRING_")
                    || variable.equals("JAVA_TOOL_OPTIONS"));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Waits until its readiness check passes; fails with the log's tail if it exits or takes too long. */
    public void awaitReady() {
        try {
            await().atMost(readyWithin).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsMatching(e -> !(e instanceof ProcessExited)).until(() -> {
                if (!isAlive()) {
                    throw new ProcessExited();
                }
                return ready.call();
            });
        } catch (ConditionTimeoutException | ProcessExited notReady) {
            boolean exited = !isAlive();
            if (!exited) {
                process.destroyForcibly();
            }
            throw new IllegalStateException(name + (exited ? " exited during start" : " was not ready within " + readyWithin)
                    + "; " + log + " ends:\n" + logTail(40));
        }
    }

    public void start() {
        launch();
        awaitReady();
    }

    /** SIGTERM, as an operator's stop: a graceful shutdown (a consumer leaves its group, a broker its log clean). */
    public int stop() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return running == null ? 0 : running.exitValue();
        }
        running.destroy();
        return waitForExit(running, "SIGTERM");
    }

    /** SIGKILL: no shutdown hook, no last commit, no goodbye to the broker. */
    public int kill() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        running.destroyForcibly();
        return waitForExit(running, "SIGKILL");
    }

    /** Stop (SIGTERM), start again with the same command, ports and data, and wait until ready. */
    public void restart() {
        stop();
        start();
    }

    /** Waits until the process ends by itself (a tool); kills it after {@code within}. Returns its exit code. */
    public int awaitExit(Duration within) {
        Process running = process;
        try {
            if (!running.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly();
                throw new IllegalStateException(name + " did not end within " + within + "; " + log + " ends:\n" + logTail(20));
            }
            return running.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    public boolean isAlive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private int waitForExit(Process running, String signal) {
        try {
            if (!running.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                running.destroyForcibly();
                running.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS);
                throw new IllegalStateException(name + " outlived " + signal + " by " + STOP_WITHIN + "; killed it");
            }
            return running.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + name + " stopped", e);
        }
    }

    @Override
    public String toString() {
        return name + (isAlive() ? " (pid " + process.pid() + ")" : " (not running)");
    }

    private static final class ProcessExited extends RuntimeException {
        ProcessExited() {
            super(null, null, false, false);
        }
    }
}
