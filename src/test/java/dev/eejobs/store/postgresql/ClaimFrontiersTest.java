package dev.eejobs.store.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eejobs.store.ClaimedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimFrontiersTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final String QUEUE = "q";

    private final ClaimFrontiers frontiers = new ClaimFrontiers();
    /** The position each claim statement was asked to start after (null: from the start). */
    private final List<PostgresHotPath.Keyset> startedAfter = new ArrayList<>();

    private static List<ClaimedJob> jobs(int n) {
        return Collections.nCopies(n, new ClaimedJob(1, "t", QUEUE, "{}", 1, 0, "fixed(1s)", 1000, "token", T0));
    }

    private void claim(Instant now, int limit, int found, PostgresHotPath.Keyset last) throws Exception {
        frontiers.claim(QUEUE, limit, now, after -> {
            startedAfter.add(after);
            return new PostgresHotPath.Claim(jobs(found), last);
        });
    }

    @Test
    void a_busy_queue_resumes_after_the_last_job_claimed() throws Exception {
        PostgresHotPath.Keyset last = new PostgresHotPath.Keyset(T0.minusSeconds(3), 42);
        claim(T0, 10, 10, last);
        claim(T0.plusMillis(5), 10, 10, new PostgresHotPath.Keyset(T0.minusSeconds(2), 77));
        assertThat(startedAfter).containsExactly(null, last);
    }

    @Test
    void a_queue_that_ran_dry_starts_a_margin_before_that_claim() throws Exception {
        claim(T0, 10, 3, null);
        claim(T0.plusMillis(100), 10, 0, null);
        assertThat(startedAfter.get(1)).isEqualTo(new PostgresHotPath.Keyset(T0.minus(ClaimFrontiers.DRY_MARGIN),
                Long.MIN_VALUE));
    }

    @Test
    void a_scan_from_the_start_runs_at_least_once_a_period_whatever_the_frontier() throws Exception {
        PostgresHotPath.Keyset last = new PostgresHotPath.Keyset(T0, 1);
        claim(T0, 10, 10, last);
        claim(T0.plus(ClaimFrontiers.FULL_SCAN_EVERY).minusMillis(1), 10, 10, last);
        claim(T0.plus(ClaimFrontiers.FULL_SCAN_EVERY), 10, 10, last);
        assertThat(startedAfter).containsExactly(null, last, null);
    }

    @Test
    void a_full_claim_ending_on_a_prioritised_job_looks_at_everything_again() throws Exception {
        claim(T0, 10, 10, new PostgresHotPath.Keyset(T0, 1));
        claim(T0.plusMillis(1), 10, 10, null); // full, but its last job was prioritised
        claim(T0.plusMillis(2), 10, 10, null);
        assertThat(startedAfter).containsExactly(null, new PostgresHotPath.Keyset(T0, 1), null);
    }

    @Test
    void queues_keep_frontiers_of_their_own() throws Exception {
        PostgresHotPath.Keyset last = new PostgresHotPath.Keyset(T0, 9);
        claim(T0, 10, 10, last);
        List<PostgresHotPath.Keyset> other = new ArrayList<>();
        frontiers.claim("other", 10, T0.plus(Duration.ofMillis(1)), after -> {
            other.add(after);
            return new PostgresHotPath.Claim(jobs(0), null);
        });
        assertThat(other).containsExactly((PostgresHotPath.Keyset) null);
    }

    @Test
    void after_a_hand_back_every_queue_looks_from_the_start_again() throws Exception {
        claim(T0, 10, 10, new PostgresHotPath.Keyset(T0, 1));
        frontiers.forgetAll();
        claim(T0.plusMillis(1), 10, 10, new PostgresHotPath.Keyset(T0, 2));
        assertThat(startedAfter).containsExactly(null, null);
    }
}
