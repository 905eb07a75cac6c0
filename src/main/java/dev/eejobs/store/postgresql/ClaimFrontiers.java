package dev.eejobs.store.postgresql;

import dev.eejobs.store.ClaimedJob;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each queue's next claim starts. Claimed rows leave dead entries at the front of the
 * QUEUED index until VACUUM, so a claim that always scanned from the start would slow down with
 * every job drained. While a queue is busy (claims come back full, ending on an unprioritised
 * job) the next claim resumes after the last job claimed. Once a claim comes back short the queue
 * has run dry, and the next claims start {@link #DRY_MARGIN} before that claim: jobs committed
 * since then with a slightly older run-at (a concurrent enqueue, a clock a little behind) are
 * still in range, and the dead entries walked stay a quarter of a second's worth. Anything
 * further behind — a run-at set in the past, a job handed back by a draining node — is found by
 * the scan from the start that runs at least every {@link #FULL_SCAN_EVERY}. Prioritised jobs are always searched
 * from the start: their index is small.
 */
final class ClaimFrontiers {

    static final Duration FULL_SCAN_EVERY = Duration.ofSeconds(1);
    static final Duration DRY_MARGIN = Duration.ofMillis(250);

    private record Frontier(PostgresHotPath.Keyset after, Instant fullScanDue) {}

    private final Map<String, Frontier> byQueue = new ConcurrentHashMap<>();

    /**
     * Makes every queue's next claim start from the beginning: a job handed back sits behind the
     * frontier it was claimed at, and hand-backs are rare (shutdown, a waiting job's lost lease).
     */
    void forgetAll() {
        byQueue.clear();
    }

    /** One claim statement starting after a keyset position, or from the start for null. */
    @FunctionalInterface
    interface ClaimQuery {
        PostgresHotPath.Claim run(PostgresHotPath.Keyset after) throws SQLException;
    }

    List<ClaimedJob> claim(Connection c, String queue, Collection<String> types, int limit, String owner,
            Instant now) throws SQLException {
        return claim(queue, limit, now, after -> PostgresHotPath.claim(c, queue, types, limit, owner, now, after));
    }

    /**
     * Runs the claim from where the queue's frontier says, and moves the frontier by its result.
     *
     * @param query the claim statement, given the position to start after (null: from the start)
     */
    List<ClaimedJob> claim(String queue, int limit, Instant now, ClaimQuery query) throws SQLException {
        Frontier frontier = byQueue.get(queue);
        boolean fromStart = frontier == null || !now.isBefore(frontier.fullScanDue());
        PostgresHotPath.Claim claim = query.run(fromStart ? null : frontier.after());
        Instant fullScanDue = fromStart ? now.plus(FULL_SCAN_EVERY) : frontier.fullScanDue();
        if (claim.jobs().size() == limit && claim.last() != null) {
            byQueue.put(queue, new Frontier(claim.last(), fullScanDue));
        } else if (claim.jobs().size() == limit) {
            byQueue.remove(queue); // busy with prioritised jobs: look at everything again
        } else {
            // every id is above Long.MIN_VALUE: this keyset means "run_at at or after the floor"
            byQueue.put(queue, new Frontier(new PostgresHotPath.Keyset(now.minus(DRY_MARGIN), Long.MIN_VALUE),
                    fullScanDue));
        }
        return claim.jobs();
    }
}
