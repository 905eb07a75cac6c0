package dev.eejobs.store;

import java.time.Instant;

/**
 * A RUNNING job whose lease expired by the database's clock, as the reaper sees it.
 *
 * @param job the job as its lost lease holder claimed it
 * @param started whether its attempt's start was recorded: only then did it run, and may have
 *     killed its node
 * @param unstartedExpiries how often its lease already expired before a start was recorded
 * @param owner the node that held the lease
 * @param startedAt when the lease holder claimed it (the attempt's start, for its history)
 * @param cancelRequested whether an operator asked to cancel it: it then ends CANCELLED, not retried
 */
public record ExpiredLease(ClaimedJob job, boolean started, int unstartedExpiries, String owner, Instant startedAt,
        boolean cancelRequested) {

    /** An expired lease with no cancel request, its holder and start unknown. */
    public ExpiredLease(ClaimedJob job, boolean started, int unstartedExpiries) {
        this(job, started, unstartedExpiries, null, null, false);
    }
}
