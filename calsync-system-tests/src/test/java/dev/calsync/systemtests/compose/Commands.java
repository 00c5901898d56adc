package dev.calsync.systemtests.compose;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line tools the compose test drives (docker, docker compose, the project's scripts) in the
 * repository's folder with an environment of its own; each command's error output goes to one log file.
 */
final class Commands {

    /** A finished command: its exit status and standard output. */
    record Result(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private final Path workingDirectory;
    private final Path log;
    private final Map<String, String> environment = new HashMap<>();

    Commands(Path workingDirectory, Path log) {
        this.workingDirectory = workingDirectory;
        this.log = log;
    }

    void setEnvironment(String name, String value) {
        environment.put(name, value);
    }

    String environment(String name) {
        return environment.containsKey(name) ? environment.get(name) : System.getenv(name);
    }

    /** Runs the command to its end (at most {@code timeout}); any exit status is answered. */
    Result run(Duration timeout, List<String> command) {
        try {
            Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Path output = Files.createTempFile("calsync-command", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            try {
                // output to a file, not a pipe: a daemon the command leaves running cannot hold the pipe open
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroy);
                    process.destroy();
                    throw new IllegalStateException("'" + String.join(" ", command) + "' did not end within " + timeout + " (log: " + log + ")");
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /** Runs the command and answers its output; a failure is an error naming the log. */
    String check(Duration timeout, List<String> command) {
        Result result = run(timeout, command);
        if (!result.succeeded()) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' exited with " + result.exitCode() + "; its errors: " + log);
        }
        return result.output();
    }
}
