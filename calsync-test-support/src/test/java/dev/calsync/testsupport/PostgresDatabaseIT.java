package dev.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresDatabaseIT {

    @Test
    void closeDropsTheDatabaseEvenWhileAConnectionIsOpen() throws Exception {
        PostgresServer server = PostgresServer.shared(System.getenv());
        PostgresDatabase database = PostgresDatabase.createFresh(server, "DropTest");
        Connection stillOpen = database.connect();
        database.close();

        try (Connection admin = server.connectToMaintenanceDatabase();
             ResultSet result = admin.createStatement().executeQuery(
                     "select count(*) from pg_database where datname = '" + database.name() + "'")) {
            result.next();
            assertThat(result.getInt(1)).isZero();
        }
        assertThat(stillOpen.isValid(1)).isFalse();
    }

    @Test
    void aConfiguredServerThatIsUnreachableIsAClearError() {
        PostgresServer nowhere = PostgresServer.choose(Map.of("POSTGRES_URL", "postgresql://127.0.0.1:1/postgres"));
        assertThat(nowhere.maintenanceDatabase()).isEqualTo(URI.create("postgresql://127.0.0.1:1/postgres"));
        assertThatThrownBy(() -> PostgresDatabase.createFresh(nowhere, "Nowhere"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageContaining("POSTGRES_URL");
    }

    @Test
    void theEmbeddedFallbackIsARealServer() throws Exception {
        PostgresServer embedded = PostgresServer.startEmbedded();
        assertThat(embedded.maintenanceDatabase().getPort()).isNotEqualTo(5432);
        try (PostgresDatabase database = PostgresDatabase.createFresh(embedded, "Embedded");
             Connection connection = database.connect();
             ResultSet version = connection.createStatement().executeQuery("show server_version")) {
            version.next();
            assertThat(version.getString(1)).matches("\\d+\\.\\d+.*");
        }
    }
}
