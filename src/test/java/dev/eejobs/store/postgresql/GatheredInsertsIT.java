package dev.eejobs.store.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.postgresql.GatheredInserts.OneInsert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several callers' one-job inserts written in one statement ({@link GatheredInserts}) store each job
 * as the caller's own statement would have: started by its node when asked and its queue is not
 * paused, else QUEUED; and the statement stores all of them or none.
 *
 * <p>Plain JDBC against the machine's PostgreSQL, in a database of its own; no server needed.
 */
class GatheredInsertsIT {

    private static final String DB = "eejobs_gathered_it";
    /** Every column an insert writes, but the id and what is unique per lease (token, clock-read times). */
    private static final String COLUMNS = "job_type, queue_name, status, argument_json, priority, run_at, enqueued_at,"
            + " attempts, max_retries, backoff, heartbeat_ms, schedule_key, timeout_millis, lease_owner, started_at,"
            + " lease_expires_at - heartbeat_at AS lease_length, lease_token IS NULL AS no_token,"
            + " heartbeat_at IS NULL AS no_heartbeat";

    private static Connection c;

    @BeforeAll
    static void freshDatabase() throws SQLException {
        c = ScratchDatabase.fresh(DB);
    }

    @AfterAll
    static void close() throws SQLException {
        if (c != null) {
            c.close();
        }
    }

    private static NewJob job(String queue, String argument) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new NewJob("gathered", queue, argument, 3, now, now, 7, "fixed(2s)", 4000, null, 90_000);
    }

    @Test
    void jobs_written_together_are_stored_as_each_caller_s_own_statement_would_store_them() throws SQLException {
        NewJob started = job("together", "{\"n\":1}");
        NewJob queued = job("together", "{\"n\":2}");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        ClaimedJob alone = PostgresHotPath.insertStarted(c, started, 1, "node-a", now);
        PostgresHotPath.insert(c, List.of(queued), List.of(2L));
        List<ClaimedJob> leases = GatheredInserts.insert(c, List.of(new OneInsert(started, "node-a", now),
                new OneInsert(queued, null, null)), List.of(11L, 12L));

        assertThat(row(11)).isEqualTo(row(1)).containsEntry("status", "RUNNING").containsEntry("attempts", 1)
                .containsEntry("no_token", false).containsEntry("no_heartbeat", false);
        assertThat(row(12)).isEqualTo(row(2)).containsEntry("status", "QUEUED").containsEntry("attempts", 0)
                .containsEntry("no_token", true).containsEntry("no_heartbeat", true);
        assertThat(leases).hasSize(2);
        assertThat(leases.get(1)).isNull();
        ClaimedJob lease = leases.get(0);
        assertThat(lease.id()).isEqualTo(11);
        assertThat(lease.leaseToken()).isEqualTo(token(11)).endsWith("-11").isNotEqualTo(alone.leaseToken());
        assertThat(lease).usingRecursiveComparison().ignoringFields("id", "leaseToken").isEqualTo(alone);
    }

    @Test
    void a_paused_queue_s_job_is_stored_queued_even_when_its_caller_asked_to_start_it() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO eejobs_queue_state (queue_name, paused, changed_at) VALUES ('held', TRUE, now())");
        }
        Instant now = Instant.now();
        List<ClaimedJob> leases = GatheredInserts.insert(c, List.of(new OneInsert(job("held", "{}"), "node-a", now),
                new OneInsert(job("open", "{}"), "node-a", now)), List.of(21L, 22L));

        assertThat(leases.get(0)).isNull();
        assertThat(row(21)).containsEntry("status", "QUEUED").containsEntry("attempts", 0)
                .containsEntry("lease_owner", null).containsEntry("no_token", true);
        assertThat(leases.get(1)).isNotNull();
        assertThat(row(22)).containsEntry("status", "RUNNING").containsEntry("lease_owner", "node-a");
    }

    @Test
    void the_statement_stores_every_job_or_none() throws SQLException {
        PostgresHotPath.insert(c, List.of(job("all-or-none", "{}")), List.of(33L));
        List<OneInsert> inserts = List.of(new OneInsert(job("all-or-none", "{}"), "node-a", Instant.now()),
                new OneInsert(job("all-or-none", "{}"), null, null), new OneInsert(job("all-or-none", "{}"), null, null));

        assertThatThrownBy(() -> GatheredInserts.insert(c, inserts, List.of(31L, 32L, 33L)))
                .isInstanceOf(SQLException.class).hasMessageContaining("eejobs_job_pkey");
        assertThat(count("id IN (31, 32)")).isZero();
        assertThat(count("id = 33")).isEqualTo(1);
    }

    private static Map<String, Object> row(long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM eejobs_job WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("job %d stored", id).isTrue();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                return row;
            }
        }
    }

    private static String token(long id) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT lease_token FROM eejobs_job WHERE id = " + id)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(String where) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM eejobs_job WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
