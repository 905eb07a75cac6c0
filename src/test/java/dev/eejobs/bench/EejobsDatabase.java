package dev.eejobs.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The benchmark's direct access to eejobs' table: preloading backlogs, emptying it, reading outcomes. */
final class EejobsDatabase {

    private final PostgresTarget target;

    EejobsDatabase(PostgresTarget target) {
        this.target = target;
    }

    /**
     * @return whether the tables exist at the newest migration the WAR carries: an older schema is
     *     migrated by starting a node before anything is preloaded, since a migration waits for the
     *     table lock that holds claims back ({@link #holdClaims()})
     */
    boolean hasSchema() throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('eejobs_schema_history') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return false;
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT coalesce(max(CAST(version AS int)), 0) FROM eejobs_schema_history WHERE success")) {
                rs.next();
                return rs.getInt(1) >= newestMigration();
            }
        }
    }

    /** @return the number of the WAR's newest PostgreSQL migration (V&lt;n&gt;__….sql) */
    private static int newestMigration() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/eejobs/postgresql"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max().orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void truncate() throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE eejobs_job CASCADE"); // with the attempts and log lines that reference it
            s.execute("VACUUM ANALYZE eejobs_job");
        }
    }

    /**
     * Stores {@code warmup + n} due jobs, none running: ids 1 to {@code warmup} run first (earlier
     * run-at), so the measured part, ids above {@code warmup}, starts on a warm server.
     */
    void preload(int warmup, int n) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE eejobs_job CASCADE"); // with the attempts and log lines that reference it
            int total = warmup + n;
            s.execute("INSERT INTO eejobs_job (id, job_type, queue_name, status, argument_json, priority, run_at,"
                    + " enqueued_at, attempts, max_retries, backoff, heartbeat_ms)"
                    + " SELECT g, 'bench-noop', 'bench', 'QUEUED', '{\"enqueuedNanos\":0,\"run\":\"drain\"}', 0,"
                    + " now() - interval '1 hour' + g * interval '1 microsecond', now(), 0, 5, 'exponential(2)', 5000"
                    + " FROM generate_series(1, " + total + ") g");
            s.execute("SELECT setval('eejobs_job_seq', " + ((total / 100) + 2) * 100 + ")");
            s.execute("VACUUM ANALYZE eejobs_job");
        }
    }

    /**
     * Holds back every claim until closed: an EXCLUSIVE table lock lets readers through (so nodes
     * start and report ready) but no {@code SELECT … FOR UPDATE}, so all nodes of a drain start
     * claiming at the same moment instead of the first one up draining alone.
     */
    AutoCloseable holdClaims() throws SQLException {
        Connection c = target.connect();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE eejobs_job IN EXCLUSIVE MODE");
        }
        return () -> {
            try (c) {
                c.commit();
            }
        };
    }

    void awaitEmpty(Duration max) throws SQLException {
        long deadline = System.nanoTime() + max.toNanos();
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM eejobs_job WHERE status IN ('QUEUED', 'RUNNING')")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        throw new IllegalStateException("jobs still queued or running after " + max);
    }

    /** @return jobs not yet run: queued or running */
    long unfinished() throws SQLException {
        return (long) number("SELECT count(*) FROM eejobs_job WHERE status IN ('QUEUED', 'RUNNING')");
    }

    /** @return when the last job finished, in microseconds since the epoch, by the servers' clock */
    double lastFinishedMicros() throws SQLException {
        return number("SELECT extract(epoch FROM max(finished_at)) * 1000000 FROM eejobs_job");
    }

    /** @return the one number a query answers */
    private double number(String query) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    /** Jobs per second of the part after the warm-up, from the jobs' own start and finish times. */
    double drainRate(int warmup) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), extract(epoch FROM max(finished_at) - min(started_at))"
                        + " FROM eejobs_job WHERE id > " + warmup + " AND status = 'SUCCEEDED'")) {
            rs.next();
            return rs.getLong(1) / rs.getDouble(2);
        }
    }

    /** Jobs claimed more than once: each claim counts an attempt, and a no-op job never fails. */
    long reclaimedJobs() throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM eejobs_job WHERE attempts > 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
