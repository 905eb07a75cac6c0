package dev.eejobs.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One PostgreSQL server the benchmark runs on, and the database on it that eejobs uses; each peer
 * gets a database of its own beside it ({@code <db>_<peer>}), created like it if missing.
 *
 * @param name how tables and BENCH lines name it: shared, stock or url
 * @param description what it is, for the report
 * @param dataDir the server's data directory where this machine runs it alone (its CPU time is read
 *     from /proc), else null
 */
record PostgresTarget(String name, String description, String host, int port, String database, String user,
        String password, Path dataDir) {

    /** Linux's USER_HZ, the unit of /proc/<pid>/stat times, on every architecture it runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** @param jdbcUrl {@code jdbc:postgresql://host[:port]/database} */
    static PostgresTarget fromUrl(String name, String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("bench.jdbcUrl must look like jdbc:postgresql://host:port/database,"
                    + " not " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (database.isEmpty() || uri.getHost() == null) {
            throw new IllegalArgumentException("bench.jdbcUrl must name a host and a database: " + jdbcUrl);
        }
        return new PostgresTarget(name, jdbcUrl, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database,
                user, password, null);
    }

    /**
     * CPU time used so far by the server's processes (postmaster and its children), where the
     * server is this benchmark's own; empty elsewhere, as other clients' work would count too.
     */
    OptionalLong serverCpuNanos() throws IOException {
        if (dataDir == null) {
            return OptionalLong.empty();
        }
        String postmaster = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
        long ticks = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                String stat;
                try {
                    stat = Files.readString(proc.resolve("stat"));
                } catch (IOException gone) {
                    continue; // exited since the listing
                }
                // after the command name in parentheses: state ppid … utime (14th field) stime (15th)
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (proc.getFileName().toString().equals(postmaster) || f[1].equals(postmaster)) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return OptionalLong.of(ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND));
    }

    String url(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    Connection connect() throws SQLException {
        return connect(database);
    }

    Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(url(db), user, password);
    }

    /** The database a peer keeps its table in, on the same server. */
    String peerDatabase(String peer) {
        return database + "_" + peer.replaceAll("[^A-Za-z0-9]", "");
    }

    void ensureDatabase(String db) throws SQLException {
        try (Connection c = connect("postgres");
                PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, db);
            try (ResultSet rs = q.executeQuery(); Statement s = c.createStatement()) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE \"" + db + "\"");
                }
            }
        }
    }

    /**
     * What server-config/postgresql.asadmin reads. The pool refuses to start without a password
     * property, even where the server trusts the user, so an empty one is sent as "postgres".
     */
    Map<String, String> payaraEnvironment() {
        return Map.of("EEJOBS_DB_HOST", host, "EEJOBS_DB_PORT", Integer.toString(port), "EEJOBS_DB_NAME", database,
                "EEJOBS_DB_USER", user, "EEJOBS_DB_PASSWORD", password.isEmpty() ? "postgres" : password);
    }

    /** The settings that decide commit and cleanup costs, for the report. */
    String settings() throws SQLException {
        StringBuilder s = new StringBuilder();
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN ('server_version',"
                        + " 'autovacuum', 'fsync', 'synchronous_commit', 'shared_buffers', 'max_connections',"
                        + " 'wal_level') ORDER BY name")) {
            while (rs.next()) {
                s.append(s.length() == 0 ? "" : " ").append(rs.getString(1)).append('=').append(rs.getString(2));
            }
        }
        return s.toString();
    }
}
