package dev.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresDatabaseTest {

    private final Map<String, String> environment = new HashMap<>(System.getenv());

    @Test
    void closeDropsTheDatabaseEvenWhileAConnectionIsOpen() throws Exception {
        PostgresDatabase database = PostgresDatabase.createFresh(environment, "DropTest");
        Connection stillOpen = database.connect();
        database.close();

        String server = environment.getOrDefault("POSTGRES_URL", PostgresDatabase.DEFAULT_SERVER);
        try (Connection admin = DriverManager.getConnection("jdbc:" + server, database.user(), database.password());
             ResultSet result = admin.createStatement().executeQuery(
                     "select count(*) from pg_database where datname = '" + database.name() + "'")) {
            result.next();
            assertThat(result.getInt(1)).isZero();
        }
        assertThat(stillOpen.isValid(1)).isFalse();
    }

    @Test
    void anUnreachableServerIsAClearError() {
        environment.put("POSTGRES_URL", "postgresql://127.0.0.1:1/postgres");
        assertThatThrownBy(() -> PostgresDatabase.createFresh(environment, "Nowhere"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageContaining("POSTGRES_URL");
    }
}
