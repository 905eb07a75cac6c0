package dev.eejobs.store.postgresql;

import dev.eejobs.api.JobAttempt;
import dev.eejobs.api.JobLogLine;
import dev.eejobs.api.JobState;
import dev.eejobs.store.AttemptEnd;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobTransition;
import dev.eejobs.store.Lease;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.Progress;
import dev.eejobs.store.Renewals;
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

    /** The channel cancel requests go to, the job's id as payload; every node's listener hears it. */
    static final String CANCEL_CHANNEL = "eejobs_cancel";

    /** Rows per multi-row insert: 13 parameters each, well under the protocol's 32,767. */
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
     * locked with SKIP LOCKED, then claims the first {@code limit} of them in one statement. The
     * picked ids reach the update as an array ({@code id = ANY (ARRAY(…))}), so the rows are found
     * through the primary key whatever the statistics say: joined instead, a generic plan made
     * while the table looked empty walked the whole primary key once per claimed job (a claim of
     * 79 jobs took 1.2 s at 60,000 rows, and two nodes' claims fell behind their enqueues).
     */
    private static final String CLAIM = """
            UPDATE eejobs_job j
               SET status = '%1$s', attempts = j.attempts + 1, lease_token = ?::text || j.id, lease_owner = ?,
                   started_at = ?, heartbeat_at = now(), start_recorded_at = NULL,
                   lease_expires_at = %2$s
             WHERE j.id = ANY (ARRAY(SELECT id FROM (
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
                    ORDER BY priority DESC, run_at, id LIMIT ?))
            RETURNING j.id, j.job_type, j.queue_name, j.argument_json, j.attempts, j.max_retries, j.backoff,
                      j.heartbeat_ms, j.lease_token, j.run_at, j.priority, j.timeout_millis
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
    static final String GENERIC_PLAN = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true),"
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
     * Ends the condition of a statement that updates a batch of rows joined from arrays: the ids
     * once more, as an array the primary key answers directly. Joined only, a generic plan made
     * while the table looked nearly empty (a fresh install, or statistics from before a backlog)
     * walked the whole primary key for every batch: completions of 10-20 jobs took 15-40 ms at
     * 100,000 rows, and three nodes drained at half the rate of one.
     */
    private static final String BY_ID = " AND j.id = ANY (?::bigint[])";

    /**
     * The commit of a completion does not wait for the WAL flush: {@code set_config(…, true)} sets
     * it for the statement's own transaction, with no extra round trip and nothing left on the
     * pooled connection.
     */
    private static final String ASYNC_COMMIT = "(SELECT set_config('synchronous_commit', 'off', true)) AS async";

    /**
     * The latest progress of a job that reported one ({@code x.pct} not null), else the stored
     * one: set from the batch's arrays, joined to the rows by id and token (the fence).
     */
    private static final String SET_PROGRESS = "progress = COALESCE(x.pct, j.progress),"
            + " progress_message = CASE WHEN x.pct IS NULL THEN j.progress_message ELSE x.msg END";

    /**
     * New log lines of jobs whose write went through: inserted by the same statement, from arrays
     * of (job id, attempt, time, message), in array order (their ids keep the order the lines
     * were written in); {@code %s} names the ids the write changed.
     */
    private static final String INSERT_LOG = "INSERT INTO eejobs_job_log (job_id, attempt, logged_at, message)"
            + " SELECT l.job_id, l.attempt, l.at, l.message"
            + " FROM unnest(?::bigint[], ?::int[], ?::timestamptz[], ?::varchar[]) WITH ORDINALITY"
            + " AS l(job_id, attempt, at, message, n)"
            + " WHERE l.job_id IN (%s) ORDER BY l.n";

    /**
     * The batch's rows, locked in the mode a continuation's insert (which holds its parent with
     * KEY SHARE) waits for — a plain update would not — so a child inserted concurrently is
     * committed before the settling statements below look for it.
     */
    private static final String LOCK_BATCH = "SELECT id FROM eejobs_job WHERE id = ANY (?::bigint[])"
            + " AND lease_token = ANY (?::varchar[]) ORDER BY id FOR UPDATE; ";

    private static final String WAITING = "'" + JobState.WAITING + "'";

    /**
     * Sent after a batch's success, in the same transaction (one implicit transaction up to the
     * round trip's sync): each statement reads the rows committed before it started, so children
     * inserted while the batch waited for their locks are found. Makes the WAITING children of the
     * succeeded jobs QUEUED, locks the WAITING on-complete jobs of their batches in id order (two
     * last members finishing at once: the second counts after the first committed), then makes
     * each QUEUED once none of its members is unfinished. The indexes are partial: for jobs
     * without children or batches these statements find nothing, cheaply.
     */
    private static final String SETTLE = "; UPDATE eejobs_job c SET status = '" + JobState.QUEUED + "', run_at = ?"
            + " WHERE c.status = " + WAITING + " AND c.parent_id = ANY (?::bigint[])"
            + " AND EXISTS (SELECT 1 FROM eejobs_job p WHERE p.id = c.parent_id AND p.status = '" + JobState.SUCCEEDED + "')"
            + "; SELECT o.id FROM eejobs_job o WHERE o.status = " + WAITING + " AND o.id IN (SELECT b.batch_id"
            + " FROM eejobs_job b WHERE b.id = ANY (?::bigint[]) AND b.batch_id IS NOT NULL) ORDER BY o.id FOR UPDATE"
            + "; UPDATE eejobs_job o SET status = '" + JobState.QUEUED + "', run_at = ? WHERE o.status = " + WAITING
            + " AND o.id IN (SELECT b.batch_id FROM eejobs_job b WHERE b.id = ANY (?::bigint[]) AND b.batch_id IS NOT NULL)"
            + " AND NOT EXISTS (SELECT 1 FROM eejobs_job m WHERE m.batch_id = o.id AND m.id <> o.id AND m.status IN ("
            + WAITING + ", '" + JobState.QUEUED + "', '" + JobState.RUNNING + "'))";

    /**
     * Marks a batch SUCCEEDED with each attempt's history on its row (V10), latest progress and new log
     * lines, then settles what waited on the jobs ({@link #SETTLE}): the rows of the batch joined
     * from arrays by id and token (the fence) and locked first ({@link #LOCK_BATCH}).
     */
    private static final String SUCCEED = GENERIC_PLAN + LOCK_BATCH + "WITH done AS (UPDATE eejobs_job j SET status = '"
            + JobTransition.SUCCEED.to() + "', finished_at = ?, " + JobColumns.clearLeaseSql() + ", "
            + JobColumns.freeUniqueKeySql(JobTransition.SUCCEED) + ", " + SET_PROGRESS
            + ", success_node = x.node, success_started_at = x.started, success_finished_at = x.finished"
            + " FROM unnest(?::bigint[], ?::varchar[], ?::smallint[], ?::varchar[], ?::varchar[],"
            + " ?::timestamptz[], ?::timestamptz[])"
            + " AS x(id, token, pct, msg, node, started, finished), " + ASYNC_COMMIT
            + " WHERE j.id = x.id AND j.lease_token = x.token" + BY_ID
            + " RETURNING j.id),"
            + " logged AS (" + INSERT_LOG.formatted("SELECT id FROM done") + ")"
            + " SELECT id FROM done" + SETTLE;

    /** Not kept: settled as if kept, then deleted, in the same transaction. */
    private static final String SUCCEED_AND_DELETE = SUCCEED + "; DELETE FROM eejobs_job j WHERE j.id = ANY (?::bigint[])"
            + " AND j.status = '" + JobTransition.SUCCEED.to() + "'";

    /**
     * Leases run from the database's clock ({@code now()}), never a node's: the reaper finds them
     * expired by the same clock. The first renewal after an attempt started records the start.
     */
    private static final String HEARTBEAT = GENERIC_PLAN + "WITH logged AS (" + INSERT_LOG.formatted(
                    "SELECT f.id FROM eejobs_job f WHERE f.id = ANY (?::bigint[])") + ")"
            + " UPDATE eejobs_job j SET heartbeat_at = now(),"
            + " lease_expires_at = " + LEASE_EXPIRY + ", start_recorded_at = CASE WHEN j.start_recorded_at IS NULL AND x.started THEN now()"
            + " ELSE j.start_recorded_at END, " + SET_PROGRESS
            + " FROM unnest(?::bigint[], ?::varchar[], ?::boolean[], ?::smallint[], ?::varchar[])"
            + " AS x(id, token, started, pct, msg)"
            + " WHERE j.id = x.id AND j.lease_token = x.token" + BY_ID
            + " RETURNING j.id, j.cancel_requested_at IS NOT NULL";

    private static final String INSERT_COLUMNS = "INSERT INTO eejobs_job (" + JobColumns.insertedList() + ") VALUES ";
    /** One row of {@link JobColumns#INSERTED}: a new job is QUEUED with no attempts. */
    private static final String INSERT_ROW = JobColumns.insertedRow(0);
    /** One-by-one enqueue's statement, built once. */
    private static final String INSERT_ONE = INSERT_COLUMNS + INSERT_ROW;

    /**
     * One job stored as already claimed by the enqueuing node, in the state a claim would leave it
     * (RUNNING, first attempt counted, a fresh lease) — or QUEUED, as any insert, when its queue is
     * paused: the pause is read in the same statement, so it holds as it does for claims. Returns
     * whether the job was stored RUNNING. {@code OFFSET 0} keeps the pause's subquery from being
     * pulled up into the select list: pulled up, PostgreSQL copied the {@code EXISTS} into each of
     * the seven {@code CASE}s that read it (seven index scans per insert), and the statement took
     * about a quarter longer than with one.
     */
    private static final String INSERT_STARTED = "INSERT INTO eejobs_job (" + JobColumns.insertedList()
            + ", lease_token, lease_owner, started_at, heartbeat_at, lease_expires_at) SELECT "
            + String.join(", ", JobColumns.INSERTED.stream().map(c -> switch (c) {
                case "status" -> "CASE WHEN q.paused THEN '" + JobState.QUEUED + "' ELSE '" + JobTransition.CLAIM.to()
                        + "' END";
                case "attempts" -> "CASE WHEN q.paused THEN 0 ELSE 1 END";
                default -> "?";
            }).toList())
            + ", CASE WHEN q.paused THEN NULL ELSE ? END, CASE WHEN q.paused THEN NULL ELSE ? END,"
            + " CASE WHEN q.paused THEN NULL ELSE ?::timestamptz END, CASE WHEN q.paused THEN NULL ELSE now() END,"
            + " CASE WHEN q.paused THEN NULL ELSE now() + ?::bigint * interval '1 millisecond' * "
            + ClaimedJob.LEASE_INTERVALS + " END"
            + " FROM (SELECT EXISTS (SELECT 1 FROM eejobs_queue_state p WHERE p.queue_name = ? AND p.paused = TRUE)"
            + " AS paused OFFSET 0) q RETURNING status = '" + JobTransition.CLAIM.to() + "'";

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
                            rs.getTimestamp(10).toInstant(), // timestamptz: the instant itself
                            rs.getLong(12)));
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
    static Set<Long> succeed(Connection c, List<AttemptEnd> ends, Instant now, boolean keep) throws SQLException {
        // each lease carries its attempt's last report, for the arrays of progress and log lines;
        // a job that is not kept gets neither history nor log lines (they would go with its row)
        List<Lease> leases = ends.stream().map(e -> new Lease(e.lease().id(), e.lease().token(), false,
                keep ? e.progress() : null)).toList();
        int n = ends.size();
        String[] nodes = new String[n];
        String[] started = new String[n];
        String[] finished = new String[n];
        for (int i = 0; i < n && keep; i++) {
            JobAttempt a = ends.get(i).attempt();
            if (a != null) { // the success's history, kept on the job row (V10)
                nodes[i] = a.node();
                started[i] = text(a.startedAt());
                finished[i] = text(a.finishedAt());
            }
        }
        try (PreparedStatement s = c.prepareStatement(keep ? SUCCEED : SUCCEED_AND_DELETE)) {
            OffsetDateTime at = Utc.of(now);
            setLeases(c, s, 1, leases); // the lock on the batch's rows
            s.setObject(3, at);
            setLeases(c, s, 4, leases);
            setProgress(c, s, 6, leases);
            s.setArray(8, c.createArrayOf("varchar", nodes));
            s.setArray(9, c.createArrayOf("timestamptz", started));
            s.setArray(10, c.createArrayOf("timestamptz", finished));
            Array ids = c.createArrayOf("bigint", leases.stream().map(Lease::id).toArray());
            s.setArray(11, ids); // BY_ID
            setLogLines(c, s, 12, leases);
            s.setObject(16, at); // settling: children, then batches
            s.setArray(17, ids);
            s.setArray(18, ids);
            s.setObject(19, at);
            s.setArray(20, ids);
            if (!keep) {
                s.setArray(21, ids);
            }
            s.execute(); // results: the set_config row, the locked rows, then the written ids
            if (!s.getMoreResults() || !s.getMoreResults()) {
                throw new SQLException("the completion statement returned no rows");
            }
            Set<Long> written = new HashSet<>();
            try (ResultSet rs = s.getResultSet()) {
                while (rs.next()) {
                    written.add(rs.getLong(1));
                }
            }
            return written;
        }
    }

    /** Renews the leases, writes what the jobs reported and reads their cancel requests, in one statement. */
    static Renewals heartbeat(Connection c, List<Lease> leases) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(HEARTBEAT)) {
            setLogLines(c, s, 1, leases);
            // lines are kept even when the renewal is fenced: the attempt's outcome may have been
            // written while this renewal was on its way (they carry their attempt); progress is not
            Array ids = c.createArrayOf("bigint", leases.stream().map(Lease::id).toArray());
            s.setArray(5, ids);
            setLeases(c, s, 6, leases);
            s.setArray(8, c.createArrayOf("bool", leases.stream().map(Lease::started).toArray()));
            setProgress(c, s, 9, leases);
            s.setArray(11, ids); // BY_ID
            Set<Long> renewed = new HashSet<>();
            Set<Long> cancel = new HashSet<>();
            try (ResultSet rs = afterGenericPlan(s)) {
                while (rs.next()) {
                    renewed.add(rs.getLong(1));
                    if (rs.getBoolean(2)) {
                        cancel.add(rs.getLong(1));
                    }
                }
            }
            return new Renewals(renewed, cancel);
        }
    }

    /** @return an instant as timestamptz text (ISO-8601 in UTC), for an array parameter; null stays null */
    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Sets the latest progress of each lease's job (nulls where none was reported), as two arrays. */
    private static void setProgress(Connection c, PreparedStatement s, int first, List<Lease> leases)
            throws SQLException {
        Short[] percents = new Short[leases.size()];
        String[] messages = new String[leases.size()];
        for (int i = 0; i < percents.length; i++) {
            Progress p = leases.get(i).progress();
            if (p != null && p.percent() != null) {
                percents[i] = p.percent().shortValue();
                messages[i] = p.message();
            }
        }
        s.setArray(first, c.createArrayOf("int2", percents));
        s.setArray(first + 1, c.createArrayOf("varchar", messages));
    }

    /** Sets the new log lines of every lease's job as four arrays: job id, attempt, time, message. */
    private static void setLogLines(Connection c, PreparedStatement s, int first, List<Lease> leases)
            throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<Integer> attempts = new ArrayList<>();
        List<String> times = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (Lease lease : leases) {
            if (lease.progress() == null) {
                continue;
            }
            for (JobLogLine line : lease.progress().lines()) {
                ids.add(lease.id());
                attempts.add(line.attempt());
                times.add(text(line.at()));
                messages.add(line.message());
            }
        }
        s.setArray(first, c.createArrayOf("int8", ids.toArray()));
        s.setArray(first + 1, c.createArrayOf("int4", attempts.toArray()));
        s.setArray(first + 2, c.createArrayOf("timestamptz", times.toArray()));
        s.setArray(first + 3, c.createArrayOf("varchar", messages.toArray()));
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
     * Stores one job under {@code id} as claimed by {@code owner} at {@code now}, in autocommit
     * (synchronous, like any insert and claim); QUEUED instead when its queue is paused.
     *
     * @return the job as its lease holder sees it, or null when it was stored QUEUED
     */
    static ClaimedJob insertStarted(Connection c, NewJob job, long id, String owner, Instant now)
            throws SQLException {
        String token = tokenPrefix() + id; // as a claim makes it: unique, ends in the job's id
        try (PreparedStatement s = c.prepareStatement(INSERT_STARTED)) {
            int p = JobColumns.bindInserted(s, 1, id, job);
            s.setString(p++, token);
            s.setString(p++, owner);
            s.setObject(p++, Utc.of(now));
            s.setLong(p++, job.heartbeatMillis());
            s.setString(p, job.queue());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return null;
                }
            }
        }
        return new ClaimedJob(id, job.type(), job.queue(), job.argumentJson(), 1, job.maxRetries(), job.backoff(),
                job.heartbeatMillis(), token, job.runAt(), job.timeoutMillis());
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

    /** Tells every node that the job has a cancel request (delivered when the transaction commits). */
    static void notifyCancel(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CANCEL_CHANNEL);
            s.setString(2, Long.toString(id));
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
    static ResultSet afterGenericPlan(PreparedStatement s) throws SQLException {
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
    static String tokenPrefix() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes) + "-";
    }
}
