package dev.eejobs.api;

/** Where a job is in its life. */
public enum JobState {
    /** Waiting to run, now or at its run-at time (scheduled and retrying jobs included). */
    QUEUED,
    /** Claimed by a worker holding a live lease. */
    RUNNING,
    /** Finished without error; kept for the retention window. */
    SUCCEEDED,
    /** Out of retries; kept with its last error until an operator retries or deletes it. */
    DEAD,
    /** Cancelled before it ran. */
    CANCELLED,
    /**
     * Stored but not claimable yet: a continuation waiting for its parent job to succeed
     * ({@link JobQueue#enqueueAfter}), or a batch's on-complete job waiting for every job of its
     * batch to finish. It becomes QUEUED when that happens, or CANCELLED (with the reason as its
     * last error) when the parent ends DEAD or CANCELLED. Not final.
     */
    WAITING;

    /** @return whether the job will never run again without an operator */
    public boolean isFinal() {
        return this == SUCCEEDED || this == DEAD || this == CANCELLED;
    }
}
