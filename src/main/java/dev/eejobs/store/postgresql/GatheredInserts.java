package dev.eejobs.store.postgresql;

import dev.eejobs.api.JobState;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobTransition;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.jpa.JobColumns;
import dev.eejobs.store.jpa.Utc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The statement that writes the one-job inserts of several callers at once ({@link InsertGroup}):
 * one insert from arrays, one commit. Each job is stored as its caller's own statement would have
 * stored it — already started by the enqueuing node when the caller asked for that and the queue
 * is not paused ({@link PostgresHotPath#insertStarted}), else QUEUED — with the pause read once
 * per job ({@code OFFSET 0} keeps the subquery out of the columns that read it, as there).
 *
 * <p>Sent after {@link PostgresHotPath#GENERIC_PLAN}, in the same round trip: PostgreSQL's own
 * choice was a custom plan on every execution, since a plan that knows the arrays' length always
 * looks cheaper than one that does not. Planning this statement cost more than running it (0.18 ms
 * against 0.16 ms for about three rows, pg_stat_statements, 8 callers): nearly a third of the time
 * PostgreSQL spent in eejobs' statements went to planning the same insert again.
 */
final class GatheredInserts {

    /** One caller's insert. {@code owner} null: stored QUEUED; else started by that node at {@code now}. */
    record OneInsert(NewJob job, String owner, Instant now) {}

    private static final String RUNNING = JobTransition.CLAIM.to().toString();

    private static final String INSERT = PostgresHotPath.GENERIC_PLAN + "INSERT INTO eejobs_job (" + JobColumns.insertedList()
            + ", lease_token, lease_owner, started_at, heartbeat_at, lease_expires_at) SELECT "
            + JobColumns.INSERTED.stream().map(c -> switch (c) {
                case "status" -> "CASE WHEN s.go THEN '" + RUNNING + "' ELSE '" + JobState.QUEUED + "' END";
                case "attempts" -> "CASE WHEN s.go THEN 1 ELSE 0 END";
                default -> "x." + c;
            }).collect(Collectors.joining(", "))
            + ", CASE WHEN s.go THEN x.token END, CASE WHEN s.go THEN x.owner END,"
            + " CASE WHEN s.go THEN x.started END, CASE WHEN s.go THEN now() END,"
            + " CASE WHEN s.go THEN now() + x.heartbeat_ms * interval '1 millisecond' * "
            + ClaimedJob.LEASE_INTERVALS + " END"
            + " FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::text[], ?::integer[], ?::timestamptz[],"
            + " ?::timestamptz[], ?::integer[], ?::varchar[], ?::bigint[], ?::varchar[], ?::bigint[], ?::varchar[],"
            + " ?::varchar[], ?::timestamptz[]) AS x(id, job_type, queue_name, argument_json, priority, run_at,"
            + " enqueued_at, max_retries, backoff, heartbeat_ms, schedule_key, timeout_millis, token, owner, started)"
            + " CROSS JOIN LATERAL (SELECT x.owner IS NOT NULL AND NOT EXISTS (SELECT 1 FROM eejobs_queue_state p"
            + " WHERE p.queue_name = x.queue_name AND p.paused = TRUE) AS go OFFSET 0) s"
            + " RETURNING id, status = '" + RUNNING + "'";

    private GatheredInserts() {}

    /**
     * Stores the jobs under {@code ids} in one statement (in autocommit: all or none).
     *
     * @return for each insert, in order, the job as its lease holder sees it when it was stored
     *     started, or null when it was stored QUEUED
     */
    static List<ClaimedJob> insert(Connection c, List<OneInsert> inserts, List<Long> ids) throws SQLException {
        int n = inserts.size();
        Object[][] columns = new Object[15][n];
        String prefix = PostgresHotPath.tokenPrefix();
        for (int i = 0; i < n; i++) {
            NewJob job = inserts.get(i).job();
            String owner = inserts.get(i).owner();
            Object[] row = {ids.get(i), job.type(), job.queue(), job.argumentJson(), job.priority(),
                    text(job.runAt()), text(job.enqueuedAt()), job.maxRetries(), job.backoff(),
                    job.heartbeatMillis(), job.scheduleKey(), job.timeoutMillis(),
                    owner == null ? null : prefix + ids.get(i), owner, owner == null ? null : text(inserts.get(i).now())};
            for (int col = 0; col < row.length; col++) {
                columns[col][i] = row[col];
            }
        }
        String[] types = {"bigint", "varchar", "varchar", "text", "integer", "timestamptz", "timestamptz", "integer",
                "varchar", "bigint", "varchar", "bigint", "varchar", "varchar", "timestamptz"};
        Map<Long, Boolean> started = new HashMap<>(n * 2);
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (int col = 0; col < types.length; col++) {
                s.setArray(col + 1, c.createArrayOf(types[col], columns[col]));
            }
            try (ResultSet rs = PostgresHotPath.afterGenericPlan(s)) {
                while (rs.next()) {
                    started.put(rs.getLong(1), rs.getBoolean(2));
                }
            }
        }
        if (started.size() != n) {
            throw new SQLException("stored " + started.size() + " of " + n + " jobs in one statement");
        }
        List<ClaimedJob> leases = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NewJob job = inserts.get(i).job();
            long id = ids.get(i);
            leases.add(!started.get(id) ? null : new ClaimedJob(id, job.type(), job.queue(), job.argumentJson(), 1,
                    job.maxRetries(), job.backoff(), job.heartbeatMillis(), prefix + id, job.runAt(),
                    job.timeoutMillis()));
        }
        return leases;
    }

    private static String text(Instant instant) {
        return instant == null ? null : Utc.of(instant).toString();
    }
}
