package dev.calsync.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresServerIT {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void runsAsAProcessStopsOnSigtermAndKeepsItsData(@TempDir Path temp) throws Exception {
        int port = TestPostgres.freePort();
        Path data = temp.resolve("data");
        Path log = temp.resolve("server.log");

        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                EmbeddedPostgresServer.class.getName(), String.valueOf(port), data.toString())
                .redirectError(log.toFile())
                .start();
        try {
            String ready = readyLine(process);
            assertThat(ready).as("stdout of the server; log: %s", read(log))
                    .startsWith(EmbeddedPostgresServer.READY).contains("127.0.0.1:" + port);

            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (id int)");
                statement.execute("INSERT INTO kept VALUES (42)");
            }

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
            assertThat(process.exitValue()).as(read(log)).isEqualTo(143);
            assertThat(data.resolve("postmaster.pid")).doesNotExist();
            assertThat(TestPostgres.accepts(port)).isFalse();
        } finally {
            process.destroyForcibly();
        }

        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(port, data);
             Connection connection = DriverManager.getConnection(again.jdbcUrl("postgres"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
        assertThat(TestPostgres.accepts(port)).isFalse();
    }

    private static String readyLine(Process process) throws Exception {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = stdout.readLine()) != null) {
            if (line.startsWith(EmbeddedPostgresServer.READY)) {
                return line;
            }
        }
        return "(exited with " + process.waitFor() + " before it was ready)";
    }

    private static String read(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
