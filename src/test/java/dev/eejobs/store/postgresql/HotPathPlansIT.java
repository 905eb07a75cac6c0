package dev.eejobs.store.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eejobs.store.AttemptEnd;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.Lease;
import dev.eejobs.store.NewJob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hot path's statements keep finding their rows through the primary key when PostgreSQL's
 * statistics still describe an empty table, as on a fresh install: the statements run with generic
 * plans made once per connection, maybe before the first job existed. Joined to their arrays only,
 * such plans walked the whole primary key once per claimed job or once per completed batch (a
 * claim of 79 jobs read 1.8 million index entries at 60,000 rows). Each test counts the primary-key
 * entries a statement read ({@code pg_stat_user_indexes.idx_tup_read}) on a table of 50,000 jobs
 * analyzed while empty, after the statements were planned on the empty table. The insert of a job
 * started at its enqueue is checked for reading its queue's pause once, not once per column.
 *
 * <p>Plain JDBC against the machine's PostgreSQL, in a database of its own; no server needed.
 */
class HotPathPlansIT {

    private static final String DB = "eejobs_plans_it";
    private static final int ROWS = 50_000;
    private static final int BATCH = 20;
    /** A lookup by key reads about one entry per row; a walk of the whole key reads ROWS per row. */
    private static final long LOOKUPS = 10L * BATCH;

    private static Connection c;

    @BeforeAll
    static void jobsPlannedWhileTheTableWasEmpty() throws SQLException {
        c = ScratchDatabase.fresh(DB);
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE eejobs_job");
        }
        for (int i = 0; i < 8; i++) { // past pgjdbc's prepare threshold: each statement keeps its plan
            PostgresHotPath.claim(c, "plans", List.of("plans"), BATCH, "node-a", Instant.now(), null);
            PostgresHotPath.heartbeat(c, List.of(new Lease(1, "none", true)));
            PostgresHotPath.succeed(c, List.of(AttemptEnd.of(new Lease(1, "none", true))), Instant.now(), true);
        }
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO eejobs_job (id, job_type, queue_name, status, argument_json, priority, run_at,"
                    + " enqueued_at, attempts, max_retries, backoff, heartbeat_ms)"
                    + " SELECT g, 'plans', 'plans', 'QUEUED', '{}', 0, now() - interval '1 hour'"
                    + " + g * interval '1 microsecond', now(), 0, 5, 'exponential(2)', 5000"
                    + " FROM generate_series(1, " + ROWS + ") g");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (c != null) {
            c.close();
        }
    }

    @Test
    void a_claim_heartbeat_and_completion_read_the_primary_key_for_their_own_rows_only() throws SQLException {
        long before = primaryKeyEntriesRead();
        List<ClaimedJob> claimed = PostgresHotPath.claim(c, "plans", List.of("plans"), BATCH, "node-a",
                Instant.now(), null).jobs();
        long afterClaim = primaryKeyEntriesRead();
        assertThat(claimed).hasSize(BATCH);
        assertThat(afterClaim - before).as("primary-key entries read by a claim of %d", BATCH)
                .isLessThan(LOOKUPS);

        List<Lease> leases = claimed.stream().map(j -> new Lease(j.id(), j.leaseToken(), true)).toList();
        assertThat(PostgresHotPath.heartbeat(c, leases).renewed()).hasSize(BATCH);
        long afterHeartbeat = primaryKeyEntriesRead();
        assertThat(afterHeartbeat - afterClaim).as("primary-key entries read by a heartbeat of %d", BATCH)
                .isLessThan(LOOKUPS);

        assertThat(PostgresHotPath.succeed(c, leases.stream().map(AttemptEnd::of).toList(), Instant.now(), true))
                .hasSize(BATCH);
        long afterSuccess = primaryKeyEntriesRead();
        assertThat(afterSuccess - afterHeartbeat).as("primary-key entries read by a completion of %d", BATCH)
                .isLessThan(LOOKUPS);
    }

    @Test
    void a_job_started_at_its_enqueue_reads_its_queues_pause_once() throws SQLException {
        Instant now = Instant.now();
        NewJob job = new NewJob("plans", "plans-started", "{}", 0, now, now, 5, "exponential(2)", 5000, null, 0);
        for (int i = 1; i <= 8; i++) { // past pgjdbc's prepare threshold, as on a node's pooled connection
            long before = indexStat("eejobs_queue_state_pkey", "idx_scan");
            assertThat(PostgresHotPath.insertStarted(c, job, ROWS + i, "node-a", now)).isNotNull();
            assertThat(indexStat("eejobs_queue_state_pkey", "idx_scan") - before)
                    .as("lookups of the queue's pause by started insert %d", i).isEqualTo(1);
        }
    }

    /**
     * PostgreSQL plans a prepared statement afresh at every execution while a custom plan looks
     * cheaper than the generic one, as it always does for statements over arrays whose length the
     * custom plan knows: the insert that stores several callers' jobs at once spent more time in
     * the planner than in the executor. Past pgjdbc's threshold a statement is prepared by name and
     * {@code pg_prepared_statements} counts its plans.
     */
    @Test
    void the_enqueue_statements_are_not_planned_again_at_every_execution() throws SQLException {
        Instant now = Instant.now();
        NewJob job = new NewJob("plans", "plans-gathered", "{}", 0, now, now, 5, "exponential(2)", 5000, null, 0);
        long id = 1_000_000;
        for (int i = 0; i < 20; i++) {
            List<GatheredInserts.OneInsert> two = List.of(new GatheredInserts.OneInsert(job, "node-a", now),
                    new GatheredInserts.OneInsert(job, null, now));
            assertThat(GatheredInserts.insert(c, two, List.of(id++, id++))).hasSize(2);
            assertThat(PostgresHotPath.insertStarted(c, job, id++, "node-a", now)).isNotNull();
        }
        int gathered = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements"
                        + " WHERE statement LIKE '%eejobs_job%'")) {
            while (rs.next()) {
                String statement = rs.getString(1).strip();
                assertThat(rs.getLong(3)).as("custom plans of %s", statement).isLessThanOrEqualTo(5);
                if (statement.startsWith("INSERT INTO eejobs_job (") && statement.contains("unnest(")) {
                    gathered++;
                    assertThat(rs.getLong(2)).as("generic plans of the gathered insert").isPositive();
                }
            }
        }
        assertThat(gathered).as("the gathered insert, prepared by name").isEqualTo(1);
    }

    private static long primaryKeyEntriesRead() throws SQLException {
        return indexStat("eejobs_job_pkey", "idx_tup_read");
    }

    /** One of this backend's index statistics, flushed to the statistics first (PostgreSQL 15). */
    private static long indexStat(String index, String column) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_force_next_flush()");
        }
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("SELECT " + column + " FROM pg_stat_user_indexes"
                    + " WHERE indexrelname = '" + index + "'")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
