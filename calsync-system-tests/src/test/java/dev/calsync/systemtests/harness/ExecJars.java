package dev.calsync.systemtests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the build put each module's runnable artifacts, as {@code ./calsync up} looks for them. */
final class ExecJars {

    private ExecJars() {
    }

    /** {@code <module>/target/<module>-*-exec.jar}: the version is whatever the build produced. */
    static Path of(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        List<Path> jars;
        try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            jars = files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(module + "-") && name.endsWith("-exec.jar");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("no executable jar of " + module + " (" + target + "/" + module
                    + "-*-exec.jar): the system tests run the built services. Build them first: mvn -B verify builds every"
                    + " module before calsync-system-tests, or mvn -B -DskipTests package -pl " + module);
        }
        if (jars.size() > 1) {
            throw new IllegalStateException("several executable jars of " + module + " in " + target + " (" + jars
                    + "): remove the stale ones (mvn clean) so the tests cannot run an old build");
        }
        return jars.get(0);
    }

    /** calsync-local's classes and the dependencies its package phase copies ({@code ./calsync}'s class path). */
    static String localToolsClassPath(Path root) {
        Path classes = root.resolve("calsync-local/target/classes");
        Path lib = root.resolve("calsync-local/target/lib");
        if (!Files.isDirectory(classes) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("calsync-local is not packaged (" + classes + ", " + lib + "): build it first,"
                    + " mvn -B -DskipTests package -pl calsync-local -am");
        }
        return classes + java.io.File.pathSeparator + lib + "/*";
    }
}
