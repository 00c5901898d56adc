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
        return start(module, java.util.Map.of(), sources);
    }

    /**
     * @param variables settings the service reads from its environment ({@code GOOGLE_ISSUER}, …), for this
     *     service only: the services of one JVM share its system properties and environment
     */
    static ConfigurableApplicationContext start(String module, java.util.Map<String, Object> variables, Class<?>... sources) {
        Path config = Path.of("..", module, "src", "main", "resources", "application.yml").toAbsolutePath().normalize();
        if (!Files.isRegularFile(config)) {
            throw new IllegalStateException("no application.yml for " + module + " at " + config);
        }
        java.util.Map<String, Object> properties = new java.util.HashMap<>(variables);
        properties.put("spring.config.location", "file:" + config);
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        return new SpringApplicationBuilder(sources).properties(properties).run();
    }
}
