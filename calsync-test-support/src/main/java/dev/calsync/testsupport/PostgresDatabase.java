package dev.calsync.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database on a real PostgreSQL server (see {@link PostgresServer} for which), created for one
 * Spring context configuration or one test class (see {@link RealInfrastructure}) and dropped after it.
 */
public final class PostgresDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final String name;

    private PostgresDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    static PostgresDatabase createFresh(Map<String, String> environment, String owner) {
        return createFresh(PostgresServer.shared(environment), owner);
    }

    static PostgresDatabase createFresh(PostgresServer server, String owner) {
        String readableOwner = owner.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        // PostgreSQL cuts identifiers at 63 bytes; the random part keeps parallel runs apart
        String name = "calsync_test_" + readableOwner.substring(0, Math.min(30, readableOwner.length()))
                + "_" + UUID.randomUUID().toString().substring(0, 8);
        PostgresDatabase database = new PostgresDatabase(server, name);
        database.execute("CREATE DATABASE " + name);
        return database;
    }

    /** {@code postgresql://host:port/name}: the form the services' {@code POSTGRES_URL} takes. */
    public String url() {
        return server.url(name);
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String r2dbcUrl() {
        return "r2dbc:" + url();
    }

    public String name() {
        return name;
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    @Override
    public void close() {
        // FORCE ends connections a still-open application context may hold (PostgreSQL 13+)
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try (Connection connection = server.connectToMaintenanceDatabase();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + server.maintenanceDatabase().getAuthority() + " refused '" + sql
                    + "': " + e.getMessage() + " (start it, or set POSTGRES_URL / POSTGRES_USER / POSTGRES_PASSWORD)", e);
        }
    }
}
