package dev.calsync.support.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code calsync-defaults.yml} (what every service configures alike: Kafka, PostgreSQL, actuator,
 * binder retry) with the lowest precedence, so each service's {@code application.yml} and environment
 * variables override it and the four services cannot drift apart.
 */
public class CalsyncDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String DEFAULTS = "calsync-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(DEFAULTS)) {
            return;
        }
        try {
            new YamlPropertySourceLoader().load(DEFAULTS, new ClassPathResource(DEFAULTS))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS, e);
        }
    }
}
