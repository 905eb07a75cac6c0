package dev.eejobs.store.jpa;

import dev.eejobs.store.JobTransition;
import dev.eejobs.store.NewJob;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The job table's column lists that more than one statement writes, in one place for JPQL (the
 * entity's attribute names) and SQL (the column names of {@link JobRecord}): what an insert writes,
 * and the lease a job holds only while RUNNING.
 */
public final class JobColumns {

    /** A column of the job table: its SQL name, its JPQL attribute, and whether it holds a time. */
    record Column(String sql, String jpql, boolean time) {}

    /** What every transition out of RUNNING clears: the lease and its times. */
    static final List<Column> LEASE = List.of(
            new Column("lease_token", "leaseToken", false),
            new Column("lease_owner", "leaseOwner", false),
            new Column("heartbeat_at", "heartbeatAt", true),
            new Column("lease_expires_at", "leaseExpiresAt", true));

    /** The columns an insert writes, in this order; the others take their defaults. */
    public static final List<String> INSERTED = List.of("id", "job_type", "queue_name", "status", "argument_json",
            "priority", "run_at", "enqueued_at", "attempts", "max_retries", "backoff", "heartbeat_ms", "schedule_key",
            "timeout_millis");

    /**
     * The claim condition that keeps a paused queue's jobs where they are; its one parameter is the
     * queue. Inside the claim statement itself, so a pause holds on every node from the moment it
     * commits. Not correlated with the job row: the database evaluates it once per statement (on
     * PostgreSQL an InitPlan and a one-time filter) and skips the scan of a paused queue, where a
     * correlated form walks every due job of the queue to reject each.
     */
    public static final String NOT_PAUSED = "AND NOT EXISTS (SELECT 1 FROM eejobs_queue_state p"
            + " WHERE p.queue_name = ? AND p.paused = TRUE)";

    private JobColumns() {}

    /**
     * Binds one row of {@link #INSERTED} but its literal columns ({@code status} = QUEUED and
     * {@code attempts} = 0, written in the statement's text): twelve parameters from {@code p}.
     *
     * @return the next parameter index
     */
    public static int bindInserted(PreparedStatement s, int p, long id, NewJob job)
            throws SQLException {
        s.setLong(p++, id);
        s.setString(p++, job.type());
        s.setString(p++, job.queue());
        s.setString(p++, job.argumentJson());
        s.setInt(p++, job.priority());
        s.setObject(p++, Utc.of(job.runAt()));
        s.setObject(p++, Utc.of(job.enqueuedAt()));
        s.setInt(p++, job.maxRetries());
        s.setString(p++, job.backoff());
        s.setLong(p++, job.heartbeatMillis());
        s.setString(p++, job.scheduleKey());
        s.setLong(p++, job.timeoutMillis());
        return p;
    }

    /**
     * @param extra parameters for columns appended after {@link #INSERTED}
     * @return one row of values for {@link #INSERTED}: a parameter each, but {@code status}
     *     (QUEUED) and {@code attempts} (0), written literally as {@link #bindInserted} expects
     */
    public static String insertedRow(int extra) {
        return java.util.stream.Stream.concat(INSERTED.stream(), java.util.Collections.nCopies(extra, "").stream())
                .map(c -> switch (c) {
                    case "status" -> "'" + dev.eejobs.api.JobState.QUEUED + "'";
                    case "attempts" -> "0";
                    default -> "?";
                })
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** @return {@link #INSERTED}, comma-separated, for an insert's or a COPY's column list */
    public static String insertedList() {
        return String.join(", ", INSERTED);
    }

    /** @return SQL assignments clearing the lease: {@code lease_token = NULL, …} */
    public static String clearLeaseSql() {
        return LEASE.stream().map(c -> c.sql() + " = NULL").collect(Collectors.joining(", "));
    }

    /**
     * @param t a transition
     * @return the SQL assignment of {@code unique_active} that the transition makes: NULL when it
     *     leaves an active state (the key is free again), the stored key when it re-activates a
     *     job, else a no-op assignment
     */
    public static String freeUniqueKeySql(JobTransition t) {
        return t.deactivates() ? "unique_active = NULL"
                : t.activates() ? "unique_active = unique_key" : "unique_active = unique_active";
    }

    /**
     * @return JPQL assignments clearing the lease. Times are cleared with {@code NULLIF(x, x)}, a
     *     NULL of the column's own type: EclipseLink 5 binds the literal NULL (or a null parameter)
     *     as a string, which PostgreSQL refuses for a timestamptz column.
     */
    static String clearLeaseJpql() {
        return LEASE.stream().map(c -> "j." + c.jpql() + " = "
                + (c.time() ? "NULLIF(j." + c.jpql() + ", j." + c.jpql() + ")" : "NULL"))
                .collect(Collectors.joining(", "));
    }
}
