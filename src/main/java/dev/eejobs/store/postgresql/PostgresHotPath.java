package dev.eejobs.store.postgresql;

import dev.eejobs.api.JobState;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobTransition;
import dev.eejobs.store.Lease;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.jpa.JobColumns;
import dev.eejobs.store.jpa.Utc;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The statements on the hot path, in plain JDBC for PostgreSQL: a claim is one
 * {@code UPDATE … FOR UPDATE SKIP LOCKED … RETURNING}, completions and heartbeats are one
 * statement per batch (the batch passed as arrays, so the statement text never changes and its
 * plan is reused), inserts are multi-row. Every write after a claim is fenced by its lease token.
 */
final class PostgresHotPath {

    /**
     * The channel announcements go to: the announcer loop notifies it after enqueues commit (never
     * inside the enqueuing transaction), one payload per queue, {@code queue<separator>node tag} so
     * a node can ignore its own (see {@link PostgresWakeUpSource}).
     */
    static final String CHANNEL = "eejobs_jobs";

    /** Rows per multi-row insert: 12 parameters each, well under the protocol's 32,767. */
    static final int INSERT_CHUNK = 1_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where a claim of unprioritised jobs resumes: after this (run_at, id). */
    record Keyset(Instant runAt, long id) {}

    /** The claimed jobs in claim order, and the position of the last unprioritised one, if it was last. */
    record Claim(List<ClaimedJob> jobs, Keyset last) {}

    /**
     * When a lease written now ends: {@link ClaimedJob#LEASE_INTERVALS} heartbeat intervals after
     * the database's own {@code now()}, for claims and renewals alike.
     */
    private static final String LEASE_EXPIRY = "now() + j.heartbeat_ms * interval '1 millisecond' * "
            + ClaimedJob.LEASE_INTERVALS;

    /**
     * Picks due jobs in claim order from three index ranges — prioritised above zero, priority
     * zero (bounded by run_at, optionally resuming after a keyset), prioritised below zero — each
     * locked with SKIP LOCKED, then claims the first {@code limit} of them in one statement.
     */
    private static final String CLAIM = """
            UPDATE eejobs_job j
               SET status = '%1$s', attempts = j.attempts + 1, lease_token = ?::text || j.id, lease_owner = ?,
                   started_at = ?, heartbeat_at = now(), start_recorded_at = NULL,
                   lease_expires_at = %2$s
              FROM (SELECT id FROM (
                      SELECT * FROM (SELECT id, priority, run_at FROM eejobs_job
                                      WHERE queue_name = ? %5$s AND status = '%3$s' AND priority > 0 AND run_at <= ?
                                        AND job_type = ANY (?)
                                      ORDER BY priority DESC, run_at, id LIMIT ? FOR UPDATE SKIP LOCKED) high
                      UNION ALL
                      SELECT * FROM (SELECT id, priority, run_at FROM eejobs_job
                                      WHERE queue_name = ? %5$s AND status = '%3$s' AND priority = 0 AND run_at <= ?
                                        AND job_type = ANY (?) %4$s
                                      ORDER BY run_at, id LIMIT ? FOR UPDATE SKIP LOCKED) normal
                      UNION ALL
                      SELECT * FROM (SELECT id, priority, run_at FROM eejobs_job
                                      WHERE queue_name = ? %5$s AND status = '%3$s' AND priority < 0 AND run_at <= ?
                                        AND job_type = ANY (?)
                                      ORDER BY priority DESC, run_at, id LIMIT ? FOR UPDATE SKIP LOCKED) low
                    ) candidates
                    ORDER BY priority DESC, run_at, id LIMIT ?) due
             WHERE j.id = due.id
            RETURNING j.id, j.job_type, j.queue_name, j.argument_json, j.attempts, j.max_retries, j.backoff,
                      j.heartbeat_ms, j.lease_token, j.run_at, j.priority
            """;
    /**
     * Sent ahead of the claim, completion and heartbeat in the same round trip, for their own
     * transaction only. Left to itself PostgreSQL plans these statements afresh on every execution
     * (a custom plan always looks cheaper on paper): 0.4 ms of planning for a claim that runs in
     * 0.05 ms. A generic plan is made once per connection and kept, so it must not depend on how
     * big the table looked at that moment: planned while the table was nearly empty, the
     * completion would scan the whole table for ever after. With sequential scans off the plans
     * are the index walks these statements are written for, whatever the statistics say.
     */
    private static final String GENERIC_PLAN = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true),"
            + " set_config('enable_seqscan', 'off', true); ";

    private static String claim(String keysetCondition) {
        return CLAIM.formatted(JobTransition.CLAIM.to(), LEASE_EXPIRY, JobState.QUEUED, keysetCondition,
                JobColumns.NOT_PAUSED);
    }

    private static final String CLAIM_FROM_START = GENERIC_PLAN + claim("");
    private static final String CLAIM_AFTER = GENERIC_PLAN + claim("AND (run_at, id) > (?, ?)");

    /**
     * The fence for a batch: a lease token ends in its job's id and is never given to another row,
     * so "id in the batch and token in the batch" means each row carries its own token. Only
     * RUNNING rows hold a token (every transition out of RUNNING clears it), so no status test is
     * needed — and leaving it out keeps the planner on the primary key instead of the RUNNING
     * index, whose dead entries grow with every job completed since the last VACUUM.
     */
    private static final String FENCE = "j.id = ANY (?::bigint[]) AND j.lease_token = ANY (?::varchar[])";

    /**
     * The commit of a completion does not wait for the WAL flush: {@code set_config(…, true)} sets
     * it for the statement's own transaction, with no extra round trip and nothing left on the
     * pooled connection.
     */
    private static final String ASYNC_COMMIT = "(SELECT set_config('synchronous_commit', 'off', true)) AS async";

    private static final String SUCCEED = GENERIC_PLAN + "UPDATE eejobs_job j SET status = '"
            + JobTransition.SUCCEED.to() + "', finished_at = ?, " + JobColumns.clearLeaseSql() + ", "
            + JobColumns.freeUniqueKeySql(JobTransition.SUCCEED) + " FROM " + ASYNC_COMMIT + " WHERE " + FENCE + " RETURNING j.id";

    private static final String SUCCEED_AND_DELETE = GENERIC_PLAN + "DELETE FROM eejobs_job j USING " + ASYNC_COMMIT
            + " WHERE " + FENCE + " RETURNING j.id";

    /**
     * Leases run from the database's clock ({@code now()}), never a node's: the reaper finds them
     * expired by the same clock. The first renewal after an attempt started records the start.
     */
    private static final String HEARTBEAT = GENERIC_PLAN + "UPDATE eejobs_job j SET heartbeat_at = now(),"
            + " lease_expires_at = " + LEASE_EXPIRY + ", start_recorded_at = CASE WHEN j.start_recorded_at IS NULL AND j.id = ANY (?::bigint[]) THEN now()"
            + " ELSE j.start_recorded_at END"
            + " WHERE " + FENCE + " RETURNING j.id";

    private static final String INSERT_COLUMNS = "INSERT INTO eejobs_job (" + JobColumns.insertedList() + ") VALUES ";
    /** One row of {@link JobColumns#INSERTED}: a new job is QUEUED with no attempts. */
    private static final String INSERT_ROW = "(?, ?, ?, '" + JobState.QUEUED + "', ?, ?, ?, ?, 0, ?, ?, ?, ?)";
    /** One-by-one enqueue's statement, built once. */
    private static final String INSERT_ONE = INSERT_COLUMNS + INSERT_ROW;

    private PostgresHotPath() {}

    /**
     * Claims due jobs in claim order, starting after {@code after} when given (null: from the start).
     */
    static Claim claim(Connection c, String queue, Collection<String> types, int limit, String owner,
            Instant now, Keyset after) throws SQLException {
        OffsetDateTime at = Utc.of(now);
        List<ClaimedJob> claimed = new ArrayList<>(limit);
        List<Integer> priorities = new ArrayList<>(limit);
        try (PreparedStatement s = c.prepareStatement(after == null ? CLAIM_FROM_START : CLAIM_AFTER)) {
            s.setString(1, tokenPrefix());
            s.setString(2, owner);
            s.setObject(3, at);
            Array typeArray = c.createArrayOf("varchar", types.toArray());
            int p = 4;
            for (int range = 0; range < 3; range++) {
                s.setString(p++, queue);
                s.setString(p++, queue); // the pause
                s.setObject(p++, at);
                s.setArray(p++, typeArray);
                if (range == 1 && after != null) {
                    s.setObject(p++, Utc.of(after.runAt()));
                    s.setLong(p++, after.id());
                }
                s.setInt(p++, limit);
            }
            s.setInt(p, limit);
            try (ResultSet rs = afterGenericPlan(s)) {
                while (rs.next()) {
                    claimed.add(new ClaimedJob(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getInt(6), rs.getString(7), rs.getLong(8), rs.getString(9),
                            rs.getTimestamp(10).toInstant())); // timestamptz: the instant itself
                    priorities.add(rs.getInt(11));
                }
            }
        }
        // RETURNING does not keep the sub-select's order: restore claim order for the hand-off.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingInt(i -> -priorities.get(i))
                .thenComparing(i -> claimed.get(i).runAt())
                .thenComparingLong(i -> claimed.get(i).id()));
        if (order.isEmpty()) {
            return new Claim(List.of(), null);
        }
        int lastIndex = order.get(order.size() - 1);
        ClaimedJob lastJob = claimed.get(lastIndex);
        return new Claim(order.stream().map(claimed::get).toList(),
                priorities.get(lastIndex) == 0 ? new Keyset(lastJob.runAt(), lastJob.id()) : null);
    }

    /**
     * Marks a batch SUCCEEDED (or deletes it). The commit does not wait for the WAL flush: if
     * PostgreSQL itself crashes within a fraction of a second after it, the jobs are back to
     * RUNNING with their old leases, which expire, and the jobs run again — the at-least-once
     * promise holds, and every job saves a disk flush. Claims, inserts and heartbeats, which
     * guard "never twice at once" and "nothing lost", keep synchronous commits.
     */
    static Set<Long> succeed(Connection c, List<Lease> leases, Instant now, boolean keep) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(keep ? SUCCEED : SUCCEED_AND_DELETE)) {
            int p = 1;
            if (keep) {
                s.setObject(p++, Utc.of(now));
            }
            setLeases(c, s, p, leases);
            return ids(s);
        }
    }

    static Set<Long> heartbeat(Connection c, List<Lease> leases) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(HEARTBEAT)) {
            s.setArray(1, c.createArrayOf("bigint", leases.stream().filter(Lease::started).map(Lease::id)
                    .toArray()));
            setLeases(c, s, 2, leases);
            return ids(s);
        }
    }

    /** Inserts the jobs under the given ids, up to {@link #INSERT_CHUNK} rows per statement. */
    static void insert(Connection c, List<NewJob> jobs, List<Long> ids) throws SQLException {
        for (int from = 0; from < jobs.size(); from += INSERT_CHUNK) {
            int to = Math.min(jobs.size(), from + INSERT_CHUNK);
            String sql = to - from == 1 ? INSERT_ONE
                    : INSERT_COLUMNS + String.join(", ", Collections.nCopies(to - from, INSERT_ROW));
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int p = 1;
                for (int i = from; i < to; i++) {
                    p = JobColumns.bindInserted(s, p, ids.get(i), jobs.get(i));
                }
                s.executeUpdate();
            }
        }
    }

    /**
     * Notifies every payload on the jobs channel in one statement. A notifying transaction gets a
     * transaction id and so a commit record; it is not worth a disk flush (a notification lost
     * in a crash only means the other nodes find the jobs at their next poll), so it commits
     * without waiting for one.
     */
    static void notify(Connection c, List<String> payloads) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, p) FROM " + ASYNC_COMMIT
                + ", unnest(?::text[]) AS p")) {
            s.setString(1, CHANNEL);
            s.setArray(2, c.createArrayOf("text", payloads.toArray()));
            s.executeQuery().close();
        }
    }

    private static void setLeases(Connection c, PreparedStatement s, int first, List<Lease> leases)
            throws SQLException {
        Long[] ids = new Long[leases.size()];
        String[] tokens = new String[leases.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = leases.get(i).id();
            tokens[i] = leases.get(i).token();
        }
        Array idArray = c.createArrayOf("bigint", ids);
        Array tokenArray = c.createArrayOf("varchar", tokens);
        s.setArray(first, idArray);
        s.setArray(first + 1, tokenArray);
    }

    /** Runs a statement sent after {@link #GENERIC_PLAN} and returns its rows. */
    private static ResultSet afterGenericPlan(PreparedStatement s) throws SQLException {
        s.execute(); // first result: the set_config row
        if (!s.getMoreResults()) {
            throw new SQLException("the statement after set_config returned no rows");
        }
        return s.getResultSet();
    }

    private static Set<Long> ids(PreparedStatement s) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (ResultSet rs = afterGenericPlan(s)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** A fresh random prefix per claim; with the job id appended every lease token is unique. */
    private static String tokenPrefix() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes) + "-";
    }
}
