package dev.calsync.testsupport;

import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where {@link RealInfrastructure} gets Kafka and PostgreSQL, chosen by the system property
 * {@code calsync.test.infrastructure} or else the environment variable {@code CALSYNC_TEST_INFRASTRUCTURE}:
 * {@code local} (the default: {@code KAFKA_BOOTSTRAP_SERVERS} / {@code POSTGRES_URL} when set, else an
 * in-JVM broker and the local or an embedded PostgreSQL) or {@code testcontainers} (both as containers on a
 * Docker engine, see {@link ContainerInfrastructure}).
 */
enum InfrastructureChoice {
    LOCAL, TESTCONTAINERS;

    static final String PROPERTY = "calsync.test.infrastructure";
    static final String VARIABLE = "CALSYNC_TEST_INFRASTRUCTURE";

    static InfrastructureChoice current(Map<String, String> environment) {
        return of(System::getProperty, environment);
    }

    static InfrastructureChoice of(UnaryOperator<String> systemProperties, Map<String, String> environment) {
        String value = systemProperties.apply(PROPERTY);
        String source = PROPERTY;
        if (value == null || value.isBlank()) {
            value = environment.get(VARIABLE);
            source = VARIABLE;
        }
        if (value == null || value.isBlank()) {
            return LOCAL;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "local" -> LOCAL;
            case "testcontainers" -> TESTCONTAINERS;
            default -> throw new IllegalArgumentException(source + " is '" + value + "'; it takes 'local' (the default) or 'testcontainers'");
        };
    }

    /** A setting of the containers branch: the system property, else the environment variable, else the default. */
    static String setting(String property, String variable, String defaultValue, Map<String, String> environment) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = environment.get(variable);
        }
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }
}
