package dev.eejobs.store.jpa;

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

    private JobColumns() {}

    /** @return {@link #INSERTED}, comma-separated, for an insert's or a COPY's column list */
    public static String insertedList() {
        return String.join(", ", INSERTED);
    }

    /** @return SQL assignments clearing the lease: {@code lease_token = NULL, …} */
    public static String clearLeaseSql() {
        return LEASE.stream().map(c -> c.sql() + " = NULL").collect(Collectors.joining(", "));
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
