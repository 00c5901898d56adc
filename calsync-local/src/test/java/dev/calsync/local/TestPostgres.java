package dev.calsync.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real PostgreSQL server for tests: the machine's own on 127.0.0.1:5432 (user postgres, trust
 * authentication), else an embedded one started once for this JVM.
 */
final class TestPostgres {

    static final String HOST = "127.0.0.1";
    static final String USER = "postgres";

    private static Integer port;

    private TestPostgres() {
    }

    static synchronized int port() throws IOException {
        if (port == null) {
            port = localServerUsable() ? 5432 : startEmbedded();
        }
        return port;
    }

    static Connection connect(String database) throws SQLException, IOException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + port() + "/" + database + "?user=" + USER);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean localServerUsable() {
        if (!accepts(5432)) {
            return false;
        }
        try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":5432/postgres?user=" + USER)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static int startEmbedded() throws IOException {
        Path data = Files.createTempDirectory("calsync-local-test-pg");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(freePort(), data.resolve("data"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException ignored) {
                // the JVM is going away
            }
        }));
        return server.port();
    }
}
