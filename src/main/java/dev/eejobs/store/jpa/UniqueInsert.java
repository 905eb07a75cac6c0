package dev.eejobs.store.jpa;

import dev.eejobs.api.JobState;
import dev.eejobs.store.InsertOutcome;
import dev.eejobs.store.NewJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Stores a job under a unique key in plain JDBC, on the connection of the caller's transaction,
 * without a check-then-insert: the unique index on {@code (job_type, unique_active)} decides.
 * Each database gets a statement that does not fail on a duplicate — PostgreSQL
 * {@code ON CONFLICT DO NOTHING}, MariaDB {@code ON DUPLICATE KEY UPDATE id = id} — because a failed
 * statement would doom the caller's transaction on PostgreSQL and be seen by EclipseLink
 * elsewhere. H2 rolls back only the failed statement, never the transaction, so there a plain
 * insert's unique violation is caught here and read as "duplicate". Then the active job's id is
 * read: ours means created. When no job holds the key any more (the other finished, or its
 * transaction rolled back, in between) the insert is tried again.
 */
final class UniqueInsert {

    /** Rounds of insert-then-look-up before giving up: each lost round means another job came and went. */
    private static final int MAX_ROUNDS = 50;

    private static final String COLUMNS = "INSERT INTO eejobs_job (" + JobColumns.insertedList()
            + ", unique_key, unique_active) VALUES " + JobColumns.insertedRow(2);

    private UniqueInsert() {}

    static InsertOutcome insert(SqlDialect dialect, Connection c, NewJob job, long id, String key,
            Instant succeededSince) throws SQLException {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (succeededSince != null) {
                Long recent = recentlySucceeded(c, job.type(), key, succeededSince);
                if (recent != null) {
                    return new InsertOutcome(recent, false);
                }
            }
            tryInsert(dialect, c, job, id, key);
            Long active = activeId(dialect, c, job.type(), key);
            if (active != null) {
                return new InsertOutcome(active, active == id);
            }
            pause(round);
        }
        throw new IllegalStateException("jobs database: could not store or find an active " + job.type()
                + " job with unique key " + key + " in " + MAX_ROUNDS + " rounds");
    }

    private static void tryInsert(SqlDialect dialect, Connection c, NewJob job, long id, String key)
            throws SQLException {
        String sql = switch (dialect) {
            case POSTGRESQL -> COLUMNS + " ON CONFLICT (job_type, unique_active) WHERE unique_active IS NOT NULL"
                    + " DO NOTHING";
            case MARIADB -> COLUMNS + " ON DUPLICATE KEY UPDATE id = id";
            case H2, OTHER -> COLUMNS;
        };
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int p = JobColumns.bindInserted(s, 1, id, job);
            s.setString(p++, key);
            s.setString(p, key);
            s.executeUpdate();
        } catch (SQLException e) {
            if (dialect != SqlDialect.H2 && dialect != SqlDialect.OTHER || !isDuplicateOrBusy(e)) {
                throw e;
            }
            // H2: only this statement was rolled back; the lookup tells what holds the key
        }
    }

    /** A unique violation, or (H2) a lock wait on a row another transaction inserted and has not committed. */
    private static boolean isDuplicateOrBusy(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("23") || state.equals("HYT00") || state.equals("40001"));
    }

    /**
     * The job holding the key now. On MariaDB a locking read: a plain read would see the
     * snapshot of the transaction's first read, from before a concurrent job committed.
     */
    private static Long activeId(SqlDialect dialect, Connection c, String type, String key) throws SQLException {
        String sql = "SELECT id FROM eejobs_job WHERE job_type = ? AND unique_active = ?"
                + (dialect == SqlDialect.MARIADB ? " LOCK IN SHARE MODE" : "");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, type);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static Long recentlySucceeded(Connection c, String type, String key, Instant since) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM eejobs_job WHERE job_type = ? AND unique_key = ?"
                + " AND status = '" + JobState.SUCCEEDED + "' AND finished_at >= ? ORDER BY finished_at DESC")) {
            s.setString(1, type);
            s.setString(2, key);
            s.setObject(3, Utc.of(since));
            s.setMaxRows(1);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** Backs off a little more each round, so a racer's transaction can commit or roll back. */
    private static void pause(int round) {
        try {
            Thread.sleep(Math.min(50, 1 + round * 2L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a unique job", e);
        }
    }
}
