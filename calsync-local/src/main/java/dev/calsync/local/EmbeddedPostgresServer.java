package dev.calsync.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The PostgreSQL server {@code ./calsync up} starts when no other one is usable: zonky's embedded binaries,
 * run as a process of their own, with a data directory that survives restarts.
 *
 * <p>{@code java dev.calsync.local.EmbeddedPostgresServer <port> <data directory>} prints one line starting
 * with {@value #READY} once the server accepts connections, then blocks; SIGTERM (Ctrl-C) stops the server
 * cleanly. The superuser is {@code postgres} with trust authentication on localhost only.
 */
public final class EmbeddedPostgresServer implements Closeable {

    /** The first word of the line printed once the server accepts connections. */
    public static final String READY = "ready:";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** Starts (and on first use initialises) the server; an existing data directory is kept as it is. */
    public static EmbeddedPostgresServer start(int port, Path dataDirectory) throws IOException {
        Path data = dataDirectory.toAbsolutePath();
        Files.createDirectories(data);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        return new EmbeddedPostgresServer(postgres, data);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** A JDBC URL of the given database, for the superuser {@code postgres}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=postgres";
    }

    /** Stops the server (fast shutdown); the data directory stays. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedPostgresServer <port> <data directory>");
            System.exit(64);
        }
        int port = Integer.parseInt(args[0]);
        Path dataDirectory = Path.of(args[1]);

        EmbeddedPostgresServer server;
        try {
            server = start(port, dataDirectory);
        } catch (Exception | Error e) {
            System.err.println("embedded PostgreSQL did not start on port " + port + " with data in "
                    + dataDirectory.toAbsolutePath() + ": " + e);
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                System.out.println("embedded PostgreSQL on port " + port + " stopped");
            } catch (IOException | RuntimeException e) {
                System.err.println("embedded PostgreSQL on port " + port + " did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "embedded-postgres-stop"));

        System.out.println(READY + " embedded PostgreSQL accepting connections on 127.0.0.1:" + port
                + " (data in " + server.dataDirectory() + ")");
        System.out.flush();
        stopped.await();
    }
}
