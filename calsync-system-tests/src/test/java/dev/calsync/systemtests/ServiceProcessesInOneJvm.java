package dev.calsync.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a service's Spring application inside the test JVM with the service's own application.yml.
 * Every service jar carries an application.yml at its root, so with several services on one class path
 * the default lookup would find only the first; pointing each at its own file keeps them apart.
 */
final class ServiceProcessesInOneJvm {

    private ServiceProcessesInOneJvm() {
    }

    static ConfigurableApplicationContext start(String module, Class<?>... sources) {
        Path config = Path.of("..", module, "src", "main", "resources", "application.yml").toAbsolutePath().normalize();
        if (!Files.isRegularFile(config)) {
            throw new IllegalStateException("no application.yml for " + module + " at " + config);
        }
        return new SpringApplicationBuilder(sources)
                .properties(
                        "spring.config.location=file:" + config,
                        "server.port=0",
                        "management.server.port=0")
                .run();
    }
}
