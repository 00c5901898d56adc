package dev.calsync.systemtests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@code ./calsync <command>} as an operator would, pointed at the stack: its broker
 * ({@code KAFKA_BOOTSTRAP_SERVERS}) and its secrets ({@code CALSYNC_SECRETS_DIR}). Output is kept in
 * {@code target/system/calsync-<n>.out|.err} beside the components' logs.
 */
public final class CalsyncScript {

    private static final AtomicInteger RUNS = new AtomicInteger();

    /** What the command printed and how it ended. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final SystemStack stack;

    public CalsyncScript(SystemStack stack) {
        this.stack = stack;
    }

    public Result run(Duration within, String... arguments) {
        int run = RUNS.incrementAndGet();
        Path directory = stack.root().resolve("calsync-system-tests/target/system");
        Path out = directory.resolve("calsync-" + run + ".out");
        Path err = directory.resolve("calsync-" + run + ".err");
        List<String> command = new ArrayList<>();
        command.add(stack.root().resolve("calsync").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(stack.root().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("KAFKA_") || variable.startsWith("CALSYNC_"));
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        builder.environment().put("CALSYNC_SECRETS_DIR", stack.secretsDirectory().toString());
        try {
            Process process = builder.start();
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./calsync " + String.join(" ", arguments) + " did not end within " + within
                        + "; output in " + out + ", " + err);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
