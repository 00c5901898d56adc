package dev.calsync.local;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * Creates a database if it is missing: {@code java dev.calsync.local.EnsureDatabase <host> <port> <database>
 * [user]}. It connects to the server's {@code postgres} database; the user defaults to {@code POSTGRES_USER}
 * (else {@code postgres}), the password comes only from the environment variable {@code POSTGRES_PASSWORD}
 * (never from the command line, never printed).
 *
 * <p>Exit status: 0 the database exists (now); {@value #REFUSED} the server refused us (authentication,
 * unknown role, no right to create databases); {@value #FAILED} anything else (server unreachable, bad
 * arguments). Every failure is one line on stderr.
 */
public final class EnsureDatabase {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int REFUSED = 2;

    private EnsureDatabase() {
    }

    /** What happened to the database. */
    public enum Outcome { CREATED, EXISTED }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.length < 3 || args.length > 4) {
            err.println("usage: EnsureDatabase <host> <port> <database> [user]  (password from POSTGRES_PASSWORD)");
            return FAILED;
        }
        String host = args[0];
        int port;
        try {
            port = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            err.println("EnsureDatabase: port is not a number: " + args[1]);
            return FAILED;
        }
        String database = args[2];
        String user = args.length > 3 ? args[3] : environment.getOrDefault("POSTGRES_USER", "postgres");
        String password = environment.get("POSTGRES_PASSWORD");
        String where = "PostgreSQL at " + host + ":" + port + " as user " + user;
        try {
            Outcome outcome = ensure(host, port, user, password, database);
            out.println("database " + database + (outcome == Outcome.CREATED ? " created" : " exists") + " on " + where);
            return OK;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
            err.println("EnsureDatabase: cannot ensure database " + database + " on " + where + ": "
                    + oneLine(e.getMessage(), password) + state);
            return refused(e) ? REFUSED : FAILED;
        } catch (RuntimeException e) {
            err.println("EnsureDatabase: " + where + ": " + oneLine(String.valueOf(e), password));
            return FAILED;
        }
    }

    /** Creates {@code database} unless it exists; the connection goes to the server's {@code postgres} database. */
    public static Outcome ensure(String host, int port, String user, String password, String database)
            throws SQLException {
        if (database.isBlank()) {
            throw new IllegalArgumentException("database name is empty");
        }
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("ApplicationName", "calsync EnsureDatabase");
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            if (exists(connection, database)) {
                return Outcome.EXISTED;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + quoteIdentifier(database));
                return Outcome.CREATED;
            } catch (SQLException e) {
                // another process created it between the check and the create
                if ("42P04".equals(e.getSQLState()) || exists(connection, database)) {
                    return Outcome.EXISTED;
                }
                throw e;
            }
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Class 28 (authorization), 3D000 (no postgres database), 42501 (no right to create databases). */
    private static boolean refused(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("28") || state.equals("3D000") || state.equals("42501"));
    }

    private static String oneLine(String message, String password) {
        String text = message == null ? "" : message.replaceAll("\\s+", " ").strip();
        if (password != null && !password.isEmpty()) {
            text = text.replace(password, "***");
        }
        return text;
    }
}
