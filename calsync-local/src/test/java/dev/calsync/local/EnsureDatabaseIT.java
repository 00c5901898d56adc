package dev.calsync.local;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EnsureDatabaseIT {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void createsAMissingDatabaseAndAcceptsAnExistingOne() throws Exception {
        // upper case and a hyphen: the name must be quoted, not folded
        String database = "calsync-IT-" + UUID.randomUUID().toString().substring(0, 8);
        String port = String.valueOf(TestPostgres.port());
        try {
            assertThat(run(TestPostgres.HOST, port, database, TestPostgres.USER)).as(text(err)).isZero();
            assertThat(text(out)).contains("database " + database + " created");
            assertThat(exists(database)).isTrue();

            out.reset();
            assertThat(run(TestPostgres.HOST, port, database, TestPostgres.USER)).as(text(err)).isZero();
            assertThat(text(out)).contains("database " + database + " exists");
            try (Connection connection = TestPostgres.connect(database)) {
                assertThat(connection.isValid(2)).isTrue();
            }
        } finally {
            try (Connection connection = TestPostgres.connect("postgres");
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + EnsureDatabase.quoteIdentifier(database));
            }
        }
        assertThat(exists(database)).isFalse();
    }

    @Test
    void aRefusingServerGivesOneLineWithoutThePasswordAndExitStatusTwo() throws Exception {
        String password = "s3cret-" + UUID.randomUUID();
        int status = EnsureDatabase.run(
                new String[] {TestPostgres.HOST, String.valueOf(TestPostgres.port()), "calsync", "no_such_role_calsync"},
                Map.of("POSTGRES_PASSWORD", password), print(out), print(err));

        assertThat(status).isEqualTo(EnsureDatabase.REFUSED);
        assertThat(text(err)).startsWith("EnsureDatabase: cannot ensure database calsync on PostgreSQL at 127.0.0.1:")
                .contains("no_such_role_calsync").doesNotContain(password);
        assertThat(text(err).strip().lines()).hasSize(1);
        assertThat(text(out)).isEmpty();
    }

    @Test
    void anUnreachableServerIsAnOrdinaryFailure() throws Exception {
        int status = run(TestPostgres.HOST, String.valueOf(TestPostgres.freePort()), "calsync", "postgres");

        assertThat(status).isEqualTo(EnsureDatabase.FAILED);
        assertThat(text(err).strip().lines()).hasSize(1);
    }

    private int run(String... args) {
        return EnsureDatabase.run(args, Map.of(), print(out), print(err));
    }

    private static boolean exists(String database) throws Exception {
        try (Connection connection = TestPostgres.connect("postgres");
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
