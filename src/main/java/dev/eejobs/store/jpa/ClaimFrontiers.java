package dev.eejobs.store.jpa;

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
 * job) the next claim resumes after the last job claimed. A job can still turn up behind that
 * position — a run-at in the past, a job handed back by a draining node — so a claim that comes
 * back short, and at least one claim every {@link #FULL_SCAN_EVERY}, scans from the start.
 * Prioritised jobs are always searched from the start: their index is small.
 */
final class ClaimFrontiers {

    static final Duration FULL_SCAN_EVERY = Duration.ofSeconds(1);

    private record Frontier(PostgresHotPath.Keyset after, Instant fullScanDue) {}

    private final Map<String, Frontier> byQueue = new ConcurrentHashMap<>();

    List<ClaimedJob> claim(Connection c, String queue, Collection<String> types, int limit, String owner,
            Instant now) throws SQLException {
        Frontier frontier = byQueue.get(queue);
        boolean fromStart = frontier == null || !now.isBefore(frontier.fullScanDue());
        PostgresHotPath.Claim claim = PostgresHotPath.claim(c, queue, types, limit, owner, now,
                fromStart ? null : frontier.after());
        if (claim.jobs().size() < limit || claim.last() == null) {
            byQueue.remove(queue);
        } else {
            byQueue.put(queue, new Frontier(claim.last(),
                    fromStart ? now.plus(FULL_SCAN_EVERY) : frontier.fullScanDue()));
        }
        return claim.jobs();
    }
}
