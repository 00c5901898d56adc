package dev.calsync.testsupport;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database on a real PostgreSQL server, created for one test class and dropped after it. The
 * server is {@code POSTGRES_URL} ({@code postgresql://host:port/maintenance-db}) with {@code POSTGRES_USER}
 * / {@code POSTGRES_PASSWORD} when set, else the local server at 127.0.0.1:5432 as user postgres.
 */
public final class PostgresDatabase implements AutoCloseable {

    static final String DEFAULT_SERVER = "postgresql://127.0.0.1:5432/postgres";

    private final URI server;
    private final String user;
    private final String password;
    private final String name;

    private PostgresDatabase(URI server, String user, String password, String name) {
        this.server = server;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    static PostgresDatabase createFresh(Map<String, String> environment, String owner) {
        URI server = URI.create(environment.getOrDefault("POSTGRES_URL", DEFAULT_SERVER));
        String user = environment.getOrDefault("POSTGRES_USER", "postgres");
        String password = environment.getOrDefault("POSTGRES_PASSWORD", "");
        String readableOwner = owner.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        // PostgreSQL cuts identifiers at 63 bytes; the random part keeps parallel runs apart
        String name = "calsync_test_" + readableOwner.substring(0, Math.min(30, readableOwner.length()))
                + "_" + UUID.randomUUID().toString().substring(0, 8);
        PostgresDatabase database = new PostgresDatabase(server, user, password, name);
        database.execute("CREATE DATABASE " + name);
        return database;
    }

    /** {@code postgresql://host:port/name}: the form the services' {@code POSTGRES_URL} takes. */
    public String url() {
        return server.getScheme() + "://" + server.getAuthority() + "/" + name;
    }

    public String jdbcUrl() {
        return "jdbc:" + url();
    }

    public String r2dbcUrl() {
        return "r2dbc:" + url();
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    @Override
    public void close() {
        // FORCE ends connections a still-open application context may hold (PostgreSQL 13+)
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        String maintenance = "jdbc:" + server.getScheme() + "://" + server.getAuthority() + server.getPath();
        try (Connection connection = DriverManager.getConnection(maintenance, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + server.getAuthority() + " refused '" + sql + "': "
                    + e.getMessage() + " (start it, or set POSTGRES_URL / POSTGRES_USER / POSTGRES_PASSWORD)", e);
        }
    }
}
