package dev.eejobs.store;

import dev.eejobs.api.JobAttempt;

/**
 * An attempt's outcome as the store writes it with its job's transition, in the same
 * transaction: the lease that fences the write, the attempt's history row (none for an attempt
 * that never started) and what the job reported last.
 *
 * @param lease the job's lease
 * @param attempt the history row, or null to write none
 * @param progress what the job reported since the last renewal
 */
public record AttemptEnd(Lease lease, JobAttempt attempt, Progress progress) {

    /** @return an outcome with no history row and nothing reported */
    public static AttemptEnd of(Lease lease) {
        return new AttemptEnd(lease, null, Progress.NONE);
    }
}
